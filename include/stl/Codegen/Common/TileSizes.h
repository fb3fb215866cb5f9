//===- TileSizes.h - Tile sizes that divide loop ranges ---------*- C++ -*-===//

#ifndef STL_CODEGEN_COMMON_TILESIZES_H
#define STL_CODEGEN_COMMON_TILESIZES_H

#include <cstdint>

namespace mlir {
namespace stl {

/// M, N and K sizes (of a cache block or a register micro-kernel).
struct TileMNK {
  int64_t m = 0, n = 0, k = 0;
  /// The multiply-adds of one tile (saturating at INT64_MAX).
  int64_t volume() const;
  bool operator==(const TileMNK &other) const {
    return m == other.m && n == other.n && k == other.k;
  }
};

/// The largest multiple of `step` that divides `size` and is at most
/// `wanted` (at least `step`, which must divide `size`).
int64_t getDividingTile(int64_t size, int64_t wanted, int64_t step);

/// The largest of `wanted`, `wanted / 2`, ... (down to `smallest`) that
/// divides `size`; 0 when none does.
int64_t getDividingPowerOfTwo(int64_t size, int64_t wanted, int64_t smallest);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_COMMON_TILESIZES_H
