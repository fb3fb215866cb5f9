//===- ShapeUtils.h - Shapes of tiled and encoded tensors -------*- C++ -*-===//

#ifndef STL_DIALECT_STL_UTILS_SHAPEUTILS_H
#define STL_DIALECT_STL_UTILS_SHAPEUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

namespace mlir {
namespace stl {

/// `size / divisor` (the divisor divides the size): an attribute when
/// `size` is static, an `arith.divui` otherwise.
OpFoldResult divideSize(OpBuilder &b, Location loc, OpFoldResult size,
                        int64_t divisor);

/// Sizes of a matrix operand `[B..., R, C]` seen as a channel-first grid of
/// tiles: `[B..., channels, R/rowTile, C/colTile]`.
SmallVector<OpFoldResult> getEncodedSizes(OpBuilder &b, Location loc,
                                          Value operand, int64_t channels,
                                          int64_t rowTile, int64_t colTile);

/// Sizes of a matrix operand `[B..., R, C]` with both matrix dimensions
/// split into tiles: `[B..., R/rowTile, rowTile, C/colTile, colTile]`.
SmallVector<OpFoldResult> getTiledSizes(OpBuilder &b, Location loc,
                                        Value operand, int64_t rowTile,
                                        int64_t colTile);

/// Static shape of `sizes` (dynamic where a size is a value).
SmallVector<int64_t> getStaticShape(ArrayRef<OpFoldResult> sizes);

/// An `arith.constant` zero of `elementType` (a float or an integer type).
Value createZeroConstant(OpBuilder &b, Location loc, Type elementType);

/// `destination` (a tensor) filled with zeros of its element type: an
/// `arith.constant` zero and a `linalg.fill`; returns the fill's result.
Value createZeroFilled(OpBuilder &b, Location loc, Value destination);

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_UTILS_SHAPEUTILS_H
