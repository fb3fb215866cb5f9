//===- MemRefCopyToLinalg.cpp - memref.copy -> linalg.copy ----------------===//

#include "stl/Codegen/Common/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"

#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLMEMREFCOPYTOLINALG
#include "stl/Codegen/Common/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// True when the LLVM lowering of memref.copy copies a `type` buffer with
/// memcpy (identity layout, or static shape and contiguous strides).
static bool isContiguous(Type type) {
  auto memref = cast<MemRefType>(type);
  return memref.getLayout().isIdentity() ||
         memref::isStaticShapeAndContiguousRowMajor(memref);
}

namespace {
struct STLMemRefCopyToLinalgPass
    : stl::impl::STLMemRefCopyToLinalgBase<STLMemRefCopyToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) {
      // Ranked memrefs of the host code only.
      if (copy->getParentOfType<gpu::GPUModuleOp>() ||
          copy->getParentOfType<gpu::LaunchOp>() ||
          !isa<MemRefType>(copy.getSource().getType()) ||
          !isa<MemRefType>(copy.getTarget().getType()))
        return;
      if (stridedOnly && isContiguous(copy.getSource().getType()) &&
          isContiguous(copy.getTarget().getType()))
        return;
      copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    }
  }
};
} // namespace
