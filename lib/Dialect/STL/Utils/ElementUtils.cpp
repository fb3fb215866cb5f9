//===- ElementUtils.cpp - Element type conversions of stl lowerings -------===//

#include "stl/Dialect/STL/Utils/ElementUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;

Value mlir::stl::convertElement(OpBuilder &b, Location loc, Value value,
                                Type to, bool zeroExtend) {
  Type from = value.getType();
  if (from == to)
    return value;
  bool widen = from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth();
  if (isa<IntegerType>(from)) {
    if (!widen)
      return arith::TruncIOp::create(b, loc, to, value);
    if (zeroExtend)
      return arith::ExtUIOp::create(b, loc, to, value);
    return arith::ExtSIOp::create(b, loc, to, value);
  }
  if (widen)
    return arith::ExtFOp::create(b, loc, to, value);
  return arith::TruncFOp::create(b, loc, to, value);
}
