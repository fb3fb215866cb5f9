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

/// `value` (a ranked tensor) with every dimension whose size is known
/// (folded, e.g. through a `tensor.cast` from a static type) made static in
/// its type: tiled views must not mix a dynamic source with a static view.
Value refineShape(OpBuilder &b, Location loc, Value value);

/// `value` cast to `type` (a tensor type of the same shape, refined or not)
/// when its type differs.
Value castTo(OpBuilder &b, Location loc, Value value, Type type);

/// Reassociation between a `[B..., R, C]` matrix (`numBatch` batch
/// dimensions) and its tiled view `[B..., R/r, r, C/c, c]`.
SmallVector<SmallVector<int64_t, 2>> getTileReassociation(int64_t numBatch);

/// `tensor.expand_shape` of a `[B..., R, C]` matrix into its tiled view
/// `[B..., R/rowTile, rowTile, C/colTile, colTile]`.
Value expandToTiles(OpBuilder &b, Location loc, Value matrix, int64_t rowTile,
                    int64_t colTile);

/// An `arith.constant` zero of `elementType` (a float or an integer type).
Value createZeroConstant(OpBuilder &b, Location loc, Type elementType);

/// `destination` (a tensor) filled with zeros of its element type: an
/// `arith.constant` zero and a `linalg.fill`; returns the fill's result.
Value createZeroFilled(OpBuilder &b, Location loc, Value destination);

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_UTILS_SHAPEUTILS_H
