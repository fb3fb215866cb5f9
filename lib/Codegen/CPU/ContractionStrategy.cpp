//===- ContractionStrategy.cpp - How a CPU contraction is generated -------===//

#include "stl/Codegen/CPU/ContractionStrategy.h"
#include "stl/Dialect/STL/IR/STLAttrs.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::stl;

llvm::StringRef CPUContractionStrategy::getName() const {
  switch (kind) {
  case CPUContractionStrategyKind::Loops:
    return "loops";
  case CPUContractionStrategyKind::VectorOuterProduct:
    return "vector-outer-product";
  case CPUContractionStrategyKind::PackedMicroKernel:
    return "packed-micro-kernel";
  }
  llvm_unreachable("unknown CPU contraction strategy");
}

TileMNK mlir::stl::getCPURegisterTile(const CPUTargetDescription &target,
                                      Type elementType) {
  // Two vectors per row (more when that is under the 8 elements along N
  // the vectorized kernel needs); each row of accumulators takes that many
  // registers, and a step of K needs the rhs vectors and one broadcast lhs
  // element.
  int64_t lanes = target.getLanes(elementType);
  int64_t vectorsPerRow = std::max<int64_t>(2, (8 + lanes - 1) / lanes);
  int64_t rows =
      (static_cast<int64_t>(target.numVectorRegisters) - vectorsPerRow - 1) /
      vectorsPerRow;
  return {std::clamp<int64_t>(rows, 1, 8), vectorsPerRow * lanes, 4};
}

TileMNK mlir::stl::getCPUPackedRegisterTile(const CPUTargetDescription &target,
                                            Type elementType, int64_t n,
                                            double cutPanelCost) {
  // Per step of K the kernel loads `vectors` rhs vectors and broadcasts
  // `rows` lhs elements for rows * vectors FMAs: the tile with the fewest
  // loads per FMA whose accumulators, rhs vectors and one broadcast fit the
  // registers (at least 8 elements along N, at most 8 rows), weighed by the
  // zero padding of N and by the share of panels that N cuts (their
  // packing and write-back go element by element). Where a tile's B panel
  // shallows the K block below its limit (it fills the L1 cache sooner),
  // loads below kCPUSufficientLoadsPerFMA do not make the kernel faster
  // (the load ports keep up with the FMA ports): such tiles tie, and the
  // narrowest is kept. NEON's 128-bit rows keep deep K blocks: 8 x 12 f32.
  int64_t lanes = target.getLanes(elementType);
  int64_t registers = target.numVectorRegisters;
  int64_t fewest = std::max<int64_t>(2, (8 + lanes - 1) / lanes);
  TileMNK best = getCPURegisterTile(target, elementType);
  double bestCost = 0;
  for (int64_t vectors = fewest; vectors <= std::max<int64_t>(fewest, 3);
       ++vectors) {
    int64_t rows = std::min<int64_t>(8, (registers - vectors - 1) / vectors);
    if (rows < 1)
      continue;
    int64_t columns = vectors * lanes;
    int64_t panels = llvm::divideCeil(n, columns);
    double cut = n % columns ? 1.0 / static_cast<double>(panels) : 0.0;
    double loadsPerFMA = static_cast<double>(rows + vectors) /
                         static_cast<double>(rows * vectors);
    // Only where the tile's B panel shallows the K block below its limit.
    int64_t bytes =
        std::max<int64_t>(1, elementType.getIntOrFloatBitWidth() / 8);
    if (kCPUPackedRhsPanelBytes / (columns * bytes) <
        kDefaultCPUPackedCacheTiles[2])
      loadsPerFMA = std::max(kCPUSufficientLoadsPerFMA, loadsPerFMA);
    double cost = loadsPerFMA * static_cast<double>(panels * columns) /
                  static_cast<double>(n) * (1 + cutPanelCost * cut);
    if (bestCost == 0 || cost < bestCost) {
      bestCost = cost;
      best = {rows, columns, 4};
    }
  }
  return best;
}

static CPUContractionStrategy loops(std::string reason) {
  CPUContractionStrategy strategy;
  strategy.kind = CPUContractionStrategyKind::Loops;
  strategy.reason = std::move(reason);
  return strategy;
}

