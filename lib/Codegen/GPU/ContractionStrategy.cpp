//===- ContractionStrategy.cpp - How a GPU contraction is generated -------===//

#include "stl/Codegen/GPU/ContractionStrategy.h"
#include "stl/Codegen/GPU/MmaSyncContraction.h"
#include "stl/Codegen/GPU/WgmmaContraction.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::stl;

llvm::StringRef GPUContractionStrategy::getName() const {
  switch (kind) {
  case GPUContractionStrategyKind::ParallelLoops:
    return "parallel-loops";
  case GPUContractionStrategyKind::MmaSync:
    return "mma-sync";
  case GPUContractionStrategyKind::Wgmma:
    return "wgmma";
  }
  llvm_unreachable("unknown GPU contraction strategy");
}

std::string GPUMmaTileConfig::describe() const {
  return std::to_string(blockM) + "x" + std::to_string(blockN) + "x" +
         std::to_string(blockK) + ", " + std::to_string(warpsM) + "x" +
         std::to_string(warpsN) + " warps, " + std::to_string(stages) +
         " stages";
}

std::string GPUMmaTileConfig::check(int64_t maxSharedBytes) const {
  if (blockM <= 0 || blockN <= 0 || blockK <= 0 || warpsM <= 0 || warpsN <= 0)
    return "tile sizes and warps must be positive";
  if (stages < 2 || stages > 8)
    return "stages must be 2 to 8, got " + std::to_string(stages);
  if (warpsM * warpsN > 32)
    return "at most 32 warps (1024 threads), got " +
           std::to_string(warpsM * warpsN);
  if (blockM % warpsM != 0 || blockN % warpsN != 0 || getWarpM() % 16 != 0 ||
      getWarpN() % 16 != 0)
    return "each warp's tile (" + std::to_string(blockM) + "/" +
           std::to_string(warpsM) + " x " + std::to_string(blockN) + "/" +
           std::to_string(warpsN) + ") must be whole multiples of 16 x 16";
  if (blockK % 32 != 0)
    return "block K must be a multiple of 32, got " + std::to_string(blockK);
  // Swizzling needs power-of-two rows of 16-byte chunks; every thread
  // copies the same number of chunks.
  if (!llvm::isPowerOf2_64(blockM) || !llvm::isPowerOf2_64(blockN) ||
      !llvm::isPowerOf2_64(blockK))
    return "block sizes must be powers of two";
  int64_t threads = getNumThreads();
  int64_t chunk = getElementsPerChunk();
  if ((blockM * blockK / chunk) % threads != 0 ||
      (blockN * blockK / chunk) % threads != 0)
    return "the 16-byte chunks of a tile (" +
           std::to_string(std::min(blockM, blockN) * blockK / chunk) +
           ") do not split evenly over " + std::to_string(threads) + " threads";
  if (getSharedMemoryBytes() > maxSharedBytes)
    return std::to_string(getSharedMemoryBytes()) +
           " bytes of shared memory, more than the " +
           std::to_string(maxSharedBytes) + " a block may have";
  return "";
}

std::string mlir::stl::parseGPUMmaTileOption(llvm::ArrayRef<int64_t> values,
                                             const GPUTargetDescription &target,
                                             GPUMmaTileConfig &config) {
  if (values.size() != 3 && values.size() != 5 && values.size() != 6)
    return "invalid option 'mma-tile': expected "
           "blockM,blockN,blockK[,warpsM,warpsN[,stages]], got " +
           std::to_string(values.size()) + " values";
  config = GPUMmaTileConfig();
  config.blockM = values[0];
  config.blockN = values[1];
  config.blockK = values[2];
  if (values.size() >= 5) {
    config.warpsM = values[3];
    config.warpsN = values[4];
  }
  if (values.size() == 6)
    config.stages = values[5];
  std::string problem = config.check(target.getMaxSharedMemoryPerBlock());
  return problem.empty() ? "" : "invalid option 'mma-tile': " + problem;
}

std::string GPUWgmmaTileConfig::describe() const {
  return std::to_string(blockM) + "x" + std::to_string(blockN) + "x" +
         std::to_string(kBlockK) + ", " + std::to_string(stages) + " stages";
}

