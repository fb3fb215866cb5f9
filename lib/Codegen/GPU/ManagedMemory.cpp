//===- ManagedMemory.cpp - Host buffers in CUDA managed memory ------------===//
//
// After --convert-parallel-loops-to-gpu, the kernels read and write the
// buffers that the host code allocated. This pass allocates them as
// host-shared (`gpu.alloc host_shared`, managed memory in the project's CUDA
// runtime) so that both sides can access them.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/GPU/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPUMANAGEDMEMORY
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// Whether `value` leaves its block through a terminator (returned or
/// yielded), in which case the block must not free it.
static bool escapesThroughTerminator(Value value) {
  return llvm::any_of(value.getUsers(), [](Operation *user) {
    return user->hasTrait<OpTrait::IsTerminator>();
  });
}

/// Frees `memref` (from `gpu.alloc`): the GPU-to-LLVM lowering supports only
/// asynchronous `gpu.dealloc`, so it is chained on a fresh stream that is
/// then waited for.
static void createDealloc(RewriterBase &rewriter, Location loc, Value memref) {
  Type tokenType = gpu::AsyncTokenType::get(rewriter.getContext());
  auto start = gpu::WaitOp::create(rewriter, loc, tokenType, ValueRange());
  auto dealloc = gpu::DeallocOp::create(rewriter, loc, tokenType,
                                        start.getAsyncToken(), memref);
  gpu::WaitOp::create(rewriter, loc, Type(), dealloc.getAsyncToken());
}

static gpu::AllocOp createHostShared(RewriterBase &rewriter, Location loc,
                                     MemRefType type, ValueRange dynamicSizes,
                                     ValueRange symbolOperands) {
  return gpu::AllocOp::create(rewriter, loc, type, /*asyncToken=*/Type(),
                              /*asyncDependencies=*/ValueRange(), dynamicSizes,
                              symbolOperands, /*hostShared=*/true);
}

namespace {
struct STLGPUManagedMemoryPass
    : stl::impl::STLGPUManagedMemoryBase<STLGPUManagedMemoryPass> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      // Host code only: nothing inside kernels or GPU modules.
      if (op->getParentOfType<gpu::LaunchOp>() ||
          op->getParentOfType<gpu::GPUModuleOp>())
        return;
      if (isa<memref::AllocOp, memref::DeallocOp, memref::GetGlobalOp>(op))
        ops.push_back(op);
    });

    IRRewriter rewriter(&getContext());
    for (Operation *op : ops) {
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        gpu::AllocOp shared = createHostShared(rewriter, loc, alloc.getType(),
                                               alloc.getDynamicSizes(),
                                               alloc.getSymbolOperands());
        rewriter.replaceOp(alloc, shared.getMemref());
      } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
        createDealloc(rewriter, loc, dealloc.getMemref());
        rewriter.eraseOp(dealloc);
      } else if (auto global = dyn_cast<memref::GetGlobalOp>(op)) {
        // A managed copy of the global, made where the global is read, and
        // freed at the end of that block unless it leaves the block.
        gpu::AllocOp copy = createHostShared(rewriter, loc, global.getType(),
                                             ValueRange(), ValueRange());
        auto read = memref::GetGlobalOp::create(rewriter, loc, global.getType(),
                                                global.getName());
        memref::CopyOp::create(rewriter, loc, read, copy.getMemref());
        bool escapes = escapesThroughTerminator(global.getResult());
        rewriter.replaceAllUsesWith(global.getResult(), copy.getMemref());
        rewriter.eraseOp(global);
        if (!escapes) {
          rewriter.setInsertionPoint(copy->getBlock()->getTerminator());
          createDealloc(rewriter, loc, copy.getMemref());
        }
      }
    }
  }
};
} // namespace
