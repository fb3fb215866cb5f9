//===- CopyStridedReturns.cpp - Contiguous copies of returned views -------===//

#include "stl/Dialect/STL/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCOPYSTRIDEDRETURNS
#include "stl/Dialect/STL/Transforms/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

/// True when a memref of `type` is certainly contiguous and row-major.
static bool isContiguousRowMajor(MemRefType type) {
  return type.getLayout().isIdentity() ||
         memref::isStaticShapeAndContiguousRowMajor(type);
}

namespace {
struct STLCopyStridedReturnsPass
    : stl::impl::STLCopyStridedReturnsBase<STLCopyStridedReturnsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<memref::CastOp> casts;
    getOperation().walk([&](func::ReturnOp ret) {
      for (OpOperand &operand : ret->getOpOperands()) {
        auto castOp = operand.get().getDefiningOp<memref::CastOp>();
        if (!castOp)
          continue;
        auto source = dyn_cast<MemRefType>(castOp.getSource().getType());
        auto result = dyn_cast<MemRefType>(castOp.getType());
        if (!source || !result || !result.getLayout().isIdentity() ||
            isContiguousRowMajor(source))
          continue;
        // The copy is taken where the value is returned, after every write
        // into the view.
        rewriter.setInsertionPoint(ret);
        Location loc = castOp.getLoc();
        SmallVector<Value> dynamicSizes;
        for (int64_t d = 0; d < result.getRank(); ++d)
          if (result.isDynamicDim(d))
            dynamicSizes.push_back(
                memref::DimOp::create(rewriter, loc, castOp.getSource(), d));
        Value copy =
            memref::AllocOp::create(rewriter, loc, result, dynamicSizes);
        // linalg.copy rather than memref.copy: a strided memref.copy lowers
        // to a call into MLIR's runner library, which compiled programs
        // lack.
        linalg::CopyOp::create(rewriter, loc, castOp.getSource(), copy);
        rewriter.modifyOpInPlace(ret, [&] { operand.set(copy); });
        casts.push_back(castOp);
      }
    });
    for (memref::CastOp castOp : casts)
      if (castOp->use_empty())
        rewriter.eraseOp(castOp);
  }
};
} // namespace
