//===- MapParallelLoops.cpp - Parallel loops onto GPU blocks/threads ------===//
//
// Tiles every outermost scf.parallel by the block's thread tile and sets the
// mapping attribute that --convert-parallel-loops-to-gpu reads: loop over
// tiles -> blocks, loop within a tile -> threads, innermost dimension -> x.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/GPU/Passes.h"

#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPUMAPPARALLELLOOPS
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

std::string mlir::stl::checkGPUTileSizes(ArrayRef<int64_t> tileSizes) {
  if (tileSizes.empty() || tileSizes.size() > 3)
    return "expected 1 to 3 tile sizes (threads of a block along the "
           "innermost loop dimensions), got " +
           std::to_string(tileSizes.size());
  int64_t threads = 1;
  for (int64_t size : tileSizes) {
    if (size <= 0 || size > 1024)
      return "tile size " + std::to_string(size) +
             " is out of range (expected 1 to 1024)";
    threads *= size;
  }
  if (threads > 1024)
    return "the tile sizes make " + std::to_string(threads) +
           " threads per block (at most 1024)";
  return "";
}

/// Maps the dimensions of `loop`, innermost first, onto `processors` (x, y,
/// z of blocks or of threads); the remaining outer dimensions run
/// sequentially.
static LogicalResult mapLoop(scf::ParallelOp loop,
                             ArrayRef<gpu::Processor> processors) {
  MLIRContext *ctx = loop.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(1, ctx);
  unsigned rank = loop.getNumLoops();
  SmallVector<gpu::ParallelLoopDimMappingAttr> mapping;
  for (unsigned dim = 0; dim < rank; ++dim) {
    unsigned fromInnermost = rank - 1 - dim;
    gpu::Processor processor = fromInnermost < processors.size()
                                   ? processors[fromInnermost]
                                   : gpu::Processor::Sequential;
    mapping.push_back(gpu::ParallelLoopDimMappingAttr::get(ctx, processor,
                                                           identity, identity));
  }
  return gpu::setMappingAttr(loop, mapping);
}

namespace {
struct STLGPUMapParallelLoopsPass
    : stl::impl::STLGPUMapParallelLoopsBase<STLGPUMapParallelLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<int64_t> sizes(tileSizes.begin(), tileSizes.end());
    if (sizes.empty())
      sizes.assign(std::begin(stl::kDefaultGPUTileSizes),
                   std::end(stl::kDefaultGPUTileSizes));
    std::string problem = stl::checkGPUTileSizes(sizes);
    if (!problem.empty()) {
      getOperation()->emitError()
          << "stl-gpu-map-parallel-loops: invalid option 'tile-sizes': "
          << problem;
      return signalPassFailure();
    }

    // Outermost parallel loops of the host code (not already mapped, not in
    // kernels).
    SmallVector<scf::ParallelOp> loops;
    getOperation()->walk([&](scf::ParallelOp loop) {
      if (loop->getParentOfType<scf::ParallelOp>() ||
          loop->getParentOfType<gpu::LaunchOp>() ||
          loop->getParentOfType<gpu::GPUModuleOp>() ||
          loop->hasAttr(gpu::getMappingAttrName()))
        return;
      loops.push_back(loop);
    });

    const gpu::Processor blocks[] = {
        gpu::Processor::BlockX, gpu::Processor::BlockY, gpu::Processor::BlockZ};
    const gpu::Processor threads[] = {gpu::Processor::ThreadX,
                                      gpu::Processor::ThreadY,
                                      gpu::Processor::ThreadZ};
    for (scf::ParallelOp loop : loops) {
      // Tile sizes aligned with the innermost dimensions; 1 elsewhere.
      unsigned rank = loop.getNumLoops();
      SmallVector<int64_t> loopSizes(rank, 1);
      for (unsigned i = 0; i < sizes.size() && i < rank; ++i)
        loopSizes[rank - 1 - i] = sizes[sizes.size() - 1 - i];

      auto [outer, inner] =
          scf::tileParallelLoop(loop, loopSizes, /*noMinMaxBounds=*/true);
      if (failed(mapLoop(outer, blocks)) || failed(mapLoop(inner, threads))) {
        loop->emitError("stl-gpu-map-parallel-loops: cannot map this loop "
                        "onto GPU blocks and threads");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
