//===- ReplaceWithSTL.cpp - A recognised MatMul to stl.matmul -------------===//

#include "stl/Dialect/STL/Transforms/Transforms.h"
#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::stl;

static bool isIdentity(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (static_cast<int64_t>(i) != p)
      return false;
  return true;
}

/// `value` with its dimensions permuted: canonical dimension i is dimension
/// perm[i] of `value`.
static Value permute(OpBuilder &b, Location loc, Value value,
                     ArrayRef<int64_t> perm) {
  if (isIdentity(perm))
    return value;
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  SmallVector<OpFoldResult> permuted;
  for (int64_t p : perm)
    permuted.push_back(sizes[p]);
  Type elt = getElementTypeOrSelf(value.getType());
  Value init = tensor::EmptyOp::create(b, loc, permuted, elt);
  return linalg::TransposeOp::create(b, loc, value, init, perm).getResult()[0];
}

/// Pads the two trailing dimensions of `value` with zeros at the end, up to
/// multiples of `rowTile` and `colTile` (computed at run time for dynamic
/// sizes).
static Value padToTiles(OpBuilder &b, Location loc, Value value,
                        int64_t rowTile, int64_t colTile) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  SmallVector<OpFoldResult> low(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> high(rank, b.getIndexAttr(0));
  SmallVector<int64_t> paddedShape(type.getShape());
  bool needed = false;
  for (auto [dim, tile] :
       {std::pair<int64_t, int64_t>{rank - 2, rowTile}, {rank - 1, colTile}}) {
    AffineExpr s = getAffineSymbolExpr(0, b.getContext());
    high[dim] = affine::makeComposedFoldedAffineApply(
        b, loc, s.ceilDiv(tile) * tile - s, {sizes[dim]});
    std::optional<int64_t> h = getConstantIntValue(high[dim]);
    needed |= !h || *h != 0;
    if (!ShapedType::isDynamic(paddedShape[dim]))
      paddedShape[dim] += h.value_or(0);
  }
  if (!needed)
    return value;
  Type elt = type.getElementType();
  Value zero = createZeroConstant(b, loc, elt);
  auto paddedType = RankedTensorType::get(paddedShape, elt);
  return tensor::PadOp::create(b, loc, paddedType, value, low, high, zero);
}

/// Reassociation keeping the leading `numSingle` dimensions and collapsing
/// each of the groups of `groups` sizes that follow into one.
static SmallVector<ReassociationIndices>
groupReassociation(int64_t numSingle, ArrayRef<int64_t> groups) {
  SmallVector<ReassociationIndices> reassociation;
  int64_t next = 0;
  for (; next < numSingle; ++next)
    reassociation.push_back({next});
  for (int64_t size : groups) {
    ReassociationIndices group;
    for (int64_t i = 0; i < size; ++i)
      group.push_back(next++);
    reassociation.push_back(group);
  }
  return reassociation;
}

/// `value` with the dimensions of `reassociation` collapsed, or `value`
/// when every group has one dimension.
static Value collapse(OpBuilder &b, Location loc, Value value,
                      ArrayRef<ReassociationIndices> reassociation) {
  if (llvm::all_of(reassociation,
                   [](const ReassociationIndices &g) { return g.size() == 1; }))
    return value;
  return tensor::CollapseShapeOp::create(b, loc, value, reassociation);
}

FailureOr<MatmulOp> mlir::stl::replaceWithSTLMatmul(RewriterBase &rewriter,
                                                    const MatmulMatch &match,
                                                    SchemeAttr scheme, bool pad,
                                                    Type encodedType) {
  linalg::LinalgOp op = match.op;
  Location loc = op.getLoc();
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);

  Value lhs = permute(rewriter, loc, match.lhs(), match.lhsPerm);
  Value rhs = permute(rewriter, loc, match.rhs(), match.rhsPerm);
  Value groupedInit = permute(rewriter, loc, match.init(), match.outPerm);
  // Grouped N and K dimensions collapsed into one each: [B..., M, K],
  // [B..., K, N] (or [K, N]), [B..., M, N].
  int64_t nb = match.batchDims.size();
  int64_t numK = match.kDims.size(), numN = match.nDims.size();
  SmallVector<ReassociationIndices> outGroups =
      groupReassociation(nb + 1, {numN});
  lhs = collapse(rewriter, loc, lhs, groupReassociation(nb + 1, {numK}));
  rhs = collapse(rewriter, loc, rhs,
                 groupReassociation(match.rhsBatched ? nb : 0, {numK, numN}));
  Value canonicalInit = collapse(rewriter, loc, groupedInit, outGroups);
  Value init = canonicalInit;
  TileShape t = scheme.getTile();
  if (pad) {
    lhs = padToTiles(rewriter, loc, lhs, t.m, t.k);
    rhs = padToTiles(rewriter, loc, rhs, t.k, t.n);
    init = padToTiles(rewriter, loc, init, t.m, t.n);
  }
  auto stl =
      MatmulOp::create(rewriter, loc, init.getType(), lhs, rhs, init, scheme,
                       encodedType ? TypeAttr::get(encodedType) : TypeAttr(),
                       match.zeroExtend ? rewriter.getUnitAttr() : UnitAttr());
  // A verifier failure here is a caller's bug (a tile that does not divide
  // the sizes, without `pad`): fail rather than leave invalid IR.
  if (failed(mlir::verify(stl))) {
    rewriter.eraseOp(stl);
    return failure();
  }
  Value result = stl.getResult();
  if (init != canonicalInit) {
    // Slice the padding off.
    SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, canonicalInit);
    SmallVector<OpFoldResult> offsets(sizes.size(), rewriter.getIndexAttr(0));
    SmallVector<OpFoldResult> strides(sizes.size(), rewriter.getIndexAttr(1));
    result = tensor::ExtractSliceOp::create(rewriter, loc, result, offsets,
                                            sizes, strides);
  }
  // The grouped N dimensions back, then the layout of the original result.
  if (canonicalInit != groupedInit) {
    auto groupedType = cast<RankedTensorType>(groupedInit.getType());
    result = tensor::ExpandShapeOp::create(
        rewriter, loc, groupedType, result, outGroups,
        tensor::getMixedSizes(rewriter, loc, groupedInit));
  }
  SmallVector<int64_t> inverse(match.outPerm.size());
  for (auto [i, p] : llvm::enumerate(match.outPerm))
    inverse[p] = i;
  result = permute(rewriter, loc, result, inverse);
  if (result.getType() != op->getResult(0).getType())
    result = tensor::CastOp::create(rewriter, loc, op->getResult(0).getType(),
                                    result);
  rewriter.replaceOp(op, result);
  return stl;
}
