//===- PackContractions.cpp - Row-major layouts for CPU contractions ------===//
//
// The CPU vector strategy for MatMul-like contractions reads its operands
// row-major: N innermost in the destination and the rhs, K innermost in the
// lhs, the innermost K long enough for a reduction loop, and a destination
// that is a buffer of its own (not a reshaped view). This pass, on linalg
// on tensors, rewrites the contractions that miss only that into ones that
// have it:
//
// * every role's loops (batch, M, N, K as `inferContractionDims` reads
//   them) are renumbered so that each role's innermost loop in the layouts
//   is its last loop, which the strategies tile;
// * a short innermost K is merged with the K loops around it into one loop
//   (an encoding's (a, b) tile loops become q = a * colTile + b);
// * an input whose layout does not fit is copied by a `linalg.generic`
//   into a fresh tensor [B..., M..., K...] (lhs) or [B..., K..., N...]
//   (rhs), merged loops as one dimension; an input that fits but has loops
//   to merge is collapsed (`tensor.collapse_shape`, folded for constants);
// * a destination that does not fit becomes a fresh zero-filled tensor
//   [B..., M..., N...] (its M loops merged into one when the lhs allows),
//   and the result is added into the original destination by an
//   elementwise `linalg.generic` reading through the permuted map.
//
// Accumulators are never reshaped: the vector strategy keeps a
// destination's tile in registers only when it is a buffer of its own.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/CPU/ContractionStrategy.h"
#include "stl/Codegen/CPU/Passes.h"
#include "stl/Codegen/Common/ContractionMatch.h"
#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCPUPACKCONTRACTIONS
#include "stl/Codegen/CPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

namespace {
/// One role's loops in the rewritten contraction: the original loops,
/// outermost first; the last `merged` of them (0, or at least 2) become one
/// loop.
struct RoleLayout {
  SmallVector<unsigned> loops;
  unsigned merged = 0;

  /// The loops that stay loops of their own.
  ArrayRef<unsigned> getKept() const {
    return ArrayRef<unsigned>(loops).drop_back(merged);
  }
  /// The merged loops (empty when none are).
  ArrayRef<unsigned> getMerged() const {
    return ArrayRef<unsigned>(loops).take_back(merged);
  }
};

/// What becomes of one operand.
enum class OperandPlan {
  /// Used as it is.
  Kept,
  /// Used through a `tensor.collapse_shape` merging its merged loops.
  Collapsed,
  /// Copied into (inputs) or replaced by (the destination) a fresh tensor.
  Packed,
};

/// The rewrite of one contraction.
class ContractionPacking {
public:
  explicit ContractionPacking(const MatmulContraction &contraction)
      : c(contraction), op(contraction.getOp()) {}

  /// Chooses the layouts; returns false (with the reason in `reason`) when
  /// the contraction is left alone.
  bool plan(std::string &reason);
  /// A description of the plan (for remarks).
  std::string describe() const;
  /// Replaces the contraction.
  void apply(RewriterBase &rewriter);

private:
  AffineMap getMap(unsigned operand) {
    return op.getIndexingMapsArray()[operand];
  }
  /// The original loops an operand's dimensions are indexed by.
  SmallVector<unsigned> getLoops(unsigned operand);
  /// The loops of `role` in the order `operand` holds them.
  SmallVector<unsigned> getRoleOrder(unsigned operand, ArrayRef<unsigned> role);
  /// Whether `operand` holds the merged loops of `role` next to each other,
  /// in order (so that a collapse merges them).
  bool holdsMergedInOrder(unsigned operand, const RoleLayout &role);
  /// Whether the last dimension of `operand`, once merged loops are one,
  /// is indexed by the last loop of `role`.
  bool hasInnermost(unsigned operand, const RoleLayout &role);
  OperandPlan planInput(unsigned operand, const RoleLayout &inner,
                        ArrayRef<const RoleLayout *> merging);

  /// Numbers the new loops: batch, M, N, K, each role's merged loops last.
  void numberLoops();
  /// The new loops of `role`, outermost first.
  SmallVector<unsigned> getNewLoops(const RoleLayout &role) const;
  /// The new loops indexing the dimensions of `operand` after a collapse of
  /// its merged loops (or as it is when none are merged).
  SmallVector<unsigned> getCollapsedLoops(unsigned operand);
  /// The canonical layout of a packed operand, as new loops.
  SmallVector<unsigned> getPackedLoops(unsigned operand);

