//===- VectorizeContractions.cpp - Cache/register tiling + vector FMAs ----===//
//
// The CPU code generation of MatMul-like contractions (the STL tile product,
// dense MatMuls) on buffers: two levels of tiling through TilingInterface,
// vectorization of the register tile, then the vector rewrites that turn it
// into outer products (rows of vector FMAs) with the accumulator hoisted out
// of the reduction loop.
//
//===----------------------------------------------------------------------===//

#include "stl/Conversion/ToCPU/ToCPU.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCPUVECTORIZECONTRACTIONS
#include "stl/Conversion/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

namespace {
/// M, N, K sizes (of a cache block or a micro-kernel).
struct TileMNK {
  int64_t m, n, k;
};

/// The loops of a contraction that the tiling treats as M, N and K: the
/// innermost of each kind. Every other loop is tiled by 1.
struct ContractionLoops {
  unsigned m, n, k;
};
} // namespace

/// The largest multiple of `step` that divides `size` and is at most
/// `wanted` (at least `step`, which must divide `size`).
static int64_t dividingTile(int64_t size, int64_t wanted, int64_t step) {
  for (int64_t tile = std::max(step, wanted / step * step); tile > step;
       tile -= step)
    if (size % tile == 0)
      return tile;
  return step;
}

/// The largest of `wanted`, `wanted / 2`, ... (down to `smallest`) that
/// divides `size`; 0 when none does.
static int64_t dividingPowerOfTwo(int64_t size, int64_t wanted,
                                  int64_t smallest) {
  for (int64_t tile = wanted; tile >= smallest; tile /= 2)
    if (tile > 0 && size % tile == 0)
      return tile;
  return 0;
}

/// The loops to tile when `op` is a contraction this pass handles: on
/// buffers, static, one floating-point element type, a reduction of at
/// least 16.
static std::optional<ContractionLoops> matchContraction(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.hasDynamicShape() ||
      !linalg::isaContractionOpInterface(op))
    return std::nullopt;
  Type elementType;
  for (OpOperand &operand : op->getOpOperands()) {
    auto type = dyn_cast<MemRefType>(operand.get().getType());
    if (!type || !isa<FloatType>(type.getElementType()))
      return std::nullopt;
    if (elementType && type.getElementType() != elementType)
      return std::nullopt;
    elementType = type.getElementType();
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty() || dims->k.empty())
    return std::nullopt;
  ContractionLoops loops{dims->m.back(), dims->n.back(), dims->k.back()};
  if (op.getStaticLoopRanges()[loops.k] < 16)
    return std::nullopt;
  // Row-major operands: N innermost in the output and in one input, K
  // innermost in the other (so that vectors along N are contiguous).
  auto innermostIs = [](AffineMap map, unsigned loop) {
    return map.getNumResults() > 0 &&
           map.getResults().back() == getAffineDimExpr(loop, map.getContext());
  };
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (op.getNumDpsInputs() != 2 || !innermostIs(maps[2], loops.n) ||
      !((innermostIs(maps[0], loops.k) && innermostIs(maps[1], loops.n)) ||
        (innermostIs(maps[1], loops.k) && innermostIs(maps[0], loops.n))))
    return std::nullopt;
  return loops;
}

/// Tiles `op` (on buffers) with `sizes` per loop; returns the tiled op, or
/// null (with `op` untouched) on failure. `outermost` is set to the
/// outermost loop created.
static Operation *tile(RewriterBase &rewriter, linalg::LinalgOp op,
                       ArrayRef<int64_t> sizes, Operation *&outermost) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op.getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled) || tiled->tiledOps.size() != 1)
    return nullptr;
  outermost = tiled->loops.empty() ? nullptr : tiled->loops.front();
  rewriter.eraseOp(op);
  return tiled->tiledOps.front();
}

/// Tiles and vectorizes one contraction; returns the outermost loop of the
/// result, or null when the op is left alone.
static Operation *tileAndVectorize(RewriterBase &rewriter, linalg::LinalgOp op,
                                   const ContractionLoops &loops, TileMNK cache,
                                   TileMNK registers) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t m = ranges[loops.m], n = ranges[loops.n], k = ranges[loops.k];
  // Register tiles that divide the sizes (the vector width along N at
  // least 8), then cache tiles that are multiples of them and divide too.
  TileMNK reg{dividingTile(m, registers.m, 1),
              dividingPowerOfTwo(n, registers.n, 8),
              dividingPowerOfTwo(k, registers.k, 1)};
  if (!reg.m || !reg.n || !reg.k)
    return nullptr;
  TileMNK block{dividingTile(m, cache.m, reg.m),
                dividingTile(n, cache.n, reg.n),
                dividingTile(k, cache.k, reg.k)};

  auto sizesFor = [&](TileMNK t) {
    SmallVector<int64_t> sizes(ranges.size(), 1);
    sizes[loops.m] = t.m;
    sizes[loops.n] = t.n;
    sizes[loops.k] = t.k;
    return sizes;
  };
  Operation *outermost = nullptr, *inner = nullptr;
  Operation *blockOp = tile(rewriter, op, sizesFor(block), outermost);
  if (!blockOp)
    return nullptr;
  Operation *kernel =
      tile(rewriter, cast<linalg::LinalgOp>(blockOp), sizesFor(reg), inner);
  if (!kernel || !outermost)
    return nullptr;
  rewriter.setInsertionPoint(kernel);
  FailureOr<linalg::VectorizationResult> vectorized =
      linalg::vectorize(rewriter, kernel);
  if (failed(vectorized))
    return nullptr;
  rewriter.eraseOp(kernel);
  return outermost;
}

