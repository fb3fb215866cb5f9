//===- Format.cpp - Numbers as text ---------------------------------------===//

#include "stl/Scheme/Format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

std::string mlir::stl::formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", value);
  return buffer;
}

std::optional<int64_t> mlir::stl::getExactInteger(double value) {
  if (value != std::trunc(value) || !(std::fabs(value) < 1e15))
    return std::nullopt;
  return static_cast<int64_t>(value);
}

std::string mlir::stl::formatExactNumber(double value) {
  if (std::optional<int64_t> integer = getExactInteger(value))
    return std::to_string(*integer);
  char buffer[32];
  for (int precision : {15, 17}) {
    std::snprintf(buffer, sizeof(buffer), "%.*g", precision, value);
    if (precision == 17 || std::strtod(buffer, nullptr) == value)
      break;
  }
  std::string text = buffer;
  if (text.find('.') == std::string::npos) {
    size_t exponent = text.find('e');
    text.insert(exponent == std::string::npos ? text.size() : exponent, ".0");
  }
  return text;
}