  /// `value` (operand `operand`) collapsed where merged loops are adjacent.
  Value collapse(RewriterBase &rewriter, unsigned operand, Value value);
  /// `value` (operand `operand`) copied into a fresh tensor laid out as
  /// `packedLoops`.
  Value pack(RewriterBase &rewriter, unsigned operand, Value value,
             ArrayRef<unsigned> packedLoops);
  /// The index of the original loop `loop` from `dim`, the index of the
  /// new loop it is part of.
  AffineExpr getOriginalIndex(unsigned loop, AffineExpr dim) const;

  const MatmulContraction &c;
  linalg::LinalgOp op;
  RoleLayout batch, m, n, k;
  OperandPlan lhsPlan = OperandPlan::Kept, rhsPlan = OperandPlan::Kept,
              destPlan = OperandPlan::Kept;
  std::string destReason;

  /// The new loop of each original loop (merged loops share one), the
  /// stride of an original loop in its merged loop (1 when not merged),
  /// and the ranges and iterator types of the new loops.
  SmallVector<unsigned> newLoop;
  SmallVector<int64_t> strides;
  SmallVector<int64_t> newRanges;
  SmallVector<utils::IteratorType> newIterators;
};
} // namespace

SmallVector<unsigned> ContractionPacking::getLoops(unsigned operand) {
  SmallVector<unsigned> loops;
  for (AffineExpr e : getMap(operand).getResults())
    loops.push_back(cast<AffineDimExpr>(e).getPosition());
  return loops;
}

SmallVector<unsigned>
ContractionPacking::getRoleOrder(unsigned operand, ArrayRef<unsigned> role) {
  SmallVector<unsigned> order;
  for (unsigned loop : getLoops(operand))
    if (llvm::is_contained(role, loop))
      order.push_back(loop);
  return order;
}

bool ContractionPacking::holdsMergedInOrder(unsigned operand,
                                            const RoleLayout &role) {
  ArrayRef<unsigned> merged = role.getMerged();
  if (merged.empty())
    return true;
  SmallVector<unsigned> loops = getLoops(operand);
  auto *first = llvm::find(loops, merged.front());
  return first != loops.end() &&
         static_cast<size_t>(loops.end() - first) >= merged.size() &&
         llvm::equal(ArrayRef<unsigned>(first, merged.size()), merged);
}

bool ContractionPacking::hasInnermost(unsigned operand,
                                      const RoleLayout &role) {
  SmallVector<unsigned> loops = getLoops(operand);
  return !loops.empty() && loops.back() == role.loops.back();
}

OperandPlan
ContractionPacking::planInput(unsigned operand, const RoleLayout &inner,
                              ArrayRef<const RoleLayout *> merging) {
  if (!hasInnermost(operand, inner))
    return OperandPlan::Packed;
  bool merges = false;
  for (const RoleLayout *role : merging) {
    if (!holdsMergedInOrder(operand, *role))
      return OperandPlan::Packed;
    merges |= role->merged > 0;
  }
  return merges ? OperandPlan::Collapsed : OperandPlan::Kept;
}

