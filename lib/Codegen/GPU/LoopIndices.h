//===- LoopIndices.h - Indices as affine forms of loop variables -*- C++
//-*-===//
//
// The indices of the GPU's grid loops' accesses as affine forms of the
// loops' induction variables, which --stl-gpu-coarsen-parallel-loops and
// --stl-gpu-fuse-grid-loops compare.
//
//===----------------------------------------------------------------------===//

#ifndef STL_LIB_CODEGEN_GPU_LOOPINDICES_H
#define STL_LIB_CODEGEN_GPU_LOOPINDICES_H

#include "mlir/Dialect/SCF/IR/SCF.h"

#include <optional>

namespace mlir {
namespace stl {

/// An index as `constant + sum coefficient * term`, the terms a loop's
/// induction variables and values defined above it.
struct AffineIndex {
  int64_t constant = 0;
  /// Sorted by the terms' opaque pointers; no zero coefficient.
  SmallVector<std::pair<Value, int64_t>> terms;

  bool operator==(const AffineIndex &other) const {
    return constant == other.constant && terms == other.terms;
  }

  /// The coefficient of `term` (0 when it has none).
  int64_t getCoefficient(Value term) const;
  /// The form times `factor`.
  AffineIndex scaled(int64_t factor) const;
  /// The sum of the two forms.
  AffineIndex plus(const AffineIndex &other) const;
  /// The form with each term `from[i]` replaced by `to[i]`.
  AffineIndex renamed(ValueRange from, ValueRange to) const;
};

/// `value` as an affine form of `loop`'s induction variables and values
/// defined above it, if it is one (index constants, additions,
/// subtractions and multiplications by constants).
std::optional<AffineIndex> getAffineIndex(Value value, scf::ParallelOp loop);

} // namespace stl
} // namespace mlir

#endif // STL_LIB_CODEGEN_GPU_LOOPINDICES_H
