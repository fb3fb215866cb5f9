//===- STLOps.h - Strassen-Tile operations ----------------------*- C++ -*-===//

#ifndef STL_DIALECT_STL_IR_STLOPS_H
#define STL_DIALECT_STL_IR_STLOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "stl/Dialect/STL/IR/STLAttrs.h"
#include "stl/Dialect/STL/IR/STLDialect.h"

#define GET_OP_CLASSES
#include "stl/Dialect/STL/IR/STLOps.h.inc"

namespace mlir {
namespace stl {

/// The element type an STL MatMul encodes its operands into when it does not
/// say (no `encoded_type`): the widest of the operands', the destination's
/// and f32. Sums of the encoding are never rounded to 11 or 8 bits (STL.md
/// section 7).
Type getDefaultEncodedElementType(Type operand, Type destination);

/// The element type an STL MatMul multiplies encoded tiles in, accumulates
/// and decodes into: the widest of the encoded type, the destination's and
/// f32. An f16 or bf16 destination receives its result rounded once from f32.
Type getAccumulatorElementType(Type encoded, Type destination);

/// Checks that the coefficients of `scheme` are finite when held where an STL
/// computation holds them: U and V in `encoded`, D in `accumulator` (either
/// may be null: not checked). Returns "" or the problem, naming the
/// coefficient and the type.
std::string checkCoefficientsFit(SchemeAttr scheme, Type encoded,
                                 Type accumulator);

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_IR_STLOPS_H