bool ContractionPacking::plan(std::string &reason) {
  const linalg::ContractionDimensions &dims = c.dims;
  unsigned numLoops = op.getNumLoops();
  if (dims.batch.size() + dims.m.size() + dims.n.size() + dims.k.size() !=
      numLoops) {
    reason = "loops that are none of batch, M, N, K";
    return false;
  }
  bool usesIndex = false;
  op->walk([&](linalg::IndexOp) { usesIndex = true; });
  if (usesIndex) {
    reason = "its body reads loop indices";
    return false;
  }
  if (llvm::is_contained(c.loopRanges, 0)) {
    reason = "an empty loop";
    return false;
  }
  const unsigned lhs = 0, rhs = 1, dest = 2;
  const int64_t *ranges = c.loopRanges.data();
  int64_t reduction = 1;
  for (unsigned loop : dims.k)
    reduction *= ranges[loop];

  // N in the destination's order when its innermost is an N loop (it is
  // then kept), else in the rhs's; K in the lhs's order when its innermost
  // is a K loop, else in the rhs's.
  SmallVector<unsigned> destLoops = getLoops(dest);
  bool destInnermostN = llvm::is_contained(dims.n, destLoops.back());
  bool destReshaped =
      isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
          op.getDpsInits()[0].getDefiningOp());
  bool rhsInnermostN = llvm::is_contained(dims.n, getLoops(rhs).back());
  bool lhsInnermostK = llvm::is_contained(dims.k, getLoops(lhs).back());
  n.loops = getRoleOrder(destInnermostN || !rhsInnermostN ? dest : rhs, dims.n);
  k.loops = getRoleOrder(lhsInnermostK ? lhs : rhs, dims.k);
  batch.loops = getRoleOrder(dest, dims.batch);

  // A short innermost K: merged with the K loops around it until the
  // reduction reaches stl::kMinCPUVectorReduction (or all of them, when they do
  // not together).
  bool mergesK = false;
  if (ranges[k.loops.back()] < stl::kMinCPUVectorReduction) {
    int64_t product = 1;
    unsigned count = 0;
    for (unsigned loop : llvm::reverse(k.loops)) {
      product *= ranges[loop];
      ++count;
      if (product >= stl::kMinCPUVectorReduction)
        break;
    }
    if (count >= 2)
      k.merged = count;
    mergesK = product >= stl::kMinCPUVectorReduction && count >= 2;
  }

  // The destination: kept when N is innermost and it is no reshaped view.
  bool destFits =
      destInnermostN && destLoops.back() == n.loops.back() && !destReshaped;
  if (!destFits) {
    destPlan = OperandPlan::Packed;
    destReason = destReshaped ? "a reshaped view" : "N not innermost";
  }
  m.loops = getRoleOrder(destFits ? dest : lhs, dims.m);

  lhsPlan = planInput(lhs, k, {&k});
  rhsPlan = planInput(rhs, n, {&k});
  // A fresh destination is ours to lay out: its M loops become one when the
  // lhs is packed anyway or holds them next to each other.
  if (destPlan == OperandPlan::Packed && m.loops.size() >= 2) {
    RoleLayout mergedM = m;
    mergedM.merged = m.loops.size();
    if (lhsPlan == OperandPlan::Packed)
      m.merged = mergedM.merged;
    else if (holdsMergedInOrder(lhs, mergedM)) {
      m.merged = mergedM.merged;
      lhsPlan = OperandPlan::Collapsed;
    }
  }

  // (A reshaped destination of a reduction too short for the vector
  // strategy is left as it is: the loops take it anyway.)
  if (c.isRowMajor() && !mergesK &&
      !(destReshaped && reduction >= stl::kMinCPUVectorReduction)) {
    reason = "already row-major";
    return false;
  }
  return true;
}

static StringRef getPlanName(OperandPlan plan) {
  switch (plan) {
  case OperandPlan::Kept:
    return "kept";
  case OperandPlan::Collapsed:
    return "collapsed";
  case OperandPlan::Packed:
    return "packed";
  }
  llvm_unreachable("unknown operand plan");
}

std::string ContractionPacking::describe() const {
  std::string text = llvm::formatv("lhs {0}, rhs {1}, destination {2}",
                                   getPlanName(lhsPlan), getPlanName(rhsPlan),
                                   destPlan == OperandPlan::Packed
                                       ? "replaced (" + destReason + ")"
                                       : std::string("kept"))
                         .str();
  auto mergedRanges = [&](const RoleLayout &role) {
    std::string sizes;
    for (unsigned loop : role.getMerged())
      sizes += (sizes.empty() ? "" : "x") + std::to_string(c.loopRanges[loop]);
    return sizes;
  };
  if (k.merged)
    text += "; K loops " + mergedRanges(k) + " merged";
  if (m.merged)
    text += "; M loops " + mergedRanges(m) + " merged";
  return text;
}

void ContractionPacking::numberLoops() {
  unsigned numLoops = op.getNumLoops();
  newLoop.assign(numLoops, 0);
  strides.assign(numLoops, 1);
  auto addRole = [&](const RoleLayout &role, utils::IteratorType iterator) {
    for (unsigned loop : role.getKept()) {
      newLoop[loop] = newRanges.size();
      newRanges.push_back(c.loopRanges[loop]);
      newIterators.push_back(iterator);
    }
    ArrayRef<unsigned> merged = role.getMerged();
    if (merged.empty())
      return;
    int64_t stride = 1;
    for (unsigned loop : llvm::reverse(merged)) {
      newLoop[loop] = newRanges.size();
      strides[loop] = stride;
      stride *= c.loopRanges[loop];
    }
    newRanges.push_back(stride);
    newIterators.push_back(iterator);
  };
  addRole(batch, utils::IteratorType::parallel);
  addRole(m, utils::IteratorType::parallel);
  addRole(n, utils::IteratorType::parallel);
  addRole(k, utils::IteratorType::reduction);
}

SmallVector<unsigned>
ContractionPacking::getNewLoops(const RoleLayout &role) const {
  SmallVector<unsigned> loops;
  for (unsigned loop : role.loops)
    if (loops.empty() || loops.back() != newLoop[loop])
      loops.push_back(newLoop[loop]);
  return loops;
}

