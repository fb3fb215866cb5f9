//===- MathToF32.cpp - Narrow-float math functions computed in f32 --------===//
//
// math ops on f16, bf16 and narrower floats: operands extended to f32, the
// op computed in f32, results rounded back once. libm has only f32 and f64
// functions, and LLVM would round f32 results to bf16 with __truncsfbf2.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/CPU/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCPUMATHTOF32
#include "stl/Codegen/CPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// `type` (a float or a vector of floats) with f32 in place of a float
/// narrower than f32; null when `type` holds no such float.
static Type getWidenedType(Type type) {
  Type f32 = Float32Type::get(type.getContext());
  if (auto vector = dyn_cast<VectorType>(type)) {
    auto element = dyn_cast<FloatType>(vector.getElementType());
    if (element && element.getWidth() < 32)
      return vector.clone(f32);
    return {};
  }
  auto element = dyn_cast<FloatType>(type);
  if (element && element.getWidth() < 32)
    return f32;
  return {};
}

/// Whether `op`'s types are all scalars or vectors (no tensors or memrefs:
/// the pass runs after bufferization, and other shapes are not its to
/// rewrite).
static bool hasScalarOrVectorTypes(Operation *op) {
  auto isScalarOrVector = [](Type type) {
    return isa<VectorType>(type) || type.isIntOrIndexOrFloat();
  };
  return llvm::all_of(op->getOperandTypes(), isScalarOrVector) &&
         llvm::all_of(op->getResultTypes(), isScalarOrVector);
}

/// `value` extended to `wide` (its type with f32 elements). bf16 scalars
/// and 1-D vectors are extended with llvm.fpext, which LLVM lowers inline (a
/// shift): arith.extf would be expanded by the CPU pipeline to integer code
/// (a bitcast to i16, a shift), and LLVM 22's x86 backend loses the sign of
/// a bf16 bitcast to i16 when little more than its sign bit is used
/// (copysign, absf; SimplifyDemandedBits, llvm-project pull request 189129).
/// Other values (f16, which arith.extf lowers to llvm.fpext anyway; n-D
/// vectors, which llvm.fpext does not take) are extended with arith.extf.
static Value extendToF32(OpBuilder &builder, Location loc, Value value,
                         Type wide) {
  Type type = value.getType();
  auto vector = dyn_cast<VectorType>(type);
  if (getElementTypeOrSelf(type).isBF16() &&
      (!vector || (vector.getRank() == 1 && !vector.isScalable())))
    return LLVM::FPExtOp::create(builder, loc, wide, value);
  return arith::ExtFOp::create(builder, loc, wide, value);
}

/// Recreates `op` on f32 with extensions of its narrow operands and
/// truncations of its narrow results. Returns false when there is nothing
/// to widen.
static bool widenToF32(OpBuilder &builder, Operation *op) {
  if (op->getNumRegions() != 0 || !hasScalarOrVectorTypes(op))
    return false;
  bool narrow = false;
  SmallVector<Value> operands;
  llvm::SmallDenseMap<Value, Value> extended; // An operand used twice.
  builder.setInsertionPoint(op);
  for (Value operand : op->getOperands()) {
    if (Type wide = getWidenedType(operand.getType())) {
      narrow = true;
      Value &ext = extended[operand];
      if (!ext)
        ext = extendToF32(builder, op->getLoc(), operand, wide);
      operands.push_back(ext);
    } else {
      operands.push_back(operand);
    }
  }
  SmallVector<Type> resultTypes;
  for (Type type : op->getResultTypes()) {
    Type wide = getWidenedType(type);
    narrow = narrow || wide;
    resultTypes.push_back(wide ? wide : type);
  }
  if (!narrow)
    return false;

  // A copy of the op (attributes and properties alike) on the f32 values.
  Operation *wideOp = builder.clone(*op);
  wideOp->setOperands(operands);
  for (auto [result, type] : llvm::zip_equal(wideOp->getResults(), resultTypes))
    result.setType(type);
  SmallVector<Value> results;
  for (auto [old, wide] :
       llvm::zip_equal(op->getResults(), wideOp->getResults())) {
    if (old.getType() == wide.getType())
      results.push_back(wide);
    else
      results.push_back(
          arith::TruncFOp::create(builder, op->getLoc(), old.getType(), wide));
  }
  op->replaceAllUsesWith(results);
  op->erase();
  return true;
}

namespace {
struct STLCPUMathToF32Pass
    : stl::impl::STLCPUMathToF32Base<STLCPUMathToF32Pass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa_and_nonnull<math::MathDialect>(op->getDialect()))
        ops.push_back(op);
    });
    OpBuilder builder(&getContext());
    for (Operation *op : ops)
      widenToF32(builder, op);
  }
};
} // namespace
