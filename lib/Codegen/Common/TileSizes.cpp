//===- TileSizes.cpp - Tile sizes that divide loop ranges -----------------===//

#include "stl/Codegen/Common/TileSizes.h"

#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir::stl;

int64_t TileMNK::volume() const {
  int64_t mn, mnk;
  if (llvm::MulOverflow(m, n, mn) || llvm::MulOverflow(mn, k, mnk))
    return INT64_MAX;
  return mnk;
}

int64_t mlir::stl::getDividingTile(int64_t size, int64_t wanted, int64_t step) {
  for (int64_t tile = std::max(step, wanted / step * step); tile > step;
       tile -= step)
    if (size % tile == 0)
      return tile;
  return step;
}

int64_t mlir::stl::getDividingPowerOfTwo(int64_t size, int64_t wanted,
                                         int64_t smallest) {
  for (int64_t tile = wanted; tile >= smallest; tile /= 2)
    if (tile > 0 && size % tile == 0)
      return tile;
  return 0;
}