std::string GPUWgmmaTileConfig::check(int64_t maxSharedBytes) const {
  if (blockM != 64 && blockM != 128)
    return "block M must be 64 or 128 (64 rows per consumer warpgroup), got " +
           std::to_string(blockM);
  if (blockN != 64 && blockN != 128 && blockN != 256)
    return "block N must be 64, 128 or 256, got " + std::to_string(blockN);
  if (stages < 2 || stages > 8)
    return "stages must be 2 to 8, got " + std::to_string(stages);
  if (getSharedMemoryBytes() > maxSharedBytes)
    return std::to_string(getSharedMemoryBytes()) +
           " bytes of shared memory, more than the " +
           std::to_string(maxSharedBytes) + " a block may have";
  return "";
}

std::string
mlir::stl::parseGPUWgmmaTileOption(llvm::ArrayRef<int64_t> values,
                                   const GPUTargetDescription &target,
                                   GPUWgmmaTileConfig &config) {
  if (values.size() != 2 && values.size() != 3)
    return "invalid option 'wgmma-tile': expected blockM,blockN[,stages], "
           "got " +
           std::to_string(values.size()) + " values";
  config = GPUWgmmaTileConfig();
  config.blockM = values[0];
  config.blockN = values[1];
  if (values.size() == 3)
    config.stages = values[2];
  std::string problem = config.check(target.getMaxSharedMemoryPerBlock());
  return problem.empty() ? "" : "invalid option 'wgmma-tile': " + problem;
}

/// The wgmma tilings tried per shape, best first.
static llvm::SmallVector<GPUWgmmaTileConfig> getWgmmaTileCandidates() {
  llvm::SmallVector<GPUWgmmaTileConfig> candidates;
  auto add = [&](int64_t m, int64_t n, int64_t stages) {
    GPUWgmmaTileConfig config;
    config.blockM = m;
    config.blockN = n;
    config.stages = stages;
    candidates.push_back(config);
  };
  // 128 x 256: each consumer warpgroup an m64n256 wgmma (128 accumulator
  // registers a thread; 154 registers, no spills at 384 threads).
  add(128, 256, 4);
  add(128, 128, 6);
  add(128, 64, 8);
  add(64, 128, 8);
  add(64, 64, 8);
  return candidates;
}

/// The wgmma strategy for `contraction`, or why there is none.
static std::optional<GPUContractionStrategy>
selectWgmma(const MatmulContraction &contraction,
            const GPUTargetDescription &target,
            const GPUContractionStrategyOptions &options, std::string &why) {
  if (!target.hasWarpgroupMMA()) {
    why = "wgmma needs sm_90a, not " + target.describe();
    return std::nullopt;
  }
  why = checkWgmmaContraction(contraction);
  if (!why.empty())
    return std::nullopt;
  GPUContractionStrategy strategy;
  strategy.kind = GPUContractionStrategyKind::Wgmma;
  if (options.wgmmaTile) {
    why = checkWgmmaTiling(contraction, *options.wgmmaTile);
    if (!why.empty())
      return std::nullopt;
    strategy.wgmma = *options.wgmmaTile;
    strategy.reason = "wgmma on " + target.describe() + ", tile " +
                      strategy.wgmma.describe() + " (wgmma-tile)";
    return strategy;
  }
  for (const GPUWgmmaTileConfig &config : getWgmmaTileCandidates()) {
    if (!config.check(target.getMaxSharedMemoryPerBlock()).empty() ||
        !checkWgmmaTiling(contraction, config).empty())
      continue;
    strategy.wgmma = config;
    strategy.reason = "wgmma on " + target.describe() + ", tile " +
                      config.describe() + " (the largest that divides it)";
    return strategy;
  }
  why = checkWgmmaTiling(contraction, getWgmmaTileCandidates().back());
  return std::nullopt;
}

