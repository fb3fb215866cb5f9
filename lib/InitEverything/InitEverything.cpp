//===- InitEverything.cpp - stl-mlir and all of upstream MLIR -------------===//

#include "stl/InitEverything.h"
#include "stl/InitAll.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include <mutex>

void mlir::stl::registerEverythingDialects(DialectRegistry &registry) {
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // Serialising GPU kernels (--stl-gpu-pipeline, --gpu-module-to-binary)
  // translates them to LLVM IR.
  mlir::registerAllToLLVMIRTranslations(registry);
  stl::registerAllDialects(registry);
}

void mlir::stl::registerEverythingPasses() {
  static std::once_flag once;
  std::call_once(once, [] { mlir::registerAllPasses(); });
  stl::registerAllPasses();
}

void mlir::stl::registerEverything(DialectRegistry &registry) {
  registerEverythingDialects(registry);
  registerEverythingPasses();
}
