//===- CostModel.cpp - Cost of a Strassen-Tile MatMul (STL.md 6) ----------===//

#include "stl/Scheme/CostModel.h"

#include <algorithm>

using namespace mlir::stl;

int64_t mlir::stl::countNonZero(llvm::ArrayRef<double> coefficients) {
  return std::count_if(coefficients.begin(), coefficients.end(),
                       [](double c) { return c != 0.0; });
}

STLCost &STLCost::operator+=(const STLCost &o) {
  denseMacs += o.denseMacs;
  tileProductMacs += o.tileProductMacs;
  encodeLhsMacs += o.encodeLhsMacs;
  encodeLhsMacsSparse += o.encodeLhsMacsSparse;
  encodeRhsMacs += o.encodeRhsMacs;
  encodeRhsMacsSparse += o.encodeRhsMacsSparse;
  decodeMacs += o.decodeMacs;
  decodeMacsSparse += o.decodeMacsSparse;
  storedWeightsDense += o.storedWeightsDense;
  storedWeightsEncoded += o.storedWeightsEncoded;
  return *this;
}

STLCost mlir::stl::computeSTLCost(const Scheme &scheme, const MatmulSizes &s,
                                  bool constantWeights) {
  TileShape t = scheme.getTile();
  int64_t r = scheme.getRank();
  int64_t gm = s.m / t.m, gk = s.k / t.k, gn = s.n / t.n;
  STLCost c;
  c.denseMacs = s.batch * s.m * s.k * s.n;
  c.tileProductMacs = s.batch * r * gm * gk * gn;
  c.encodeLhsMacs = s.batch * r * s.m * s.k;
  c.encodeLhsMacsSparse =
      s.batch * countNonZero(scheme.getLhsCoefficients()) * gm * gk;
  if (!constantWeights) {
    c.encodeRhsMacs = s.weightBatch * r * s.k * s.n;
    c.encodeRhsMacsSparse =
        s.weightBatch * countNonZero(scheme.getRhsCoefficients()) * gk * gn;
  }
  c.decodeMacs = s.batch * r * s.m * s.n;
  c.decodeMacsSparse =
      s.batch * countNonZero(scheme.getOutCoefficients()) * gm * gn;
  c.storedWeightsDense = s.weightBatch * s.k * s.n;
  c.storedWeightsEncoded = s.weightBatch * r * gk * gn;
  return c;
}

llvm::json::Object mlir::stl::toJSON(const STLCost &c) {
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
