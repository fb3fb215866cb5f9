//===- stl-opt.cpp - The stl-mlir optimizer driver ------------------------===//
//
// mlir-opt with the stl dialect, passes and pipelines registered beside the
// upstream ones.
//
//===----------------------------------------------------------------------===//

#include "stl/InitAll.h"
#include "stl/Tools/SanitizerDefaults.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::stl::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::stl::registerAllDialects(registry);
  // Serialising GPU kernels (--stl-gpu-pipeline, --gpu-module-to-binary)
  // translates them to LLVM IR.
  mlir::registerAllToLLVMIRTranslations(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "stl-mlir optimizer driver\n", registry));
}
