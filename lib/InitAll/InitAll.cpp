//===- InitAll.cpp - Register everything stl-mlir provides ----------------===//

#include "stl/InitAll.h"
#include "stl/Codegen/Passes.h"
#include "stl/Conversion/Passes.h"
#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Dialect/STL/TransformOps/STLTransformOps.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Pipelines/Pipelines.h"

#include <mutex>

void mlir::stl::registerAllDialects(DialectRegistry &registry) {
  registry.insert<STLDialect>();
  // transform.stl.*, loaded with the transform dialect.
  registerTransformDialectExtension(registry);
}

void mlir::stl::registerAllPasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerSTLPasses();
    registerSTLConversionPasses();
    registerSTLCodegenPasses();
    registerSTLPipelines();
  });
}

void mlir::stl::registerAll(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllPasses();
}
