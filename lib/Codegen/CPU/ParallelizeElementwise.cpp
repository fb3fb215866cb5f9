//===- ParallelizeElementwise.cpp - Elementwise ops on OpenMP threads -----===//
//
// --stl-cpu-parallelize-elementwise: large all-parallel linalg ops on
// buffers tiled by 1 along their outermost loop into an scf.parallel.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCPUPARALLELIZEELEMENTWISE
#include "stl/Codegen/CPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// The iterations of `op` when it qualifies (on buffers, static sizes,
/// every loop parallel, an outermost loop of at least two), else 0.
static int64_t getParallelIterations(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumLoops() == 0 ||
      op.getNumReductionLoops() != 0 || op->getNumRegions() != 1)
    return 0;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic) || ranges.front() < 2)
    return 0;
  int64_t iterations = 1;
  for (int64_t range : ranges)
    iterations *= range;
  return iterations;
}

namespace {
struct STLCPUParallelizeElementwisePass
    : stl::impl::STLCPUParallelizeElementwiseBase<
          STLCPUParallelizeElementwisePass> {
  using Base::Base;

  void runOnOperation() override {
    if (minElements < 1) {
      emitError(getOperation()->getLoc())
          << "stl-cpu-parallelize-elementwise: invalid option "
             "'min-elements': "
          << minElements.getValue() << " (expected at least 1)";
      return signalPassFailure();
    }
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      // Not inside loops already shared among threads.
      if (op->getParentOfType<scf::ParallelOp>())
        return;
      if (getParallelIterations(op) >= minElements)
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      SmallVector<int64_t> tileSizes(op.getNumLoops(), 0);
      tileSizes.front() = 1;
      linalg::LinalgTilingOptions options;
      options.setTileSizes(tileSizes).setLoopType(
          linalg::LinalgTilingLoopType::ParallelLoops);
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::TiledLinalgOp> tiled =
          linalg::tileLinalgOp(rewriter, op, options);
      if (failed(tiled))
        continue; // Left serial: still correct.
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
