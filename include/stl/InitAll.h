//===- InitAll.h - Register everything stl-mlir provides --------*- C++ -*-===//
//
// Registration entry points for compilers that embed stl-mlir:
//
//   mlir::DialectRegistry registry;
//   mlir::stl::registerAll(registry);     // stl dialect, passes, pipelines
//   mlir::MLIRContext context(registry);
//
// `registerEverything` (include/stl/InitEverything.h) adds every upstream
// dialect, extension and pass as well, like stl-opt.
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
/// `--convert-stl-to-linalg`, ...) and pipeline (`--stl-cpu-pipeline`,
/// `--stl-gpu-pipeline`, ...) with MLIR's global registries. Calling it more
/// than once is harmless (registering a pipeline twice is otherwise a fatal
/// error in MLIR).
void registerAllPasses();

/// The one call: `registerAllDialects(registry)` and `registerAllPasses()`.
void registerAll(DialectRegistry &registry);

} // namespace stl
} // namespace mlir

#endif // STL_INITALL_H
