//===- MatmulMatch.h - Recognising MatMuls in linalg -------------*- C++
//-*-===//
//
// Recognises, by structure rather than by name, the linalg ops that compute a
// (batched) matrix product C += A * B on tensors: linalg.matmul and
// linalg.batch_matmul with any indexing maps (transposed operands),
// linalg.contract and linalg.generic contractions with a multiply-add body
// (possibly extending narrow inputs; float or integer arithmetic), and says
// how each operand maps to the
// canonical layouts [B..., M, K], [B..., K, N] (or [K, N]) and [B..., M, N].
//
//===----------------------------------------------------------------------===//

#ifndef STL_DIALECT_STL_TRANSFORMS_MATMULMATCH_H
#define STL_DIALECT_STL_TRANSFORMS_MATMULMATCH_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <string>

namespace mlir {
namespace stl {

/// A linalg op recognised as a (batched) matrix product.
struct MatmulMatch {
  linalg::LinalgOp op;
  /// Loop dimensions: the batch dimensions in the order of C, then M; the N
  /// dimensions (in the order of C) and the K dimensions (in the order of
  /// A). Several N or K dimensions (grouped dimensions: a K of (heads,
  /// head_dim), batch_reduce_matmul's (batch, k), mmt4d's inner tiles) are
  /// collapsed into one N or K by the rewrite.
  SmallVector<unsigned> batchDims;
  unsigned mDim = 0;
  SmallVector<unsigned> nDims, kDims;
  /// False when B has no batch dimension (weights shared by every batch).
  bool rhsBatched = true;
  /// Integer MatMuls: the operands are zero-extended (unsigned,
  /// `cast_unsigned`) rather than sign-extended.
  bool zeroExtend = false;
  /// Permutations taking each operand to its canonical layout (`[B..., M,
  /// K...]`, `[B..., K..., N...]` or `[K..., N...]`, `[B..., M, N...]`):
  /// canonical dimension i is dimension perm[i] of the operand.
  SmallVector<int64_t> lhsPerm, rhsPerm, outPerm;
  /// Static loop sizes (ShapedType::kDynamic where unknown).
  SmallVector<int64_t> loopSizes;

  Value lhs() const { return op->getOperand(0); }
  Value rhs() const { return op->getOperand(1); }
  Value init() const { return op->getOperand(2); }
  int64_t size(unsigned dim) const { return loopSizes[dim]; }
  /// The product of the sizes of `dims` (kDynamic if one is dynamic; the
  /// match ensures static products fit in int64).
  int64_t groupSize(ArrayRef<unsigned> dims) const;
  int64_t m() const { return size(mDim); }
  int64_t n() const { return groupSize(nDims); }
  int64_t k() const { return groupSize(kDims); }
  /// True when N or K is a group of several loop dimensions.
  bool isGrouped() const { return nDims.size() > 1 || kDims.size() > 1; }
  bool hasStaticSizes() const;
  /// True when M, K and N are static (batch sizes may be dynamic).
  bool hasStaticMatrixSizes() const;
};

/// True for the ops the rewrite considers: linalg contractions in the sense
/// of `linalg::isaContractionOpInterface`. Other ops are not MatMuls and are
/// not reported on.
bool isMatmulCandidate(linalg::LinalgOp op);

/// Recognises `op` (any linalg op) as a (batched) float or integer MatMul
/// on tensors. On failure, `reason` says why in words a user can read ("it
/// has 2 reduction dimensions", ...).
FailureOr<MatmulMatch> matchMatmul(linalg::LinalgOp op, std::string &reason);

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_TRANSFORMS_MATMULMATCH_H
