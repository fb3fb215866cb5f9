//===- ElementUtils.h - Element type conversions of stl lowerings -*- C++
//-*-===//

#ifndef STL_DIALECT_STL_UTILS_ELEMENTUTILS_H
#define STL_DIALECT_STL_UTILS_ELEMENTUTILS_H

#include "mlir/IR/Builders.h"

namespace mlir {
namespace stl {

/// Converts a scalar to another element type of the same kind: float
/// extension or truncation (to nearest), integer sign (or, with
/// `zeroExtend`, zero) extension or truncation. Returns `value` when the
/// types are equal.
Value convertElement(OpBuilder &b, Location loc, Value value, Type to,
                     bool zeroExtend = false);

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_UTILS_ELEMENTUTILS_H
