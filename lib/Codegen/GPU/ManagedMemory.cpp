//===- ManagedMemory.cpp - Host buffers in CUDA managed memory ------------===//
//
// After --convert-parallel-loops-to-gpu, the kernels read and write the
// buffers that the host code allocated. This pass allocates them as
// host-shared (`gpu.alloc host_shared`, managed memory in the project's CUDA
// runtime) so that both sides can access them, or, with `device`, in device
// memory, for host code that only launches kernels.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/GPU/Passes.h"
#include "stl/Dialect/STL/IR/STLOps.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

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
/// then waited for; or, when `chained`, left synchronous for
/// `--gpu-async-region` to chain on the function's stream.
static void createDealloc(RewriterBase &rewriter, Location loc, Value memref,
                          bool chained) {
  if (chained) {
    gpu::DeallocOp::create(rewriter, loc, Type(), ValueRange(), memref);
    return;
  }
  Type tokenType = gpu::AsyncTokenType::get(rewriter.getContext());
  auto start = gpu::WaitOp::create(rewriter, loc, tokenType, ValueRange());
  auto dealloc = gpu::DeallocOp::create(rewriter, loc, tokenType,
                                        start.getAsyncToken(), memref);
  gpu::WaitOp::create(rewriter, loc, Type(), dealloc.getAsyncToken());
}

static gpu::AllocOp createAlloc(RewriterBase &rewriter, Location loc,
                                MemRefType type, ValueRange dynamicSizes,
                                ValueRange symbolOperands, bool hostShared) {
  return gpu::AllocOp::create(rewriter, loc, type, /*asyncToken=*/Type(),
                              /*asyncDependencies=*/ValueRange(), dynamicSizes,
                              symbolOperands, hostShared);
}

/// Copies `source` into `target` with a synchronous `gpu.memcpy`, which
/// `--gpu-async-region` chains on the function's stream (its lowering is
/// asynchronous only).
static void createMemcpy(RewriterBase &rewriter, Location loc, Value target,
                         Value source) {
  gpu::MemcpyOp::create(rewriter, loc, Type(), ValueRange(), target, source);
}

/// Whether host op `op` may use a device buffer: it only describes it
/// (views, sizes, pointers, tensor maps), passes it on (calls, returns, kernel
/// launches) or is a `gpu` op that handles device memory.
static bool mayUseDeviceBuffer(Operation *op) {
  if (isa<ViewLikeOpInterface, memref::CastOp, memref::DimOp,
          memref::ExtractStridedMetadataOp,
          memref::ExtractAlignedPointerAsIndexOp, memref::DeallocOp,
          memref::AssumeAlignmentOp, stl::GPUTensorMapOp>(op) ||
      op->hasTrait<OpTrait::IsTerminator>())
    return true;
  return isa<gpu::GPUDialect, func::FuncDialect, scf::SCFDialect,
             cf::ControlFlowDialect>(op->getDialect());
}

namespace {
struct STLGPUManagedMemoryPass
    : stl::impl::STLGPUManagedMemoryBase<STLGPUManagedMemoryPass> {
  using Base::Base;

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
    bool hostShared = !device;
    for (Operation *op : ops) {
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
        gpu::AllocOp shared =
            createAlloc(rewriter, loc, alloc.getType(), alloc.getDynamicSizes(),
                        alloc.getSymbolOperands(), hostShared);
        rewriter.replaceOp(alloc, shared.getMemref());
      } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
        createDealloc(rewriter, loc, dealloc.getMemref(), device);
        rewriter.eraseOp(dealloc);
      } else if (auto global = dyn_cast<memref::GetGlobalOp>(op)) {
        // A managed (device) copy of the global, made where the global is
        // read, and freed at the end of that block unless it leaves the
        // block.
        gpu::AllocOp copy = createAlloc(rewriter, loc, global.getType(),
                                        ValueRange(), ValueRange(), hostShared);
        auto read = memref::GetGlobalOp::create(rewriter, loc, global.getType(),
                                                global.getName());
        if (hostShared)
          memref::CopyOp::create(rewriter, loc, read, copy.getMemref());
        else
          createMemcpy(rewriter, loc, copy.getMemref(), read);
        bool escapes = escapesThroughTerminator(global.getResult());
        rewriter.replaceAllUsesWith(global.getResult(), copy.getMemref());
        rewriter.eraseOp(global);
        if (!escapes) {
          rewriter.setInsertionPoint(copy->getBlock()->getTerminator());
          createDealloc(rewriter, loc, copy.getMemref(), device);
        }
      }
    }
    if (device)
      checkNoHostAccess();
  }

  /// Fails on the first host op that may read or write a buffer itself.
  void checkNoHostAccess() {
    WalkResult result =
        getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
          if (isa<gpu::LaunchOp, gpu::GPUModuleOp>(op))
            return WalkResult::skip();
          if (mayUseDeviceBuffer(op) ||
              llvm::none_of(op->getOperandTypes(), llvm::IsaPred<MemRefType>))
            return WalkResult::advance();
          op->emitError() << "stl-gpu-managed-memory: with 'device', the host "
                             "code must not access buffers itself, but '"
                          << op->getName()
                          << "' does (device memory is not host accessible)";
          return WalkResult::interrupt();
        });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};
} // namespace
