//===- ShapeUtils.cpp - Shapes of tiled and encoded tensors ---------------===//

#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::stl;

OpFoldResult mlir::stl::divideSize(OpBuilder &b, Location loc,
                                   OpFoldResult size, int64_t divisor) {
  if (std::optional<int64_t> c = getConstantIntValue(size))
    return b.getIndexAttr(*c / divisor);
  Value d = arith::ConstantIndexOp::create(b, loc, divisor);
  return arith::DivUIOp::create(b, loc, cast<Value>(size), d).getResult();
}

SmallVector<OpFoldResult>
mlir::stl::getEncodedSizes(OpBuilder &b, Location loc, Value operand,
                           int64_t channels, int64_t rowTile, int64_t colTile) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, operand);
  OpFoldResult cols = sizes.pop_back_val();
  OpFoldResult rows = sizes.pop_back_val();
  sizes.push_back(b.getIndexAttr(channels));
  sizes.push_back(divideSize(b, loc, rows, rowTile));
  sizes.push_back(divideSize(b, loc, cols, colTile));
  return sizes;
}

SmallVector<OpFoldResult> mlir::stl::getTiledSizes(OpBuilder &b, Location loc,
                                                   Value operand,
                                                   int64_t rowTile,
                                                   int64_t colTile) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, operand);
  OpFoldResult cols = sizes.pop_back_val();
  OpFoldResult rows = sizes.pop_back_val();
  sizes.push_back(divideSize(b, loc, rows, rowTile));
  sizes.push_back(b.getIndexAttr(rowTile));
  sizes.push_back(divideSize(b, loc, cols, colTile));
  sizes.push_back(b.getIndexAttr(colTile));
  return sizes;
}

SmallVector<int64_t> mlir::stl::getStaticShape(ArrayRef<OpFoldResult> sizes) {
  SmallVector<int64_t> shape;
  for (OpFoldResult s : sizes)
    shape.push_back(getConstantIntValue(s).value_or(ShapedType::kDynamic));
  return shape;
}

Value mlir::stl::createZeroConstant(OpBuilder &b, Location loc,
                                    Type elementType) {
  return arith::ConstantOp::create(b, loc, elementType,
                                   b.getZeroAttr(elementType));
}

Value mlir::stl::createZeroFilled(OpBuilder &b, Location loc,
                                  Value destination) {
  Value zero =
      createZeroConstant(b, loc, getElementTypeOrSelf(destination.getType()));
  return linalg::FillOp::create(b, loc, zero, destination).getResult(0);
}

Value mlir::stl::refineShape(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.hasStaticShape())
    return value;
  SmallVector<int64_t> shape =
      getStaticShape(tensor::getMixedSizes(b, loc, value));
  if (ArrayRef<int64_t>(shape) == type.getShape())
    return value;
  return tensor::CastOp::create(b, loc, type.clone(shape), value);
}

Value mlir::stl::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

SmallVector<SmallVector<int64_t, 2>>
mlir::stl::getTileReassociation(int64_t numBatch) {
  SmallVector<SmallVector<int64_t, 2>> reassociation;
  for (int64_t i = 0; i < numBatch; ++i)
    reassociation.push_back({i});
  reassociation.push_back({numBatch, numBatch + 1});
  reassociation.push_back({numBatch + 2, numBatch + 3});
  return reassociation;
}

Value mlir::stl::expandToTiles(OpBuilder &b, Location loc, Value matrix,
                               int64_t rowTile, int64_t colTile) {
  auto type = cast<RankedTensorType>(matrix.getType());
  int64_t nb = type.getRank() - 2;
  SmallVector<OpFoldResult> sizes =
      getTiledSizes(b, loc, matrix, rowTile, colTile);
  auto expandedType =
      RankedTensorType::get(getStaticShape(sizes), type.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, expandedType, matrix,
                                       getTileReassociation(nb), sizes);
}
