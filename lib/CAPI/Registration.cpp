//===- Registration.cpp - C API: registering stl-mlir ---------------------===//

#include "stl-c/Registration.h"

#include "stl/InitAll.h"
#include "stl/InitEverything.h"

#include "mlir/CAPI/IR.h"

// A null registry is left alone: nothing is registered.
void stlRegisterAllDialects(MlirDialectRegistry registry) {
  if (mlirDialectRegistryIsNull(registry))
    return;
  mlir::stl::registerAllDialects(*unwrap(registry));
}

void stlRegisterAllPasses(void) { mlir::stl::registerAllPasses(); }

void stlRegisterEverything(MlirDialectRegistry registry) {
  if (mlirDialectRegistryIsNull(registry))
    return;
  mlir::stl::registerEverything(*unwrap(registry));
}
