//===- ContractionStrategy.cpp - How a CPU contraction is generated -------===//

#include "stl/Codegen/CPU/ContractionStrategy.h"

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
  if (reduction < kMinCPUVectorReduction)
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
  if (options.allowPacking && dims.m.size() == 1 && dims.n.size() == 1 &&
      dims.k.size() == 1 && reduction >= kMinCPUPackedReduction &&
      m >= registers.m && n >= registers.n) {
    strategy.kind = CPUContractionStrategyKind::PackedMicroKernel;
    int64_t kr = getDividingPowerOfTwo(reduction, registers.k, 1);
    strategy.registerTile.k = kr;
    TileMNK limits = options.cacheTile.value_or([&] {
      TileMNK blocks = fromArray(kDefaultCPUPackedCacheTiles);
      if (acc.getIntOrFloatBitWidth() > 32)
        blocks.k /= 2;
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
    strategy.reason +=
        "; operands packed (reduction of " + std::to_string(reduction) + ")";
    return strategy;
  }
  strategy.cacheTile =
      options.cacheTile.value_or(fromArray(kDefaultCPUCacheTiles));
  return strategy;
}