SmallVector<unsigned> ContractionPacking::getCollapsedLoops(unsigned operand) {
  SmallVector<unsigned> loops;
  for (unsigned loop : getLoops(operand))
    if (loops.empty() || loops.back() != newLoop[loop])
      loops.push_back(newLoop[loop]);
  return loops;
}

SmallVector<unsigned> ContractionPacking::getPackedLoops(unsigned operand) {
  SmallVector<unsigned> operandLoops = getLoops(operand);
  RoleLayout present;
  for (unsigned loop : batch.loops)
    if (llvm::is_contained(operandLoops, loop))
      present.loops.push_back(loop);
  SmallVector<unsigned> loops = getNewLoops(present);
  auto append = [&](const RoleLayout &role) {
    llvm::append_range(loops, getNewLoops(role));
  };
  if (operand == 0) {
    append(m);
    append(k);
  } else if (operand == 1) {
    append(k);
    append(n);
  } else {
    append(m);
    append(n);
  }
  return loops;
}

AffineExpr ContractionPacking::getOriginalIndex(unsigned loop,
                                                AffineExpr dim) const {
  int64_t range = c.loopRanges[loop];
  int64_t stride = strides[loop];
  int64_t mergedRange = newRanges[newLoop[loop]];
  if (range == 1)
    return getAffineConstantExpr(0, dim.getContext());
  if (mergedRange == range)
    return dim;
  AffineExpr index = stride == 1 ? dim : dim.floorDiv(stride);
  if (stride * range == mergedRange)
    return index;
  return index % range;
}

Value ContractionPacking::collapse(RewriterBase &rewriter, unsigned operand,
                                   Value value) {
  SmallVector<unsigned> loops = getLoops(operand);
  SmallVector<ReassociationIndices> reassociation;
  for (auto [dim, loop] : llvm::enumerate(loops)) {
    if (dim > 0 && newLoop[loops[dim - 1]] == newLoop[loop])
      reassociation.back().push_back(dim);
    else
      reassociation.push_back({static_cast<int64_t>(dim)});
  }
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (unsigned newIndex : getCollapsedLoops(operand))
    shape.push_back(newRanges[newIndex]);
  return rewriter.createOrFold<tensor::CollapseShapeOp>(
      op.getLoc(), type.clone(shape), value, reassociation);
}

Value ContractionPacking::pack(RewriterBase &rewriter, unsigned operand,
                               Value value, ArrayRef<unsigned> packedLoops) {
  MLIRContext *ctx = op.getContext();
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (unsigned newIndex : packedLoops)
    shape.push_back(newRanges[newIndex]);
  Value init =
      tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType());
  // Loops: the packed tensor's dimensions.
  SmallVector<AffineExpr> exprs;
  for (unsigned loop : getLoops(operand)) {
    unsigned dim = llvm::find(packedLoops, newLoop[loop]) - packedLoops.begin();
    exprs.push_back(getOriginalIndex(loop, getAffineDimExpr(dim, ctx)));
  }
  unsigned rank = packedLoops.size();
  SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, exprs, ctx),
                                 AffineMap::getMultiDimIdentityMap(rank, ctx)};
  return linalg::GenericOp::create(
             rewriter, loc, init.getType(), ValueRange{value}, ValueRange{init},
             maps,
             SmallVector<utils::IteratorType>(rank,
                                              utils::IteratorType::parallel),
             [](OpBuilder &b, Location nloc, ValueRange args) {
               linalg::YieldOp::create(b, nloc, args[0]);
             })
      .getResult(0);
}

