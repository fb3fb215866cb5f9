//===- ContractionStrategy.h - A CPU strategy per contraction ---*- C++ -*-===//
//
// The one place where the CPU code generation chooses, per MatMul-like
// contraction, how to generate its code: from what the contraction is
// (Codegen/Common/ContractionMatch.h) and what the CPU is
// (TargetDescription.h). A new strategy is a new kind here, chosen in
// selectCPUContractionStrategy, and applied where the kinds are applied
// (--stl-cpu-vectorize-contractions).
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_CPU_CONTRACTIONSTRATEGY_H
#define STL_CODEGEN_CPU_CONTRACTIONSTRATEGY_H

#include "stl/Codegen/CPU/TargetDescription.h"
#include "stl/Codegen/Common/ContractionMatch.h"
#include "stl/Codegen/Common/TileSizes.h"

#include <optional>
#include <string>

namespace mlir {
namespace stl {
class Scheme;

/// The tile sizes used without a target description or tiles given: M, N,
/// K of a cache block and of the register micro-kernel (8 rows of two
/// 16-lane f32 vectors: 16 of AVX-512's 32 registers hold accumulators).
inline constexpr int64_t kDefaultCPUCacheTiles[] = {64, 256, 128};
inline constexpr int64_t kDefaultCPURegisterTiles[] = {8, 32, 4};

/// The smallest innermost reduction (K) the vector strategy takes: a
/// reduction over one tile is left to the loops
/// (--stl-cpu-pack-contractions merges short K loops to reach it).
inline constexpr int64_t kMinCPUVectorReduction = 16;

/// Largest register tile (M * N * K multiply-adds, all unrolled) accepted.
inline constexpr int64_t kMaxCPURegisterTileVolume = 16384;

/// The largest cache blocks (M, N, K) of the packed micro-kernel: an A
/// block of 144 x 512 f32 (288 KiB) in a 512 KiB L2, a B block of 512 x
/// 4096 (8 MiB) in the L3, and K at most as deep as a B panel (K x nr) of
/// kCPUPackedRhsPanelBytes (one L1 data cache) allows: 512 with 16-column
/// f32 tiles, 341 with 24, 256 with 32. Each is balanced over the size
/// (equal blocks, rounded up to the register tile).
inline constexpr int64_t kDefaultCPUPackedCacheTiles[] = {144, 4096, 512};
inline constexpr int64_t kCPUPackedRhsPanelBytes = 32 * 1024;

/// The attribute (an `#stl.scheme`) by which --stl-cpu-fuse-encodings asks
/// for a contraction to be computed with that scheme on blocks, its
/// encodings fused into the packed micro-kernel's packing and its decoding
/// into the write-back. With an exact scheme the contraction's own (dense)
/// semantics stay valid: code generation that does not read the attribute
/// computes the same MatMul. With an approximate one the attribute is the
/// contraction's meaning: --stl-cpu-vectorize-contractions fails when it
/// cannot honour it.
inline constexpr llvm::StringLiteral kFusedSchemeAttrName = "stl.fused_scheme";

/// The smallest reduction (K) for which packing the operands pays: the
/// packed copies are reused K / kr times less than the kernel's loads.
inline constexpr int64_t kMinCPUPackedReduction = 64;

enum class CPUContractionStrategyKind {
  /// Left to the loop lowering (scalar code).
  Loops,
  /// Tiled for the caches and the registers; the register tile becomes
  /// rows of vector FMAs (outer products) with its accumulators held in
  /// registers across the K loop.
  VectorOuterProduct,
  /// As BLAS libraries compute a MatMul: blocks of both operands copied
  /// (packed) into the order the register micro-kernel reads them, zero
  /// padded to whole register tiles, so that any sizes are taken and both
  /// operands stream contiguously (PackedMicroKernel.cpp).
  PackedMicroKernel,
};

struct CPUContractionStrategy {
  CPUContractionStrategyKind kind = CPUContractionStrategyKind::Loops;
  /// VectorOuterProduct: the cache block and the wanted micro-kernel (the
  /// tiling shrinks them to divisors of the sizes). PackedMicroKernel: the
  /// blocks and the micro-kernel as generated (M and N blocks multiples of
  /// the register tile's, K of both the register tile's K, which divides
  /// the reduction).
  TileMNK cacheTile, registerTile;
  /// PackedMicroKernel: the scheme whose encodings the packing
  /// computes (kFusedSchemeAttrName), or null for the MatMul itself; the
  /// blocks are then blocks of the (M/m x K/k) by (K/k x N/n) products.
  const Scheme *fusedScheme = nullptr;
  /// Why this strategy (for remarks).
  std::string reason;

  /// "loops", "vector-outer-product", "packed-micro-kernel".
  llvm::StringRef getName() const;
};

/// What the user fixed (pass options); the rest is chosen.
struct CPUStrategyOptions {
  std::optional<TileMNK> cacheTile, registerTile;
  /// Null: no target description (the default tiles).
  const CPUTargetDescription *target = nullptr;
  /// Whether the packed micro-kernel may be chosen.
  bool allowPacking = true;
};

/// The register micro-kernel for `elementType` on `target`: two vectors of
/// lanes per row (N; more when two make fewer than 8 elements), as many
/// rows (M, at most 8) as leave registers for the rhs vectors and a
/// broadcast lhs element, K = 4.
TileMNK getCPURegisterTile(const CPUTargetDescription &target,
                           Type elementType);

/// The packed micro-kernel's register tile for `elementType` on `target`
/// and a MatMul (or block product) `n` columns wide: among tiles of 2 or 3
/// vectors per row (more when that is under 8 elements) whose
/// accumulators, rhs vectors and a broadcast fit the registers (at most 8
/// rows), the fewest loads per FMA (rhs vectors and broadcast lhs elements
/// per step of K), weighed by N's zero padding and the share of panels N
/// cuts: 4 x 24 f32 with AVX2's 16 registers (7 loads per 12 FMAs, against
/// 8 for 6 x 16) unless N is narrow and a multiple of 16 (a 512-wide block
/// product keeps 6 x 16). Loads per FMA under kCPUSufficientLoadsPerFMA
/// count as that many where the tile's B panel makes the K block shallower
/// than its limit (512): with AVX-512's 32 registers, 8 x 32 (10 loads per
/// 16 FMAs) ties with 8 x 48 and is kept, its B panel being narrower (a
/// deeper K block; measured 3-5 % faster on a Xeon with AVX-512 at 2048^3,
/// N a multiple of 48 or not). With NEON's 32 x 128-bit registers, 8 x 12
/// f32 (11 loads per 24 FMAs, as BLAS libraries for AArch64 have it). N
/// need not be a power of two: the kernel splits rows into power-of-two
/// vectors.
/// `cutPanelCost` weighs the share of cut panels: kCPUCutPanelCost, or
/// kCPUFusedCutPanelCost with a fused scheme (whose cut panels sum every
/// term element by element: a 1024-wide block product keeps 6 x 16).
TileMNK getCPUPackedRegisterTile(const CPUTargetDescription &target,
                                 Type elementType, int64_t n,
                                 double cutPanelCost);
inline constexpr double kCPUSufficientLoadsPerFMA = 0.625;
inline constexpr double kCPUCutPanelCost = 3;
inline constexpr double kCPUFusedCutPanelCost = 20;

/// Chooses how to generate `contraction`'s code.
CPUContractionStrategy
selectCPUContractionStrategy(const MatmulContraction &contraction,
                             const CPUStrategyOptions &options);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_CPU_CONTRACTIONSTRATEGY_H
