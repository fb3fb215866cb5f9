//===- InitEverything.h - stl-mlir and all of upstream MLIR -----*- C++ -*-===//
//
// What stl-opt and the C API register: every upstream MLIR dialect,
// extension, pass and LLVM IR translation, and everything of stl-mlir. For
// drivers that accept arbitrary input IR and pipelines; a compiler that
// only needs the stl passes uses stl/InitAll.h, which does not pull in all
// of MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef STL_INITEVERYTHING_H
#define STL_INITEVERYTHING_H

#include "mlir/IR/DialectRegistry.h"

namespace mlir {
namespace stl {

/// Adds every upstream dialect and extension, the LLVM IR translations (for
/// serialising GPU kernels) and the `stl` dialect to `registry`.
void registerEverythingDialects(DialectRegistry &registry);

/// Registers every upstream pass and pipeline and every stl pass and
/// pipeline. Calling it more than once is harmless.
void registerEverythingPasses();

/// Both of the above.
void registerEverything(DialectRegistry &registry);

} // namespace stl
} // namespace mlir

#endif // STL_INITEVERYTHING_H