void ContractionPacking::apply(RewriterBase &rewriter) {
  numberLoops();
  MLIRContext *ctx = op.getContext();
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  unsigned numNewLoops = newRanges.size();
  auto mapOf = [&](ArrayRef<unsigned> loops) {
    SmallVector<AffineExpr> exprs;
    for (unsigned loop : loops)
      exprs.push_back(getAffineDimExpr(loop, ctx));
    return AffineMap::get(numNewLoops, 0, exprs, ctx);
  };

  SmallVector<Value> operands;
  SmallVector<AffineMap> maps;
  OperandPlan plans[] = {lhsPlan, rhsPlan};
  for (unsigned operand : {0u, 1u}) {
    Value value = op.getDpsInputs()[operand];
    switch (plans[operand]) {
    case OperandPlan::Kept:
    case OperandPlan::Collapsed: {
      SmallVector<unsigned> loops = getCollapsedLoops(operand);
      if (loops.size() != getLoops(operand).size())
        value = collapse(rewriter, operand, value);
      operands.push_back(value);
      maps.push_back(mapOf(loops));
      break;
    }
    case OperandPlan::Packed: {
      SmallVector<unsigned> loops = getPackedLoops(operand);
      operands.push_back(pack(rewriter, operand, value, loops));
      maps.push_back(mapOf(loops));
      break;
    }
    }
  }

  // The destination, or a fresh zero-filled row-major one.
  Value original = op.getDpsInits()[0];
  auto destType = cast<RankedTensorType>(original.getType());
  Value init = original;
  SmallVector<unsigned> destLoops = getCollapsedLoops(2);
  if (destPlan == OperandPlan::Packed) {
    destLoops = getPackedLoops(2);
    SmallVector<int64_t> shape;
    for (unsigned newIndex : destLoops)
      shape.push_back(newRanges[newIndex]);
    init = createZeroFilled(rewriter, loc,
                            tensor::EmptyOp::create(rewriter, loc, shape,
                                                    destType.getElementType()));
  }
  maps.push_back(mapOf(destLoops));

  auto generic =
      linalg::GenericOp::create(rewriter, loc, init.getType(), operands,
                                ValueRange{init}, maps, newIterators);
  rewriter.cloneRegionBefore(op->getRegion(0), generic.getRegion(),
                             generic.getRegion().end());
  Value result = generic.getResult(0);

  if (destPlan == OperandPlan::Packed) {
    // original[...] += fresh[...], over the original's dimensions.
    SmallVector<unsigned> originalLoops = getLoops(2);
    SmallVector<AffineExpr> exprs;
    for (unsigned newIndex : destLoops) {
      AffineExpr index = getAffineConstantExpr(0, ctx);
      for (auto [dim, loop] : llvm::enumerate(originalLoops))
        if (newLoop[loop] == newIndex)
          index = index + getAffineDimExpr(dim, ctx) * strides[loop];
      exprs.push_back(index);
    }
    unsigned rank = originalLoops.size();
    SmallVector<AffineMap> addMaps = {
        AffineMap::get(rank, 0, exprs, ctx),
        AffineMap::getMultiDimIdentityMap(rank, ctx)};
    result = linalg::GenericOp::create(
                 rewriter, loc, destType, ValueRange{result},
                 ValueRange{original}, addMaps,
                 SmallVector<utils::IteratorType>(
                     rank, utils::IteratorType::parallel),
                 [](OpBuilder &b, Location nloc, ValueRange args) {
                   Value sum = arith::AddFOp::create(b, nloc, args[1], args[0]);
                   linalg::YieldOp::create(b, nloc, sum);
                 })
                 .getResult(0);
  }
  rewriter.replaceOp(op, result);
}

/// Why `contraction` is no candidate for the CPU vector strategy whatever
/// its layout, or empty.
static std::string getUnsupportedReason(const MatmulContraction &contraction) {
  if (contraction.getOp().hasPureBufferSemantics() ||
      !contraction.getOp().hasPureTensorSemantics())
    return "not on tensors";
  if (!contraction.hasStaticShape())
    return "dynamic sizes";
  Type acc = contraction.getAccumulatorType();
  if (!isa<FloatType>(acc) || acc.getIntOrFloatBitWidth() < 32)
    return "the accumulator is not f32 or f64";
  if (!isa<FloatType>(contraction.getInputElementType(0)) ||
      !isa<FloatType>(contraction.getInputElementType(1)))
    return "inputs that are not floats";
  return "";
}

namespace {
struct STLCPUPackContractionsPass
    : stl::impl::STLCPUPackContractionsBase<STLCPUPackContractionsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<MatmulContraction> contractions;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (std::optional<MatmulContraction> contraction =
              matchMatmulContraction(op))
        contractions.push_back(std::move(*contraction));
    });

    IRRewriter rewriter(&getContext());
    for (const MatmulContraction &contraction : contractions) {
      std::string reason = getUnsupportedReason(contraction);
      ContractionPacking packing(contraction);
      if (reason.empty() && packing.plan(reason)) {
        if (report)
          contraction.getOp()->emitRemark()
              << "stl-cpu-pack-contractions: packed: " << packing.describe();
        llvm::SetVector<Operation *> producers;
        for (Value input : contraction.getOp().getDpsInputs())
          if (Operation *producer = input.getDefiningOp())
            producers.insert(producer);
        packing.apply(rewriter);
        // Inputs read only through a collapse (folded for constants) are
        // no longer used.
        for (Operation *producer : producers)
          if (isOpTriviallyDead(producer))
            rewriter.eraseOp(producer);
        continue;
      }
      if (report)
        contraction.getOp()->emitRemark()
            << "stl-cpu-pack-contractions: left alone: " << reason;
    }
  }
};
} // namespace
