//===- CostModel.h - Cost of a Strassen-Tile MatMul (STL.md 6) --*- C++ -*-===//

#ifndef STL_SCHEME_COSTMODEL_H
#define STL_SCHEME_COSTMODEL_H

#include "stl/Scheme/Scheme.h"

#include "llvm/Support/JSON.h"

#include <optional>

namespace mlir {
namespace stl {

/// The sizes of a (batched) MatMul: `batch` x [M x K] * [K x N], with
/// `weightBatch` batches of weights (1 when shared by every batch, or
/// `batch`). The tile of the scheme must divide M, K and N.
struct MatmulSizes {
  int64_t batch = 1, m = 0, k = 0, n = 0, weightBatch = 1;
};

/// Multiply-add and storage counts of one STL MatMul (STL.md section 6).
struct STLCost {
  /// M*K*N per batch.
  int64_t denseMacs = 0;
  /// r * (M/m) * (K/k) * (N/n) per batch.
  int64_t tileProductMacs = 0;
  /// r * M * K per batch: every coefficient of U applied to every tile.
  int64_t encodeLhsMacs = 0;
  /// nnz(U) * (M/m) * (K/k) per batch: only the non-zero coefficients.
  int64_t encodeLhsMacsSparse = 0;
  /// r * K * N per weight batch; zero at run time for constant weights.
  int64_t encodeRhsMacs = 0;
  int64_t encodeRhsMacsSparse = 0;
  /// r * M * N per batch.
  int64_t decodeMacs = 0;
  int64_t decodeMacsSparse = 0;
  /// K * N and r * (K/k) * (N/n) per weight batch.
  int64_t storedWeightsDense = 0;
  int64_t storedWeightsEncoded = 0;
  /// True when a count does not fit in int64 (sizes near 2^21 and more):
  /// the counts are then meaningless and are reported as too large.
  bool overflowed = false;

  /// Tile product, encodes and decode (dense coefficient counts).
  int64_t totalMacs() const;
  /// The same with only the non-zero coefficients.
  int64_t totalMacsSparse() const;

  /// Adds `o`, checked (`overflowed` when a sum does not fit).
  STLCost &operator+=(const STLCost &o);
};

/// A count of multiply-adds: exact while it fits in int64 (no value once a
/// product overflows), and in double precision, which never overflows, for
/// comparisons and ratios.
struct MacCount {
  std::optional<int64_t> exact;
  double approx = 0.0;
};

/// Multiply-adds of the dense MatMul of `batch` x [m x k] * [k x n], with the
/// batch the product of `batchSizes` (none: one MatMul): batch * m * k * n.
MacCount countDenseMacs(int64_t m, int64_t k, int64_t n,
                        llvm::ArrayRef<int64_t> batchSizes = {});

/// Multiply-adds of the tile product of the same MatMul computed with
/// `scheme`, on operands padded to multiples of its tile when it does not
/// divide the sizes: batch * r * ceil(m/tm) * ceil(k/tk) * ceil(n/tn).
MacCount countTileProductMacs(const Scheme &scheme, int64_t m, int64_t k,
                              int64_t n,
                              llvm::ArrayRef<int64_t> batchSizes = {});

/// The cost of `sizes` computed with `scheme`. With `constantWeights` the
/// weights are encoded ahead of time and cost nothing at run time. Every
/// product and sum is checked: a count that overflows int64 sets
/// `overflowed`.
STLCost computeSTLCost(const Scheme &scheme, const MatmulSizes &sizes,
                       bool constantWeights);

/// The cost as the JSON object of `--stl-cost-report=format=json`
/// ("dense_macs", "tile_product_macs", ..., "stl_macs", "stl_macs_sparse",
/// "stored_weights_dense", "stored_weights_encoded"), or
/// `{"overflow": true}` when the counts do not fit in int64.
llvm::json::Object toJSON(const STLCost &cost);

/// Number of non-zero coefficients of U, V and D.
int64_t countNonZero(llvm::ArrayRef<double> coefficients);

} // namespace stl
} // namespace mlir

#endif // STL_SCHEME_COSTMODEL_H
