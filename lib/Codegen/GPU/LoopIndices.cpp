//===- LoopIndices.cpp - Indices as affine forms of loop variables --------===//

#include "LoopIndices.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/MapVector.h"

using namespace mlir;
using namespace mlir::stl;

/// `terms` summed per term, without zeros, in the canonical order.
static SmallVector<std::pair<Value, int64_t>>
normalize(ArrayRef<std::pair<Value, int64_t>> terms) {
  llvm::SmallMapVector<Value, int64_t, 4> sums;
  for (auto [t, c] : terms)
    sums[t] += c;
  SmallVector<std::pair<Value, int64_t>> result;
  for (auto [t, c] : sums)
    if (c != 0)
      result.push_back({t, c});
  llvm::sort(result, [](auto &a, auto &b) {
    return a.first.getAsOpaquePointer() < b.first.getAsOpaquePointer();
  });
  return result;
}

int64_t AffineIndex::getCoefficient(Value term) const {
  for (auto [t, c] : terms)
    if (t == term)
      return c;
  return 0;
}

AffineIndex AffineIndex::scaled(int64_t factor) const {
  AffineIndex result;
  if (factor == 0)
    return result;
  result.constant = constant * factor;
  for (auto [t, c] : terms)
    result.terms.push_back({t, c * factor});
  return result;
}

AffineIndex AffineIndex::plus(const AffineIndex &other) const {
  AffineIndex result;
  result.constant = constant + other.constant;
  SmallVector<std::pair<Value, int64_t>> all(terms);
  all.append(other.terms.begin(), other.terms.end());
  result.terms = normalize(all);
  return result;
}

AffineIndex AffineIndex::renamed(ValueRange from, ValueRange to) const {
  AffineIndex result;
  result.constant = constant;
  SmallVector<std::pair<Value, int64_t>> all;
  for (auto [t, c] : terms) {
    auto it = llvm::find(from, t);
    all.push_back({it == from.end() ? t : to[it - from.begin()], c});
  }
  result.terms = normalize(all);
  return result;
}

static std::optional<AffineIndex>
getAffineIndexImpl(Value value, scf::ParallelOp loop, int depth) {
  AffineIndex result;
  APInt constant;
  if (matchPattern(value, m_ConstantInt(&constant))) {
    result.constant = constant.getSExtValue();
    return result;
  }
  if (llvm::is_contained(loop.getInductionVars(), value) ||
      !loop->isAncestor(value.getParentRegion()->getParentOp())) {
    result.terms.push_back({value, 1});
    return result;
  }
  Operation *op = value.getDefiningOp();
  if (!op || depth > 16 ||
      !isa<arith::AddIOp, arith::SubIOp, arith::MulIOp>(op))
    return std::nullopt;
  std::optional<AffineIndex> lhs =
      getAffineIndexImpl(op->getOperand(0), loop, depth + 1);
  std::optional<AffineIndex> rhs =
      getAffineIndexImpl(op->getOperand(1), loop, depth + 1);
  if (!lhs || !rhs)
    return std::nullopt;
  if (isa<arith::AddIOp>(op))
    return lhs->plus(*rhs);
  if (isa<arith::SubIOp>(op))
    return lhs->plus(rhs->scaled(-1));
  if (lhs->terms.empty())
    return rhs->scaled(lhs->constant);
  if (rhs->terms.empty())
    return lhs->scaled(rhs->constant);
  return std::nullopt;
}

std::optional<AffineIndex> mlir::stl::getAffineIndex(Value value,
                                                     scf::ParallelOp loop) {
  return getAffineIndexImpl(value, loop, 0);
}
