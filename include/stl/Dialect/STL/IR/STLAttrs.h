//===- STLAttrs.h - Strassen-Tile attributes --------------------*- C++ -*-===//

#ifndef STL_DIALECT_STL_IR_STLATTRS_H
#define STL_DIALECT_STL_IR_STLATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Scheme/Scheme.h"

#include "stl/Dialect/STL/IR/STLOpsEnums.h.inc"

#include <optional>

namespace mlir {
namespace stl {
/// Facts about one coefficient matrix of a scheme, which the verifiers ask
/// of every op: computed once per `#stl.scheme` attribute.
struct CoefficientFacts {
  /// The largest absolute value of a coefficient.
  double largestMagnitude = 0.0;
  /// The first coefficient that is not an integer of at most 2^53 in
  /// magnitude (one an integer type cannot hold exactly), if any.
  std::optional<double> firstNonInteger;
};

namespace detail {
struct SchemeAttrStorage;
} // namespace detail
} // namespace stl
} // namespace mlir

#define GET_ATTRDEF_CLASSES
#include "stl/Dialect/STL/IR/STLOpsAttrDefs.h.inc"

#endif // STL_DIALECT_STL_IR_STLATTRS_H
