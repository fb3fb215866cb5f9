//===- STLTilingInterface.cpp - Tiling stl.encode, tile_product, decode ---===//
//
// TilingInterface for the decomposed STL ops, so that upstream's tiling and
// fusion (transform.structured.tile_using_for / _forall, fuse) work on them
// before they are lowered, as on Linalg's Winograd ops.
//
// Iteration domains: stl.encode and stl.decode iterate over their batch
// dimensions and the grid of tiles (their channels are the scheme's, which
// a tile cannot take in part); stl.tile_product over batch, channel, I, J
// and its reduction P.
//
//===----------------------------------------------------------------------===//

#include "stl/Dialect/STL/IR/STLOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

using namespace mlir;
using namespace mlir::stl;

/// `value * factor`, folded.
static OpFoldResult multiply(OpBuilder &b, Location loc, OpFoldResult value,
                             int64_t factor) {
  AffineExpr d0 = b.getAffineDimExpr(0);
  return affine::makeComposedFoldedAffineApply(b, loc, d0 * factor, {value});
}

/// The slice of `value` at `offsets` of `sizes` (unit strides).
static Value slice(OpBuilder &b, Location loc, Value value,
                   ArrayRef<OpFoldResult> offsets,
                   ArrayRef<OpFoldResult> sizes) {
  SmallVector<OpFoldResult> strides(offsets.size(), b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(b, loc, value, offsets, sizes, strides);
}

/// The domain of `dims` of `value`: offset 0, its sizes, stride 1.
static SmallVector<Range> domainOf(OpBuilder &b, Location loc, Value value,
                                   ArrayRef<int64_t> dims) {
  SmallVector<Range> ranges;
  for (int64_t d : dims)
    ranges.push_back(Range{b.getIndexAttr(0),
                           tensor::getMixedSize(b, loc, value, d),
                           b.getIndexAttr(1)});
  return ranges;
}

/// The domain of an encoded tensor `[B..., r, G0, G1]` without its channels:
/// `[B..., G0, G1]` (encode's destination, decode's input).
static SmallVector<Range> gridDomainOf(OpBuilder &b, Location loc,
                                       Value encoded) {
  int64_t rank = cast<RankedTensorType>(encoded.getType()).getRank();
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d)
    if (d != rank - 3) // the channels
      dims.push_back(d);
  return domainOf(b, loc, encoded, dims);
}

/// The tiled op: a clone of `op` on `operands` (inputs, then the init),
/// its result type that of the init.
static TilingResult cloneOnSlices(OpBuilder &b, Operation *op,
                                  ArrayRef<Value> operands) {
  Type resultType = operands.back().getType();
  Operation *tiled = mlir::clone(b, op, TypeRange{resultType}, operands);
  TilingResult result;
  result.tiledOps.push_back(tiled);
  result.tiledValues.push_back(tiled->getResult(0));
  for (Value operand : operands)
    if (Operation *producer = operand.getDefiningOp())
      if (isa<tensor::ExtractSliceOp>(producer))
        result.generatedSlices.push_back(producer);
  return result;
}

/// True when the tile [offset, offset + size) is the whole `full` (known
/// statically).
static bool isFull(OpFoldResult offset, OpFoldResult size, OpFoldResult full) {
  return isConstantIntValue(offset, 0) && isEqualConstantIntOrValue(size, full);
}

//===----------------------------------------------------------------------===//
// EncodeOp: domain [B..., rows/t0, cols/t1], the destination [B..., r, ...]
//===----------------------------------------------------------------------===//

SmallVector<utils::IteratorType> EncodeOp::getLoopIteratorTypes() {
  return SmallVector<utils::IteratorType>(
      cast<RankedTensorType>(getInput().getType()).getRank(),
      utils::IteratorType::parallel);
}

SmallVector<Range> EncodeOp::getIterationDomain(OpBuilder &b) {
  return gridDomainOf(b, getLoc(), getInit());
}

/// The destination's offsets and sizes for a domain tile: the channels
/// whole.
static void encodedTile(OpBuilder &b, int64_t channels,
                        ArrayRef<OpFoldResult> offsets,
                        ArrayRef<OpFoldResult> sizes,
                        SmallVector<OpFoldResult> &resultOffsets,
                        SmallVector<OpFoldResult> &resultSizes) {
  int64_t batch = offsets.size() - 2;
  resultOffsets.assign(offsets.begin(), offsets.begin() + batch);
  resultSizes.assign(sizes.begin(), sizes.begin() + batch);
  resultOffsets.push_back(b.getIndexAttr(0));
  resultSizes.push_back(b.getIndexAttr(channels));
  resultOffsets.append(offsets.end() - 2, offsets.end());
  resultSizes.append(sizes.end() - 2, sizes.end());
}