/// Applies `populate`'s patterns to `root` until they no longer apply; an
/// error names the `step` when they do not converge.
static LogicalResult
applyPatterns(Operation *root, StringRef step,
              function_ref<void(RewritePatternSet &)> populate) {
  RewritePatternSet patterns(root->getContext());
  populate(patterns);
  if (succeeded(applyPatternsGreedily(root, std::move(patterns))))
    return success();
  return root->emitError() << "stl-cpu-vectorize-contractions: the " << step
                           << " rewrites did not converge";
}

namespace {
struct STLCPUVectorizeContractionsPass
    : stl::impl::STLCPUVectorizeContractionsBase<
          STLCPUVectorizeContractionsPass> {
  using Base::Base;

  /// Reads a 3-element option (M, N, K), or the default when empty.
  LogicalResult readTiles(ArrayRef<int64_t> values, ArrayRef<int64_t> defaults,
                          StringRef name, TileMNK &tiles) {
    if (values.empty())
      values = defaults;
    if (values.size() != 3 ||
        llvm::any_of(values, [](int64_t v) { return v <= 0 || v > 4096; })) {
      getOperation()->emitError()
          << "stl-cpu-vectorize-contractions: invalid option '" << name
          << "': expected three sizes (M, N, K) from 1 to 4096";
      return failure();
    }
    tiles = {values[0], values[1], values[2]};
    return success();
  }

  /// Rewrites the vectorized loop nest `nest` of one contraction into outer
  /// products with the accumulator in registers, and lowers its vector ops
  /// to what the LLVM conversion takes.
  LogicalResult lowerKernel(RewriterBase &rewriter, Operation *nest) {
    // Broadcasting reads, a multiply and a multi-reduction over K ->
    // vector.contract -> outer products -> FMAs.
    if (failed(applyPatterns(
            nest, "transfer permutation",
            [](RewritePatternSet &patterns) {
              vector::populateVectorTransferPermutationMapLoweringPatterns(
                  patterns);
            })) ||
        failed(applyPatterns(
            nest, "reduction to contraction",
            [](RewritePatternSet &patterns) {
              vector::populateVectorReductionToContractPatterns(patterns);
            })) ||
        failed(applyPatterns(
            nest, "contraction lowering", [](RewritePatternSet &patterns) {
              vector::populateVectorContractLoweringPatterns(
                  patterns, vector::VectorContractLowering::OuterProduct);
              vector::populateVectorOuterProductLoweringPatterns(patterns);
            })))
      return failure();

    // Transfers on the buffers themselves (not subviews), identical index
    // computations merged, so that the accumulator's read and write leave
    // the K loop.
    if (failed(applyPatterns(
            nest, "view folding", [](RewritePatternSet &patterns) {
              memref::populateFoldMemRefAliasOpPatterns(patterns);
            })))
      return failure();
    DominanceInfo dominance(nest);
    eliminateCommonSubExpressions(rewriter, dominance, nest);
    linalg::hoistRedundantVectorTransfers(nest);

    // Remaining vector ops: 1-D transfers, unrolled.
    return applyPatterns(
        nest, "vector lowering", [](RewritePatternSet &patterns) {
          vector::populateVectorTransferLoweringPatterns(patterns,
                                                         /*maxRank=*/1);
          populateVectorToSCFConversionPatterns(
              patterns,
              VectorTransferToSCFOptions().setTargetRank(1).enableFullUnroll());
          vector::populateVectorBroadcastLoweringPatterns(patterns);
          vector::populateVectorShapeCastLoweringPatterns(patterns);
          vector::populateVectorTransposeLoweringPatterns(
              patterns, vector::VectorTransposeLowering::EltWise);
        });
  }

  void runOnOperation() override {
    TileMNK cache, registers;
    if (failed(readTiles(cacheTiles, stl::kDefaultCPUCacheTiles, "cache-tiles",
                         cache)) ||
        failed(readTiles(registerTiles, stl::kDefaultCPURegisterTiles,
                         "register-tiles", registers)))
      return signalPassFailure();

    Operation *root = getOperation();
    SmallVector<std::pair<linalg::LinalgOp, ContractionLoops>> candidates;
    root->walk([&](linalg::LinalgOp op) {
      if (std::optional<ContractionLoops> loops = matchContraction(op))
        candidates.push_back({op, *loops});
    });
    if (candidates.empty())
      return;

    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> nests;
    for (auto &[op, loops] : candidates)
      if (Operation *nest =
              tileAndVectorize(rewriter, op, loops, cache, registers))
        nests.push_back(nest);
    for (Operation *nest : nests)
      if (failed(lowerKernel(rewriter, nest)))
        return signalPassFailure();
  }
};
} // namespace
