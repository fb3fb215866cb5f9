//===- Passes.h - Strassen-Tile transformation passes -----------*- C++ -*-===//

#ifndef STL_DIALECT_STL_TRANSFORMS_PASSES_H
#define STL_DIALECT_STL_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"
#include "stl/Dialect/STL/IR/STLDialect.h"

namespace mlir {
class RewritePatternSet;
namespace stl {

#define GEN_PASS_DECL
#include "stl/Dialect/STL/Transforms/Passes.h.inc"

/// Patterns rewriting stl.matmul into encode / tile product / decode (see
/// decomposeMatmul for `decodeIntoDestination`).
void populateDecomposeMatmulPatterns(RewritePatternSet &patterns,
                                     bool decodeIntoDestination = false);

#define GEN_PASS_REGISTRATION
#include "stl/Dialect/STL/Transforms/Passes.h.inc"

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_TRANSFORMS_PASSES_H