/// The tilings tried per shape for inputs of `elementBytes`, best first:
/// large blocks (most reuse per byte of shared memory) where they divide
/// the problem. TF32 tiles take twice the bytes: one stage fewer, so that
/// 128 x 128 x 32 fits the 99 KiB of sm_86 / sm_89.
static llvm::SmallVector<GPUMmaTileConfig>
getMmaTileCandidates(int64_t elementBytes) {
  llvm::SmallVector<GPUMmaTileConfig> candidates;
  auto add = [&](int64_t m, int64_t n, int64_t k, int64_t wm, int64_t wn,
                 int64_t stages) {
    GPUMmaTileConfig config;
    config.elementBytes = elementBytes;
    if (elementBytes == 4)
      stages -= 1;
    config.blockM = m;
    config.blockN = n;
    config.blockK = k;
    config.warpsM = wm;
    config.warpsN = wn;
    config.stages = stages;
    candidates.push_back(config);
  };
  add(128, 128, 32, 2, 4, 4);
  add(128, 64, 32, 2, 2, 4);
  add(64, 128, 32, 2, 2, 4);
  add(64, 64, 32, 2, 2, 4);
  add(32, 64, 32, 1, 2, 4);
  add(32, 32, 32, 1, 2, 4);
  return candidates;
}

GPUContractionStrategy mlir::stl::selectGPUContractionStrategy(
    const MatmulContraction &contraction, const GPUTargetDescription &target,
    const GPUContractionStrategyOptions &options) {
  GPUContractionStrategy strategy;
  strategy.kind = GPUContractionStrategyKind::ParallelLoops;
  auto parallelLoops = [&](const std::string &why) {
    strategy.reason = why;
    return strategy;
  };
  if (!options.tensorCores)
    return parallelLoops("tensor cores are off");
  if (target.smVersion < 80)
    return parallelLoops("no tensor-core strategy for " + target.describe() +
                         " (mma-sync needs sm_80: cp.async)");
  std::string why;
  std::string wgmmaWhy;
  if (options.wgmma) {
    if (std::optional<GPUContractionStrategy> wgmma =
            selectWgmma(contraction, target, options, wgmmaWhy))
      return *wgmma;
    wgmmaWhy = "; no wgmma: " + wgmmaWhy;
  }
  why = checkMmaSyncContraction(contraction, options.tf32);
  if (!why.empty())
    return parallelLoops("no tensor cores: " + why + wgmmaWhy);
  int64_t elementBytes = getMmaSyncElementBytes(contraction);
  // TF32 is said in the reason: it is not the op's f32 arithmetic.
  std::string precision = elementBytes == 4 ? " as TF32" : "";
  int64_t maxShared = target.getMaxSharedMemoryPerBlock();
  if (options.mmaTile) {
    GPUMmaTileConfig config = *options.mmaTile;
    config.elementBytes = elementBytes;
    // Checked with 16-bit elements when parsed; TF32 takes twice the bytes.
    why = config.check(maxShared);
    if (!why.empty())
      return parallelLoops("the mma-tile " + config.describe() +
                           " does not fit TF32 inputs: " + why);
    why = checkMmaSyncTiling(contraction, config);
    if (!why.empty())
      return parallelLoops("the mma-tile " + config.describe() +
                           " does not divide it: " + why);
    strategy.kind = GPUContractionStrategyKind::MmaSync;
    strategy.mma = config;
    strategy.reason = "tensor cores" + precision + " on " + target.describe() +
                      ", tile " + config.describe() + " (mma-tile)" + wgmmaWhy;
    return strategy;
  }
  for (GPUMmaTileConfig config : getMmaTileCandidates(elementBytes)) {
    if (!config.check(maxShared).empty() ||
        !checkMmaSyncTiling(contraction, config).empty())
      continue;
    strategy.kind = GPUContractionStrategyKind::MmaSync;
    strategy.mma = config;
    strategy.reason = "tensor cores" + precision + " on " + target.describe() +
                      ", tile " + config.describe() +
                      " (the largest that divides it)" + wgmmaWhy;
    return strategy;
  }
  return parallelLoops(
      "no tensor cores: " +
      checkMmaSyncTiling(contraction,
                         getMmaTileCandidates(elementBytes).back()));
}
