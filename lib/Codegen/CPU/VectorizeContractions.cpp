//===- VectorizeContractions.cpp - Cache/register tiling + vector FMAs ----===//
//
// The CPU code generation of MatMul-like contractions (the STL tile product,
// dense MatMuls) on buffers: two levels of tiling through TilingInterface,
// vectorization of the register tile, then the vector rewrites that turn it
// into outer products (rows of vector FMAs) with the accumulator hoisted out
// of the reduction loop.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/CPU/ContractionStrategy.h"
#include "stl/Codegen/CPU/Passes.h"
#include "stl/Dialect/STL/IR/STLAttrs.h"

#include "PackedMicroKernel.h"
#include "VectorLowering.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/CSE.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCPUVECTORIZECONTRACTIONS
#include "stl/Codegen/CPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

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

/// Marks the loop that `--stl-cpu-vectorize-contractions=parallel` turns into
/// an scf.parallel.
static constexpr StringLiteral kParallelLoopMarker = "stl.parallel_blocks";

/// Tiles and vectorizes one contraction; returns the outermost loop of the
/// result, or null when the op is left alone. With `markParallel`, marks
/// the outermost block loop over a parallel dimension with at least two
/// blocks (see kParallelLoopMarker).
static Operation *tileAndVectorize(RewriterBase &rewriter,
                                   const stl::MatmulContraction &contraction,
                                   const stl::CPUContractionStrategy &strategy,
                                   bool markParallel) {
  linalg::LinalgOp op = contraction.op;
  SmallVector<int64_t> ranges = contraction.loopRanges;
  int64_t m = ranges[contraction.m], n = ranges[contraction.n],
          k = ranges[contraction.k];
  const stl::TileMNK &cache = strategy.cacheTile;
  const stl::TileMNK &registers = strategy.registerTile;
  // Register tiles that divide the sizes (the vector width along N at
  // least 8), then cache tiles that are multiples of them and divide too.
  stl::TileMNK reg{stl::getDividingTile(m, registers.m, 1),
                   stl::getDividingPowerOfTwo(n, registers.n, 8),
                   stl::getDividingPowerOfTwo(k, registers.k, 1)};
  if (!reg.m || !reg.n || !reg.k)
    return nullptr;
  stl::TileMNK block{stl::getDividingTile(m, cache.m, reg.m),
                     stl::getDividingTile(n, cache.n, reg.n),
                     stl::getDividingTile(k, cache.k, reg.k)};

  auto sizesFor = [&](const stl::TileMNK &t) {
    SmallVector<int64_t> sizes(ranges.size(), 1);
    sizes[contraction.m] = t.m;
    sizes[contraction.n] = t.n;
    sizes[contraction.k] = t.k;
    return sizes;
  };
  SmallVector<int64_t> blockSizes = sizesFor(block);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  Operation *outermost = nullptr, *inner = nullptr;
  Operation *blockOp = tile(rewriter, op, blockSizes, outermost);
  if (!blockOp)
    return nullptr;
  if (markParallel) {
    // The block loops, outermost first, one per loop of the op (every tile
    // size is non-zero).
    SmallVector<scf::ForOp> blockLoops;
    for (auto loop = dyn_cast<scf::ForOp>(outermost); loop;) {
      blockLoops.push_back(loop);
      auto nested = loop.getBody()->getOps<scf::ForOp>();
      loop = nested.empty() ? scf::ForOp() : *nested.begin();
    }
    for (auto [dim, loop] : llvm::enumerate(blockLoops)) {
      if (dim >= iterators.size() ||
          iterators[dim] != utils::IteratorType::parallel ||
          ranges[dim] / blockSizes[dim] < 2)
        continue;
      loop->setAttr(kParallelLoopMarker, rewriter.getUnitAttr());
      break;
    }
  }
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

/// The buffer a memref value views (through view-like ops such as subviews
/// and reshapes).
static Value rootBuffer(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

/// Holds the micro-kernels' accumulators in registers. In each scf.for of
/// `nest` (innermost first), a vector.transfer_read and a later
/// vector.transfer_write of the same buffer at the same loop-invariant
/// indices become a value carried by the loop, read before it and written
/// after it, when nothing else in the loop touches that buffer: no other
/// access to it, and every other read in the loop is from another root
/// buffer (linalg operands on buffers do not alias their destination).
/// (Upstream's hoistRedundantVectorTransfers gives up as soon as the buffer
/// is used anywhere else in the function, e.g. by the op that consumes the
/// result.)
static void hoistAccumulators(RewriterBase &rewriter, Operation *nest) {
  SmallVector<scf::ForOp> loops;
  nest->walk([&](scf::ForOp loop) { loops.push_back(loop); });
  for (scf::ForOp loop : loops) {
    for (bool changed = true; changed;) {
      changed = false;
      vector::TransferReadOp read;
      vector::TransferWriteOp write;
      for (auto candidate : loop.getBody()->getOps<vector::TransferWriteOp>()) {
        Value base = candidate.getBase();
        if (!llvm::all_of(
                candidate.getIndices(),
                [&](Value v) { return loop.isDefinedOutsideOfLoop(v); }) ||
            !loop.isDefinedOutsideOfLoop(base))
          continue;
        vector::TransferReadOp match;
        bool otherUse = false;
        for (Operation *user : base.getUsers()) {
          if (user == candidate || !loop->isAncestor(user))
            continue;
          auto r = dyn_cast<vector::TransferReadOp>(user);
          if (!match && r && r->getBlock() == loop.getBody() &&
              r->isBeforeInBlock(candidate) && !r.getMask() &&
              !candidate.getMask() &&
              r.getIndices() == candidate.getIndices() &&
              r.getVectorType() == candidate.getVectorType() &&
              r.getPermutationMap() == candidate.getPermutationMap() &&
              loop.isDefinedOutsideOfLoop(r.getPadding())) {
            match = r;
            continue;
          }
          otherUse = true;
        }
        if (!match || otherUse)
          continue;
        Value root = rootBuffer(base);
        bool aliasFree = true;
        loop.getBody()->walk([&](Operation *op) {
          if (op == candidate.getOperation() || op == match.getOperation())
            return;
          for (Value operand : op->getOperands())
            if (isa<MemRefType>(operand.getType()) &&
                rootBuffer(operand) == root)
              aliasFree = false;
          if (isa<vector::TransferWriteOp, vector::StoreOp, memref::StoreOp>(
                  op))
            aliasFree = false;
        });
        if (aliasFree) {
          read = match;
          write = candidate;
          break;
        }
      }
      if (!read)
        break;

      rewriter.moveOpBefore(read, loop);
      FailureOr<LoopLikeOpInterface> newLoop =
          cast<LoopLikeOpInterface>(loop.getOperation())
              .replaceWithAdditionalYields(
                  rewriter, read.getResult(),
                  /*replaceInitOperandUsesInLoop=*/true,
                  [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
                    return SmallVector<Value>{write.getVector()};
                  });
      if (failed(newLoop))
        break;
      loop = cast<scf::ForOp>(newLoop->getOperation());
      rewriter.moveOpAfter(write, loop);
      rewriter.modifyOpInPlace(write, [&] {
        write.getValueToStoreMutable().assign(loop->getResults().back());
      });
      changed = true;
    }
  }
}

/// Replaces the marked scf.for loops under `root` (no results) by
/// scf.parallel loops with the same bounds and body.
static void makeMarkedLoopsParallel(RewriterBase &rewriter, Operation *root) {
  SmallVector<scf::ForOp> marked;
  root->walk([&](scf::ForOp loop) {
    if (loop->hasAttr(kParallelLoopMarker) && loop.getNumResults() == 0)
      marked.push_back(loop);
  });
  for (scf::ForOp loop : marked) {
    rewriter.setInsertionPoint(loop);
    auto parallel = scf::ParallelOp::create(
        rewriter, loop.getLoc(), ValueRange{loop.getLowerBound()},
        ValueRange{loop.getUpperBound()}, ValueRange{loop.getStep()});
    rewriter.eraseOp(loop.getBody()->getTerminator());
    rewriter.inlineBlockBefore(loop.getBody(),
                               parallel.getBody()->getTerminator(),
                               parallel.getInductionVars());
    rewriter.eraseOp(loop);
  }
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

  std::optional<stl::CPUTargetDescription> target;
  std::string targetError;

  /// Reads a 3-element option (M, N, K); nullopt when not given.
  LogicalResult readTiles(ArrayRef<int64_t> values, StringRef name,
                          std::optional<stl::TileMNK> &tiles) {
    if (values.empty())
      return success();
    if (values.size() != 3 ||
        llvm::any_of(values, [](int64_t v) { return v <= 0 || v > 4096; })) {
      emitError(getOperation()->getLoc())
          << "stl-cpu-vectorize-contractions: invalid option '" << name
          << "': expected three sizes (M, N, K) from 1 to 4096";
      return failure();
    }
    tiles = stl::TileMNK{values[0], values[1], values[2]};
    return success();
  }

  /// The register tile is unrolled into M * K vector FMAs of N lanes: its
  /// size bounds the code and the compile time.
  LogicalResult checkKernelSize(const stl::TileMNK &registers) {
    int64_t volume = registers.volume();
    if (volume <= stl::kMaxCPURegisterTileVolume)
      return success();
    emitError(getOperation()->getLoc())
        << "stl-cpu-vectorize-contractions: invalid option 'register-tiles': "
           "the micro-kernel of "
        << volume << " multiply-adds (M * N * K) would be unrolled; at most "
        << stl::kMaxCPURegisterTileVolume << " (the default 8,32,4 has 1024)";
    return failure();
  }

  /// The target description, looked up once per pass instance.
  LogicalResult initialize(MLIRContext *context) override {
    if (targetCPU.empty() && targetTriple.empty())
      return success();
    llvm::Expected<stl::CPUTargetDescription> description =
        stl::CPUTargetDescription::lookup(
            targetCPU.empty() ? "generic" : StringRef(targetCPU), targetTriple);
    if (!description) {
      targetError = "stl-cpu-vectorize-contractions: " +
                    llvm::toString(description.takeError());
      return success(); // Reported on the first op the pass runs on.
    }
    target = std::move(*description);
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
    nest->walk([](LoopLikeOpInterface loop) { moveLoopInvariantCode(loop); });
    hoistAccumulators(rewriter, nest);

    // Remaining vector ops: 1-D transfers, unrolled.
    return applyPatterns(
        nest, "vector lowering", [](RewritePatternSet &patterns) {
          stl::populateUnrolledVectorTransferLoweringPatterns(patterns);
          vector::populateVectorTransposeLoweringPatterns(
              patterns, vector::VectorTransposeLowering::EltWise);
        });
  }

  void runOnOperation() override {
    if (!targetError.empty()) {
      emitError(getOperation()->getLoc()) << targetError;
      return signalPassFailure();
    }
    stl::CPUStrategyOptions options;
    if (failed(readTiles(cacheTiles, "cache-tiles", options.cacheTile)) ||
        failed(
            readTiles(registerTiles, "register-tiles", options.registerTile)) ||
        (options.registerTile &&
         failed(checkKernelSize(*options.registerTile))))
      return signalPassFailure();
    if (target)
      options.target = &*target;
    options.allowPacking = packing;

    // The strategy of each contraction, chosen in one place.
    Operation *root = getOperation();
    SmallVector<std::pair<stl::MatmulContraction, stl::CPUContractionStrategy>,
                4>
        candidates;
    // An approximate scheme to fuse is the op's meaning (its dense body is
    // not): computed by the packed kernel or the pass fails.
    auto isApproximateFusion = [](Operation *op) {
      auto scheme =
          op->getAttrOfType<stl::SchemeAttr>(stl::kFusedSchemeAttrName);
      return scheme && !scheme.getScheme().isExact();
    };
    bool unfusable = false;
    root->walk([&](linalg::LinalgOp op) {
      std::optional<stl::MatmulContraction> contraction =
          stl::matchMatmulContraction(op);
      if (!contraction) {
        if (isApproximateFusion(op)) {
          op->emitError() << "stl-cpu-vectorize-contractions: this op carries "
                             "an approximate scheme to fuse ('"
                          << stl::kFusedSchemeAttrName
                          << "') but is not a MatMul contraction";
          unfusable = true;
        }
        return;
      }
      stl::CPUContractionStrategy strategy =
          stl::selectCPUContractionStrategy(*contraction, options);
      if (!strategy.fusedScheme && isApproximateFusion(op)) {
        op->emitError() << "stl-cpu-vectorize-contractions: the approximate "
                           "scheme of this contraction ('"
                        << stl::kFusedSchemeAttrName
                        << "') is only computed by the packed micro-kernel, "
                           "which it does not get ("
                        << strategy.getName() << ": " << strategy.reason
                        << "); its dense body would compute another result";
        unfusable = true;
        return;
      }
      if (reportStrategies) {
        InFlightDiagnostic remark = op->emitRemark()
                                    << "CPU strategy " << strategy.getName();
        if (strategy.kind != stl::CPUContractionStrategyKind::Loops) {
          const stl::TileMNK &r = strategy.registerTile,
                             &c = strategy.cacheTile;
          remark << " (register tile " << r.m << "x" << r.n << "x" << r.k
                 << ", cache block " << c.m << "x" << c.n << "x" << c.k << ")";
        }
        remark << ": " << strategy.reason;
      }
      if (strategy.kind != stl::CPUContractionStrategyKind::Loops)
        candidates.push_back({*contraction, strategy});
    });
    if (unfusable)
      return signalPassFailure();
    if (candidates.empty())
      return;

    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> nests, packedNests;
    for (auto &[contraction, strategy] : candidates) {
      if (strategy.kind == stl::CPUContractionStrategyKind::PackedMicroKernel) {
        FailureOr<Operation *> nest = stl::generatePackedContraction(
            rewriter, contraction, strategy, parallel);
        if (succeeded(nest))
          packedNests.push_back(*nest);
        else if (strategy.fusedScheme && !strategy.fusedScheme->isExact()) {
          contraction.getOp()->emitError()
              << "stl-cpu-vectorize-contractions: the packed micro-kernel "
                 "cannot take this contraction, whose approximate scheme "
                 "only it computes";
          return signalPassFailure();
        }
        continue;
      }
      if (Operation *nest =
              tileAndVectorize(rewriter, contraction, strategy, parallel))
        nests.push_back(nest);
    }
    for (Operation *nest : nests)
      if (failed(lowerKernel(rewriter, nest)))
        return signalPassFailure();
    // The packed kernels' rows of C and of B: 1-D transfers, in bounds.
    for (Operation *nest : packedNests)
      if (failed(applyPatterns(
              nest, "vector lowering", [](RewritePatternSet &patterns) {
                stl::populateUnrolledVectorTransferLoweringPatterns(patterns);
              })))
        return signalPassFailure();
    // After the accumulators are hoisted (which rebuilds the loops they
    // leave: the marker is on a loop they do not leave, as its index picks
    // the block).
    makeMarkedLoopsParallel(rewriter, root);
    if (failed(cleanUp(rewriter, root)))
      return signalPassFailure();
  }

  /// Once for the whole function: the index computations simplified and
  /// those the unrolled kernels repeat (one per access) merged, which every
  /// later pass would otherwise lower once per occurrence. (The tiling's
  /// loops of one iteration stay: they show the block structure.)
  LogicalResult cleanUp(RewriterBase &rewriter, Operation *root) {
    if (failed(applyPatterns(
            root, "index simplification", [](RewritePatternSet &patterns) {
              affine::AffineApplyOp::getCanonicalizationPatterns(
                  patterns, patterns.getContext());
            })))
      return failure();
    DominanceInfo dominance(root);
    eliminateCommonSubExpressions(rewriter, dominance, root);
    return success();
  }
};
} // namespace
