//===- InitAll.cpp - Register everything stl-mlir provides ----------------===//

#include "stl/InitAll.h"
#include "stl/Conversion/Passes.h"
#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Pipelines/Pipelines.h"

void mlir::stl::registerAllDialects(DialectRegistry &registry) {
  registry.insert<STLDialect>();
}

void mlir::stl::registerAllPasses() {
  registerSTLPasses();
  registerSTLConversionPasses();
  registerSTLPipelines();
}
