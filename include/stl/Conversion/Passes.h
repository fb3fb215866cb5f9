//===- Passes.h - Strassen-Tile conversion passes ---------------*- C++ -*-===//

#ifndef STL_CONVERSION_PASSES_H
#define STL_CONVERSION_PASSES_H

#include "stl/Conversion/STLToLinalg/STLToLinalg.h"

namespace mlir {
namespace stl {

#define GEN_PASS_REGISTRATION
#include "stl/Conversion/Passes.h.inc"

} // namespace stl
} // namespace mlir

#endif // STL_CONVERSION_PASSES_H
