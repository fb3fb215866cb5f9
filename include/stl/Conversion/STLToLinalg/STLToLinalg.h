//===- STLToLinalg.h - Lowering stl ops to linalg ---------------*- C++ -*-===//

#ifndef STL_CONVERSION_STLTOLINALG_STLTOLINALG_H
#define STL_CONVERSION_STLTOLINALG_STLTOLINALG_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
namespace stl {

#define GEN_PASS_DECL_CONVERTSTLTOLINALG
#include "stl/Conversion/Passes.h.inc"

/// Patterns lowering stl.encode, stl.tile_product and stl.decode to linalg
/// on tensors (stl.matmul is handled by the decomposition patterns).
void populateSTLToLinalgConversionPatterns(RewritePatternSet &patterns);

/// Patterns lowering stl.encode and stl.decode of float data to one
/// scf.parallel each over the grid of tiles, storing into a fresh buffer,
/// the scheme's coefficients folded into the arithmetic
/// (PerTileEncodings.cpp). They take precedence over the contraction
/// patterns, which remain for integers.
void populateSTLToLinalgPerTileEncodingPatterns(RewritePatternSet &patterns);

} // namespace stl
} // namespace mlir

#endif // STL_CONVERSION_STLTOLINALG_STLTOLINALG_H
