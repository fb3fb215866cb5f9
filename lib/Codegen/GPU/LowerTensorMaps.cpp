//===- LowerTensorMaps.cpp - stl.gpu_tensor_map to runtime calls ----------===//

#include "stl/Codegen/GPU/Passes.h"
#include "stl/Dialect/STL/IR/STLOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPULOWERTENSORMAPS
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// The runtime function's name and its number of i64 arguments.
static constexpr llvm::StringLiteral kTensorMapFunction = "stlCudaTensorMap";
static constexpr int64_t kMaxRank = 5;
static constexpr int64_t kNumArguments =
    3 + kMaxRank + (kMaxRank - 1) + kMaxRank + 1;

namespace {
struct STLGPULowerTensorMapsPass
    : stl::impl::STLGPULowerTensorMapsBase<STLGPULowerTensorMapsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<stl::GPUTensorMapOp> maps;
    module.walk([&](stl::GPUTensorMapOp op) { maps.push_back(op); });
    if (maps.empty())
      return;

    MLIRContext *ctx = &getContext();
    Type i64 = IntegerType::get(ctx, 64);
    auto fnType =
        FunctionType::get(ctx, SmallVector<Type>(kNumArguments, i64), {i64});
    auto fn = module.lookupSymbol<func::FuncOp>(kTensorMapFunction);
    if (!fn) {
      OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
      fn = func::FuncOp::create(b, module.getLoc(), kTensorMapFunction, fnType);
      fn.setPrivate();
    } else if (fn.getFunctionType() != fnType) {
      fn.emitError() << "stl-gpu-lower-tensor-maps: '" << kTensorMapFunction
                     << "' is declared with another type than the runtime's "
                     << fnType;
      return signalPassFailure();
    }

    for (stl::GPUTensorMapOp op : maps) {
      ImplicitLocOpBuilder b(op.getLoc(), op);
      auto constant = [&](int64_t v) -> Value {
        return arith::ConstantIntOp::create(b, i64, v);
      };
      int64_t bytes = op.getSource().getType().getElementTypeBitWidth() / 8;
      Value pointer =
          memref::ExtractAlignedPointerAsIndexOp::create(b, op.getSource());
      Value address = arith::AddIOp::create(
          b, arith::IndexCastOp::create(b, i64, pointer).getResult(),
          constant(op.getOffset() * bytes));
      int64_t rank = op.getSizes().size();
      SmallVector<Value> args = {address, constant(bytes), constant(rank)};
      for (int64_t d = 0; d < kMaxRank; ++d)
        args.push_back(constant(d < rank ? op.getSizes()[d] : 1));
      for (int64_t d = 1; d < kMaxRank; ++d)
        args.push_back(constant(d < rank ? op.getStrides()[d - 1] * bytes : 0));
      for (int64_t d = 0; d < kMaxRank; ++d)
        args.push_back(constant(d < rank ? op.getBox()[d] : 1));
      args.push_back(constant(op.getSwizzle()));
      auto call = func::CallOp::create(b, fn, args);
      op.replaceAllUsesWith(call.getResult(0));
      op.erase();
    }
  }
};
} // namespace
