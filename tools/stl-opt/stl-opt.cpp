//===- stl-opt.cpp - The stl-mlir optimizer driver ------------------------===//
//
// mlir-opt with the stl dialect, passes and pipelines registered beside the
// upstream ones.
//
//===----------------------------------------------------------------------===//

#include "stl/InitEverything.h"
#include "stl/Tools/SanitizerDefaults.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::stl::registerEverything(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "stl-mlir optimizer driver\n", registry));
}
