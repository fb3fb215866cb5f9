//===- Format.h - Numbers as text -------------------------------*- C++ -*-===//
//
// The project's two ways of writing a double: for people (messages,
// reports), and exactly (coefficients that must read back as the same
// double: the #stl.scheme attribute, scheme files).
//
//===----------------------------------------------------------------------===//

#ifndef STL_SCHEME_FORMAT_H
#define STL_SCHEME_FORMAT_H

#include <cstdint>
#include <optional>
#include <string>

namespace mlir {
namespace stl {

/// `value` for a message or a report: six significant digits ("%g":
/// "0.333333", "1e-20", "7").
std::string formatNumber(double value);

/// `value` as an int64 when it is an integer of magnitude below 1e15 (one
/// written exactly with at most 15 digits), else no value.
std::optional<int64_t> getExactInteger(double value);

/// `value` as text that reads back as the same double: an integer as an
/// integer (getExactInteger), any other value with the fewest significant
/// digits (15 or 17) that round-trip, always with a '.' in the mantissa
/// ("0.1", "1.0e-20"), as MLIR float literals need.
std::string formatExactNumber(double value);

} // namespace stl
} // namespace mlir

#endif // STL_SCHEME_FORMAT_H