CPUContractionStrategy
mlir::stl::selectCPUContractionStrategy(const MatmulContraction &contraction,
                                        const CPUStrategyOptions &options) {
  if (!contraction.hasBufferSemantics())
    return loops("not on buffers");
  if (!contraction.hasStaticShape())
    return loops("dynamic sizes");
  Type acc = contraction.getAccumulatorType();
  if (!isa<FloatType>(acc) || acc.getIntOrFloatBitWidth() < 32)
    return loops("element type is not f32 or f64 (no vector FMA of it)");
  if (!contraction.hasOneElementType())
    return loops("mixed element types");
  if (!contraction.isRowMajor())
    return loops("operands not row-major (N innermost in the destination "
                 "and the rhs, K innermost in the lhs)");
  int64_t reduction = contraction.loopRanges[contraction.k];
  // A scheme to fuse is computed by the packed kernel whatever the sizes
  // (the generic that carries it is computed dense otherwise).
  bool hasFusedScheme =
      options.allowPacking &&
      contraction.getOp()->hasAttrOfType<SchemeAttr>(kFusedSchemeAttrName);
  if (reduction < kMinCPUVectorReduction && !hasFusedScheme)
    return loops(llvm::formatv("innermost reduction of {0} (< {1})", reduction,
                               kMinCPUVectorReduction)
                     .str());

  CPUContractionStrategy strategy;
  strategy.kind = CPUContractionStrategyKind::VectorOuterProduct;
  auto fromArray = [](const int64_t (&sizes)[3]) {
    return TileMNK{sizes[0], sizes[1], sizes[2]};
  };
  if (options.registerTile) {
    strategy.registerTile = *options.registerTile;
    strategy.reason = "register tile given";
  } else if (options.target) {
    strategy.registerTile = getCPURegisterTile(*options.target, acc);
    strategy.reason = "register tile for " + options.target->describe();
  } else {
    strategy.registerTile = fromArray(kDefaultCPURegisterTiles);
    strategy.reason = "default register tile (no target CPU given)";
  }

  int64_t m = contraction.loopRanges[contraction.m],
          n = contraction.loopRanges[contraction.n];
  const linalg::ContractionDimensions &dims = contraction.dims;
  const TileMNK &registers = strategy.registerTile;
  // Other M and N loops than the innermost ones are iterated around the
  // packed nest, like batch loops.
  bool onePerRole = dims.k.size() == 1;
  // A scheme to fuse: the blocks are those of its block products.
  auto fused =
      contraction.getOp()->getAttrOfType<SchemeAttr>(kFusedSchemeAttrName);
  if (fused && options.allowPacking && onePerRole) {
    TileShape tile = fused.getTile();
    if (m % tile.m == 0 && n % tile.n == 0 && reduction % tile.k == 0) {
      strategy.fusedScheme = &fused.getScheme();
      m /= tile.m;
      n /= tile.n;
      reduction /= tile.k;
    }
  }
  if (options.allowPacking && onePerRole &&
      (strategy.fusedScheme || (reduction >= kMinCPUPackedReduction &&
                                m >= registers.m && n >= registers.n))) {
    strategy.kind = CPUContractionStrategyKind::PackedMicroKernel;
    if (!options.registerTile && options.target)
      strategy.registerTile = getCPUPackedRegisterTile(
          *options.target, acc, n,
          strategy.fusedScheme ? kCPUFusedCutPanelCost : kCPUCutPanelCost);
    int64_t kr = getDividingPowerOfTwo(reduction, registers.k, 1);
    strategy.registerTile.k = kr;
    TileMNK limits = options.cacheTile.value_or([&] {
      // K: as deep as a panel of B of 32 KiB (an L1 data cache) allows;
      // twice that with a fused scheme, whose write-back adds each tile
      // into several blocks of C per K block (measured at 2048^3 with
      // AVX-512, 8 x 32: strassen-4x4x4 7 % faster with K blocks of 512
      // than of 256; the dense MatMul the same).
      TileMNK blocks = fromArray(kDefaultCPUPackedCacheTiles);
      int64_t panelBytes =
          kCPUPackedRhsPanelBytes * (strategy.fusedScheme ? 2 : 1);
      blocks.k = std::min<int64_t>(
          blocks.k,
          panelBytes / (registers.n * (acc.getIntOrFloatBitWidth() / 8)));
      return blocks;
    }());
    // Equal blocks no larger than the limits (when a limit is under the
    // register tile, one register tile), rounded up to the register tile.
    auto balance = [](int64_t size, int64_t limit, int64_t multiple) {
      limit = std::max(limit, multiple);
      int64_t blocks = llvm::divideCeil(size, limit);
      return static_cast<int64_t>(
          llvm::alignTo(llvm::divideCeil(size, blocks), multiple));
    };
    strategy.cacheTile = {balance(m, limits.m, registers.m),
                          balance(n, limits.n, registers.n),
                          balance(reduction, limits.k, kr)};
    if (strategy.fusedScheme)
      strategy.reason += "; scheme '" + strategy.fusedScheme->getName() +
                         "' fused into the packing (block products " +
                         std::to_string(m) + "x" + std::to_string(reduction) +
                         "x" + std::to_string(n) + ")";
    else
      strategy.reason +=
          "; operands packed (reduction of " + std::to_string(reduction) + ")";
    return strategy;
  }
  strategy.cacheTile =
      options.cacheTile.value_or(fromArray(kDefaultCPUCacheTiles));
  return strategy;
}