FailureOr<TilingResult>
EncodeOp::getTiledImplementation(OpBuilder &b, ArrayRef<OpFoldResult> offsets,
                                 ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  auto [rowTile, colTile] = getScheme().getOperandTile(getOperand());
  int64_t batch = offsets.size() - 2;
  SmallVector<OpFoldResult> inOffsets(offsets.begin(), offsets.begin() + batch);
  SmallVector<OpFoldResult> inSizes(sizes.begin(), sizes.begin() + batch);
  inOffsets.push_back(multiply(b, loc, offsets[batch], rowTile));
  inOffsets.push_back(multiply(b, loc, offsets[batch + 1], colTile));
  inSizes.push_back(multiply(b, loc, sizes[batch], rowTile));
  inSizes.push_back(multiply(b, loc, sizes[batch + 1], colTile));
  SmallVector<OpFoldResult> outOffsets, outSizes;
  encodedTile(b, getScheme().getRank(), offsets, sizes, outOffsets, outSizes);
  Value input = slice(b, loc, getInput(), inOffsets, inSizes);
  Value init = slice(b, loc, getInit(), outOffsets, outSizes);
  return cloneOnSlices(b, *this, {input, init});
}

LogicalResult EncodeOp::getResultTilePosition(
    OpBuilder &b, unsigned resultNumber, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  encodedTile(b, getScheme().getRank(), offsets, sizes, resultOffsets,
              resultSizes);
  return success();
}

FailureOr<TilingResult>
EncodeOp::generateResultTileValue(OpBuilder &b, unsigned resultNumber,
                                  ArrayRef<OpFoldResult> offsets,
                                  ArrayRef<OpFoldResult> sizes) {
  // Only tiles that hold every channel (the scheme's rows of U or V).
  int64_t channels = offsets.size() - 3;
  if (!isFull(offsets[channels], sizes[channels],
              b.getIndexAttr(getScheme().getRank())))
    return failure();
  SmallVector<OpFoldResult> domainOffsets(offsets), domainSizes(sizes);
  domainOffsets.erase(domainOffsets.begin() + channels);
  domainSizes.erase(domainSizes.begin() + channels);
  return getTiledImplementation(b, domainOffsets, domainSizes);
}

//===----------------------------------------------------------------------===//
// TileProductOp: domain [B..., r, I, J, P] (P a reduction)
//===----------------------------------------------------------------------===//

SmallVector<utils::IteratorType> TileProductOp::getLoopIteratorTypes() {
  int64_t rank = cast<RankedTensorType>(getInit().getType()).getRank();
  SmallVector<utils::IteratorType> types(rank, utils::IteratorType::parallel);
  types.push_back(utils::IteratorType::reduction);
  return types;
}

SmallVector<Range> TileProductOp::getIterationDomain(OpBuilder &b) {
  int64_t rank = cast<RankedTensorType>(getInit().getType()).getRank();
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d)
    dims.push_back(d);
  SmallVector<Range> domain = domainOf(b, getLoc(), getInit(), dims);
  // P: the lhs's last dimension.
  domain.push_back(domainOf(b, getLoc(), getLhs(), {rank - 1}).front());
  return domain;
}

FailureOr<TilingResult>
TileProductOp::getTiledImplementation(OpBuilder &b,
                                      ArrayRef<OpFoldResult> offsets,
                                      ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  int64_t rank = offsets.size() - 1; // the destination's
  // [B..., r, I, J, P] -> lhs [B..., r, I, P], rhs [(B...,) r, P, J],
  // destination [B..., r, I, J].
  SmallVector<OpFoldResult> lhsOffsets(offsets.begin(),
                                       offsets.begin() + rank - 1),
      lhsSizes(sizes.begin(), sizes.begin() + rank - 1);
  lhsOffsets.push_back(offsets[rank]);
  lhsSizes.push_back(sizes[rank]);
  int64_t rhsRank = cast<RankedTensorType>(getRhs().getType()).getRank();
  int64_t skipped = rank - rhsRank; // batch dimensions the rhs is shared by
  SmallVector<OpFoldResult> rhsOffsets(offsets.begin() + skipped,
                                       offsets.begin() + rank - 2),
      rhsSizes(sizes.begin() + skipped, sizes.begin() + rank - 2);
  rhsOffsets.append({offsets[rank], offsets[rank - 1]});
  rhsSizes.append({sizes[rank], sizes[rank - 1]});
  SmallVector<OpFoldResult> outOffsets(offsets.begin(), offsets.begin() + rank),
      outSizes(sizes.begin(), sizes.begin() + rank);
  Value lhs = slice(b, loc, getLhs(), lhsOffsets, lhsSizes);
  Value rhs = slice(b, loc, getRhs(), rhsOffsets, rhsSizes);
  Value init = slice(b, loc, getInit(), outOffsets, outSizes);
  return cloneOnSlices(b, *this, {lhs, rhs, init});
}

