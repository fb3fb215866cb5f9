//===- CostModel.cpp - Cost of a Strassen-Tile MatMul (STL.md 6) ----------===//

#include "stl/Scheme/CostModel.h"

#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>

using namespace mlir::stl;

int64_t mlir::stl::countNonZero(llvm::ArrayRef<double> coefficients) {
  return std::count_if(coefficients.begin(), coefficients.end(),
                       [](double c) { return c != 0.0; });
}

namespace {
/// Checked int64 arithmetic: the first overflow is remembered (and the
/// values then no longer matter).
struct Checked {
  bool overflowed = false;
  int64_t mul(std::initializer_list<int64_t> factors) {
    int64_t p = 1;
    for (int64_t f : factors) {
      std::optional<int64_t> next = llvm::checkedMul(p, f);
      if (!next) {
        overflowed = true;
        return 0;
      }
      p = *next;
    }
    return p;
  }
  int64_t add(int64_t a, int64_t b) {
    std::optional<int64_t> sum = llvm::checkedAdd(a, b);
    if (!sum) {
      overflowed = true;
      return 0;
    }
    return *sum;
  }
};
} // namespace

int64_t STLCost::totalMacs() const {
  return tileProductMacs + encodeLhsMacs + encodeRhsMacs + decodeMacs;
}

int64_t STLCost::totalMacsSparse() const {
  return tileProductMacs + encodeLhsMacsSparse + encodeRhsMacsSparse +
         decodeMacsSparse;
}

STLCost &STLCost::operator+=(const STLCost &o) {
  Checked c;
  c.overflowed = overflowed || o.overflowed;
  for (auto [mine, theirs] :
       {std::pair<int64_t *, int64_t>{&denseMacs, o.denseMacs},
        {&tileProductMacs, o.tileProductMacs},
        {&encodeLhsMacs, o.encodeLhsMacs},
        {&encodeLhsMacsSparse, o.encodeLhsMacsSparse},
        {&encodeRhsMacs, o.encodeRhsMacs},
        {&encodeRhsMacsSparse, o.encodeRhsMacsSparse},
        {&decodeMacs, o.decodeMacs},
        {&decodeMacsSparse, o.decodeMacsSparse},
        {&storedWeightsDense, o.storedWeightsDense},
        {&storedWeightsEncoded, o.storedWeightsEncoded}})
    *mine = c.add(*mine, theirs);
  // The totals of the parts must fit too.
  c.add(c.add(c.add(tileProductMacs, encodeLhsMacs), encodeRhsMacs),
        decodeMacs);
  overflowed = c.overflowed;
  return *this;
}

/// The product of `factors` and of `more`, counted exactly and approximately.
static MacCount countProduct(std::initializer_list<int64_t> factors,
                             llvm::ArrayRef<int64_t> more) {
  Checked x;
  MacCount count;
  count.exact = 1;
  count.approx = 1.0;
  for (llvm::ArrayRef<int64_t> list : {llvm::ArrayRef<int64_t>(factors), more})
    for (int64_t f : list) {
      count.exact = x.mul({*count.exact, f});
      count.approx *= static_cast<double>(f);
    }
  if (x.overflowed)
    count.exact = std::nullopt;
  return count;
}

/// ceil(size / tile) for positive sizes, without overflow.
static int64_t ceilDiv(int64_t size, int64_t tile) {
  return size / tile + (size % tile != 0);
}

MacCount mlir::stl::countDenseMacs(int64_t m, int64_t k, int64_t n,
                                   llvm::ArrayRef<int64_t> batchSizes) {
  return countProduct({m, k, n}, batchSizes);
}

MacCount mlir::stl::countTileProductMacs(const Scheme &scheme, int64_t m,
                                         int64_t k, int64_t n,
                                         llvm::ArrayRef<int64_t> batchSizes) {
  TileShape t = scheme.getTile();
  return countProduct(
      {scheme.getRank(), ceilDiv(m, t.m), ceilDiv(k, t.k), ceilDiv(n, t.n)},
      batchSizes);
}

STLCost mlir::stl::computeSTLCost(const Scheme &scheme, const MatmulSizes &s,
                                  bool constantWeights) {
  TileShape t = scheme.getTile();
  int64_t r = scheme.getRank();
  int64_t gm = s.m / t.m, gk = s.k / t.k, gn = s.n / t.n;
  Checked x;
  STLCost c;
  MacCount dense = countDenseMacs(s.m, s.k, s.n, s.batch);
  MacCount product = countTileProductMacs(scheme, s.m, s.k, s.n, s.batch);
  x.overflowed = !dense.exact || !product.exact;
  c.denseMacs = dense.exact.value_or(0);
  c.tileProductMacs = product.exact.value_or(0);
  c.encodeLhsMacs = x.mul({s.batch, r, s.m, s.k});
  c.encodeLhsMacsSparse =
      x.mul({s.batch, countNonZero(scheme.getLhsCoefficients()), gm, gk});
  if (!constantWeights) {
    c.encodeRhsMacs = x.mul({s.weightBatch, r, s.k, s.n});
    c.encodeRhsMacsSparse = x.mul(
        {s.weightBatch, countNonZero(scheme.getRhsCoefficients()), gk, gn});
  }
  c.decodeMacs = x.mul({s.batch, r, s.m, s.n});
  c.decodeMacsSparse =
      x.mul({s.batch, countNonZero(scheme.getOutCoefficients()), gm, gn});
  c.storedWeightsDense = x.mul({s.weightBatch, s.k, s.n});
  c.storedWeightsEncoded = x.mul({s.weightBatch, r, gk, gn});
  x.add(x.add(x.add(c.tileProductMacs, c.encodeLhsMacs), c.encodeRhsMacs),
        c.decodeMacs);
  c.overflowed = x.overflowed;
  return c;
}

llvm::json::Object mlir::stl::toJSON(const STLCost &c) {
  if (c.overflowed)
    return llvm::json::Object{{"overflow", true}};
  return llvm::json::Object{
      {"dense_macs", c.denseMacs},
      {"tile_product_macs", c.tileProductMacs},
      {"encode_lhs_macs", c.encodeLhsMacs},
      {"encode_lhs_macs_sparse", c.encodeLhsMacsSparse},
      {"encode_rhs_macs", c.encodeRhsMacs},
      {"encode_rhs_macs_sparse", c.encodeRhsMacsSparse},
      {"decode_macs", c.decodeMacs},
      {"decode_macs_sparse", c.decodeMacsSparse},
      {"stl_macs", c.totalMacs()},
      {"stl_macs_sparse", c.totalMacsSparse()},
      {"stored_weights_dense", c.storedWeightsDense},
      {"stored_weights_encoded", c.storedWeightsEncoded},
  };
}
