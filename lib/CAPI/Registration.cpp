//===- Registration.cpp - C API: registering stl-mlir ---------------------===//

#include "stl-c/Registration.h"

#include "stl/InitAll.h"
#include "stl/InitEverything.h"

#include "mlir/CAPI/IR.h"

void stlRegisterAllDialects(MlirDialectRegistry registry) {
  mlir::stl::registerAllDialects(*unwrap(registry));
}

void stlRegisterAllPasses(void) { mlir::stl::registerAllPasses(); }

void stlRegisterEverything(MlirDialectRegistry registry) {
  mlir::stl::registerEverything(*unwrap(registry));
}