LogicalResult TileProductOp::getResultTilePosition(
    OpBuilder &b, unsigned resultNumber, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  resultOffsets.assign(offsets.begin(), offsets.end() - 1);
  resultSizes.assign(sizes.begin(), sizes.end() - 1);
  return success();
}

FailureOr<TilingResult>
TileProductOp::generateResultTileValue(OpBuilder &b, unsigned resultNumber,
                                       ArrayRef<OpFoldResult> offsets,
                                       ArrayRef<OpFoldResult> sizes) {
  // The whole reduction for the tile.
  SmallVector<OpFoldResult> domainOffsets(offsets), domainSizes(sizes);
  int64_t rank = offsets.size();
  domainOffsets.push_back(b.getIndexAttr(0));
  domainSizes.push_back(tensor::getMixedSize(b, getLoc(), getLhs(), rank - 1));
  return getTiledImplementation(b, domainOffsets, domainSizes);
}

//===----------------------------------------------------------------------===//
// DecodeOp: domain [B..., M/m, N/n], the input [B..., r, ...]
//===----------------------------------------------------------------------===//

SmallVector<utils::IteratorType> DecodeOp::getLoopIteratorTypes() {
  return SmallVector<utils::IteratorType>(
      cast<RankedTensorType>(getInit().getType()).getRank(),
      utils::IteratorType::parallel);
}

SmallVector<Range> DecodeOp::getIterationDomain(OpBuilder &b) {
  return gridDomainOf(b, getLoc(), getInput());
}

/// The destination's offsets and sizes for a domain tile.
static void decodedTile(OpBuilder &b, Location loc, TileShape tile,
                        ArrayRef<OpFoldResult> offsets,
                        ArrayRef<OpFoldResult> sizes,
                        SmallVector<OpFoldResult> &resultOffsets,
                        SmallVector<OpFoldResult> &resultSizes) {
  int64_t batch = offsets.size() - 2;
  resultOffsets.assign(offsets.begin(), offsets.begin() + batch);
  resultSizes.assign(sizes.begin(), sizes.begin() + batch);
  resultOffsets.push_back(multiply(b, loc, offsets[batch], tile.m));
  resultOffsets.push_back(multiply(b, loc, offsets[batch + 1], tile.n));
  resultSizes.push_back(multiply(b, loc, sizes[batch], tile.m));
  resultSizes.push_back(multiply(b, loc, sizes[batch + 1], tile.n));
}

FailureOr<TilingResult>
DecodeOp::getTiledImplementation(OpBuilder &b, ArrayRef<OpFoldResult> offsets,
                                 ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  SmallVector<OpFoldResult> inOffsets, inSizes;
  encodedTile(b, getScheme().getRank(), offsets, sizes, inOffsets, inSizes);
  SmallVector<OpFoldResult> outOffsets, outSizes;
  decodedTile(b, loc, getScheme().getTile(), offsets, sizes, outOffsets,
              outSizes);
  Value input = slice(b, loc, getInput(), inOffsets, inSizes);
  Value init = slice(b, loc, getInit(), outOffsets, outSizes);
  return cloneOnSlices(b, *this, {input, init});
}

LogicalResult DecodeOp::getResultTilePosition(
    OpBuilder &b, unsigned resultNumber, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  decodedTile(b, getLoc(), getScheme().getTile(), offsets, sizes, resultOffsets,
              resultSizes);
  return success();
}

FailureOr<TilingResult>
DecodeOp::generateResultTileValue(OpBuilder &b, unsigned resultNumber,
                                  ArrayRef<OpFoldResult> offsets,
                                  ArrayRef<OpFoldResult> sizes) {
  // Only tiles of whole m x n tiles, known statically.
  TileShape tile = getScheme().getTile();
  int64_t batch = offsets.size() - 2;
  SmallVector<OpFoldResult> domainOffsets(offsets.begin(),
                                          offsets.begin() + batch),
      domainSizes(sizes.begin(), sizes.begin() + batch);
  for (auto [d, t] :
       {std::pair<int64_t, int64_t>{batch, tile.m}, {batch + 1, tile.n}}) {
    std::optional<int64_t> offset = getConstantIntValue(offsets[d]);
    std::optional<int64_t> size = getConstantIntValue(sizes[d]);
    if (!offset || !size || *offset % t || *size % t)
      return failure();
    domainOffsets.push_back(b.getIndexAttr(*offset / t));
    domainSizes.push_back(b.getIndexAttr(*size / t));
  }
  return getTiledImplementation(b, domainOffsets, domainSizes);
}
