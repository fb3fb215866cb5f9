//===- ContractionMatch.h - Linalg contractions read as MatMuls -*- C++ -*-===//
//
// What every target's code generation needs to know about a MatMul-like
// linalg op (the STL tile product, encodings, dense MatMuls, batched and
// grouped forms): which loops are batch, M, N and K, which operand is the
// left one, the element types, and whether the operands are laid out the way
// a row-major micro-kernel reads them. Strategies decide from this whether
// and how they generate code for the op.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_COMMON_CONTRACTIONMATCH_H
#define STL_CODEGEN_COMMON_CONTRACTIONMATCH_H

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"

#include <optional>

namespace mlir {
namespace stl {

/// A linalg op computing out[B, M, N] += lhs[B, M, K] * rhs[B, K, N] (each
/// of B, M, N, K possibly several loops, the batch possibly absent from
/// one input), as `linalg::inferContractionDims` reads it: the lhs is the
/// first input (it holds the M loops), the rhs the second (the N loops).
struct MatmulContraction {
  linalg::LinalgOp op;
  /// `op` as a value (LinalgOp methods are not const).
  linalg::LinalgOp getOp() const { return op; }
  /// The loops of each role (loop positions in the op).
  linalg::ContractionDimensions dims;
  /// The innermost loop of each role: the one a strategy tiles; the other
  /// loops of a role are tiled by 1.
  unsigned m = 0, n = 0, k = 0;
  /// The static loop ranges (ShapedType::kDynamic where dynamic).
  SmallVector<int64_t> loopRanges;

  /// The element type of the destination.
  Type getAccumulatorType() const;
  /// The element type of input `input` (0 or 1).
  Type getInputElementType(unsigned input) const;
  /// Whether every operand has the accumulator's element type.
  bool hasOneElementType() const;
  /// Whether every loop range is static.
  bool hasStaticShape() const;
  /// Whether the operands are on buffers (after bufferization).
  bool hasBufferSemantics() const;

  /// The loops a kernel runs one value of each at a time, outside its
  /// M x N tiles: the batch loops and the M and N loops other than the
  /// innermost ones (a batch that only the lhs has is an outer M loop), in
  /// loop order.
  SmallVector<unsigned> getOuterLoops() const;

  /// Row-major operands, as a micro-kernel that broadcasts lhs elements
  /// and loads rhs rows reads them: N innermost in the destination and in
  /// the rhs, K innermost in the lhs.
  bool isRowMajor() const;
  /// Whether `loop` is the innermost index of the operand `operand`.
  bool isInnermostOf(OpOperand &operand, unsigned loop) const;
};

/// Reads `op` as a MatMul: two inputs, one destination, projected
/// permutation indexing maps, a multiply-add body (`isaContractionOpInterface`)
/// and at least one loop of each of M, N and K. Returns nullopt otherwise.
std::optional<MatmulContraction> matchMatmulContraction(linalg::LinalgOp op);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_COMMON_CONTRACTIONMATCH_H
