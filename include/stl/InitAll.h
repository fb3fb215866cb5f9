//===- InitAll.h - Register everything stl-mlir provides --------*- C++ -*-===//
//
// One call for an embedding compiler: the `stl` dialect into a registry, and
// the project's passes and pipelines into the global pass registry.
//
//===----------------------------------------------------------------------===//

#ifndef STL_INITALL_H
#define STL_INITALL_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir {
namespace stl {

/// Adds the `stl` dialect to `registry`.
void registerAllDialects(DialectRegistry &registry);

/// Registers every stl pass (`--stl-replace-matmul`, `--stl-decompose`,
/// `--convert-stl-to-linalg`) and pipeline (`--stl-cpu-pipeline`).
void registerAllPasses();

} // namespace stl
} // namespace mlir

#endif // STL_INITALL_H
