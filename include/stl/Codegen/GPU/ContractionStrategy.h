//===- ContractionStrategy.h - A GPU strategy per contraction ---*- C++ -*-===//
//
// The one place where the GPU code generation chooses, per MatMul-like
// contraction, how to generate its kernels: from what the contraction is
// (Codegen/Common/ContractionMatch.h) and what the GPU is
// (TargetDescription.h). A new strategy is a new kind here, chosen in
// selectGPUContractionStrategy and applied by --stl-gpu-contraction-codegen.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_GPU_CONTRACTIONSTRATEGY_H
#define STL_CODEGEN_GPU_CONTRACTIONSTRATEGY_H

#include "stl/Codegen/Common/ContractionMatch.h"
#include "stl/Codegen/GPU/TargetDescription.h"

#include <string>

namespace mlir {
namespace stl {

enum class GPUContractionStrategyKind {
  /// Parallel loops over the destination's elements (a sequential
  /// reduction in each thread), tiled onto blocks and threads like every
  /// other linalg op (--convert-linalg-to-parallel-loops, then
  /// --stl-gpu-map-parallel-loops).
  ParallelLoops,
  /// Tensor cores through warp-level `mma.sync.m16n8k16` (f16 / bf16
  /// inputs, f32 accumulation): block tiles staged in shared memory by a
  /// multi-stage `cp.async` pipeline, fragments read with `ldmatrix`
  /// (MmaSyncContraction.h). sm_80 and newer.
  MmaSync,
  /// Hopper tensor cores through warpgroup-level `wgmma.mma_async` (f16 /
  /// bf16 inputs, f32 accumulation): warp-specialised blocks, TMA copies
  /// into a multi-stage shared-memory pipeline on mbarriers
  /// (WgmmaContraction.h). sm_90a only; opt-in (`wgmma`).
  Wgmma,
};

/// The tiling of a tensor-core kernel: a block computes a `blockM x blockN`
/// tile of the destination, `blockK` of the reduction per pipeline stage,
/// with `warpsM x warpsN` warps, each a `blockM / warpsM x blockN / warpsN`
/// sub-tile of 16 x 8 MMA tiles.
struct GPUMmaTileConfig {
  int64_t blockM = 128, blockN = 128, blockK = 32;
  int64_t warpsM = 2, warpsN = 4;
  /// Tiles of the reduction in flight in shared memory.
  int64_t stages = 4;
  /// Bytes of an input element: 2 (f16, bf16) or 4 (f32 inputs, multiplied
  /// as TF32).
  int64_t elementBytes = 2;

  int64_t getWarpM() const { return blockM / warpsM; }
  int64_t getWarpN() const { return blockN / warpsN; }
  int64_t getNumThreads() const { return warpsM * warpsN * 32; }
  /// Input elements in a 16-byte chunk, the unit of the copies.
  int64_t getElementsPerChunk() const { return 16 / elementBytes; }
  /// Bytes of shared memory: `stages` tiles of both inputs.
  int64_t getSharedMemoryBytes() const {
    return stages * (blockM + blockN) * blockK * elementBytes;
  }
  /// "128x128x32, 2x4 warps, 4 stages".
  std::string describe() const;
  /// Empty when the configuration can be generated, otherwise why not
  /// (warp tiles not multiples of 16 x 16, block K not a multiple of 32,
  /// tile rows not powers of two, copies not evenly split over threads, more
  /// shared memory than `maxSharedBytes`).
  std::string check(int64_t maxSharedBytes) const;
};

/// The tiling of the wgmma kernel: a block of `blockM` x `blockN` (blockM /
/// 64 consumer warpgroups of 64 rows, and a producer warpgroup), 64 of K a
/// stage.
struct GPUWgmmaTileConfig {
  static constexpr int64_t kBlockK = 64;
  int64_t blockM = 128, blockN = 128;
  int64_t stages = 4;

  int64_t getConsumerGroups() const { return blockM / 64; }
  int64_t getNumThreads() const { return 128 * (getConsumerGroups() + 1); }
  /// Bytes of one stage of 16-bit operand tiles.
  int64_t getStageBytes() const { return (blockM + blockN) * kBlockK * 2; }
  /// Bytes of dynamic shared memory: the stages, their two mbarriers each,
  /// and room to align the stages to 1024 bytes (the swizzle's period).
  int64_t getSharedMemoryBytes() const {
    return stages * getStageBytes() + stages * 16 + 1024;
  }
  /// "128x128x64, 4 stages".
  std::string describe() const;
  /// Empty when the configuration can be generated, otherwise why not
  /// (blockM not 64 or 128, blockN not 64, 128 or 256, stages not 2 to 8,
  /// more shared memory than `maxSharedBytes`).
  std::string check(int64_t maxSharedBytes) const;
};

struct GPUContractionStrategy {
  GPUContractionStrategyKind kind = GPUContractionStrategyKind::ParallelLoops;
  /// The tiling of a MmaSync strategy.
  GPUMmaTileConfig mma;
  /// The tiling of a Wgmma strategy.
  GPUWgmmaTileConfig wgmma;
  /// Why this strategy (for remarks).
  std::string reason;

  /// "parallel-loops", "mma-sync", "wgmma".
  llvm::StringRef getName() const;
};

/// What the user asked of the strategies (options of
/// --stl-gpu-contraction-codegen and the GPU pipelines).
struct GPUContractionStrategyOptions {
  /// Whether tensor-core strategies may be chosen.
  bool tensorCores = true;
  /// A tiling to use instead of the one chosen per shape (when set, a
  /// contraction it does not divide falls back to parallel loops).
  std::optional<GPUMmaTileConfig> mmaTile;
  /// Whether contractions of f32 inputs may run on the tensor cores as
  /// TF32: each input element rounded to 10 bits of mantissa (to nearest,
  /// ties away), f32 accumulation.
  bool tf32 = false;
  /// Whether the wgmma strategy is tried first on sm_90a (not yet run on a
  /// GPU: opt-in).
  bool wgmma = false;
  /// A wgmma tiling to use instead of the one chosen per shape.
  std::optional<GPUWgmmaTileConfig> wgmmaTile;
};

/// Chooses how to generate `contraction`'s kernels on `target`.
GPUContractionStrategy
selectGPUContractionStrategy(const MatmulContraction &contraction,
                             const GPUTargetDescription &target,
                             const GPUContractionStrategyOptions &options = {});

/// Parses the `mma-tile` option (blockM,blockN,blockK[,warpsM,warpsN[,
/// stages]]) into `config` and checks it against `target`; returns the
/// problem ("invalid option 'mma-tile': ..."), or an empty string.
std::string parseGPUMmaTileOption(llvm::ArrayRef<int64_t> values,
                                  const GPUTargetDescription &target,
                                  GPUMmaTileConfig &config);

/// Parses the `wgmma-tile` option (blockM,blockN[,stages]) into `config`;
/// returns the error message, or empty.
std::string parseGPUWgmmaTileOption(llvm::ArrayRef<int64_t> values,
                                    const GPUTargetDescription &target,
                                    GPUWgmmaTileConfig &config);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_CONTRACTIONSTRATEGY_H
