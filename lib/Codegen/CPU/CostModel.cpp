//===- CostModel.cpp - What a MatMul costs on a CPU, dense or STL ---------===//

#include "stl/Codegen/CPU/CostModel.h"
#include "stl/Codegen/CPU/ContractionStrategy.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::stl;

/// The nonzero coefficients of one of U, V, D.
static double countNonzeros(ArrayRef<double> coefficients) {
  return static_cast<double>(
      llvm::count_if(coefficients, [](double c) { return c != 0.0; }));
}

double mlir::stl::getTermsPerChannel(const Scheme &scheme) {
  return (countNonzeros(scheme.getLhsCoefficients()) +
          countNonzeros(scheme.getRhsCoefficients()) +
          countNonzeros(scheme.getOutCoefficients())) /
         static_cast<double>(scheme.getRank());
}

std::string mlir::stl::whyNotFusedOnCPU(const Scheme &scheme, Type lhs,
                                        Type rhs, Type destination,
                                        bool staticSizes,
                                        bool narrowEncodedType) {
  if (!staticSizes)
    return "dynamic sizes";
  if (!destination.isF32() && !destination.isF64())
    return "the destination is not f32 or f64";
  if (lhs != destination || rhs != destination)
    return "mixed element types";
  if (narrowEncodedType)
    return "a narrower encoded type";
  double terms = getTermsPerChannel(scheme);
  if (terms > static_cast<double>(kMaxFusedTermsPerChannel))
    return llvm::formatv("its coefficients are dense ({0:F1} nonzero "
                         "coefficients of U, V and D per channel, more than "
                         "{1}): the fused packing would sum that many blocks "
                         "per channel, the unfused encodings cost less",
                         terms, kMaxFusedTermsPerChannel)
        .str();
  return "";
}

namespace {
/// Multiply-adds and moved elements of one part of the computation.
struct Work {
  double macs = 0, moved = 0;
  Work &operator+=(const Work &o) {
    macs += o.macs;
    moved += o.moved;
    return *this;
  }
};
} // namespace

/// The packed kernel's work on `batches` MatMuls of m x k x n whose packing
/// reads `lhsTerms` (`rhsTerms`) elements per packed element of A (B) and
/// whose write-back adds each tile into `outTerms` blocks of C; K blocks
/// as deep as a B panel of `panelBytes` allows.
static Work packedWork(const CPUTargetDescription &target, Type elementType,
                       double batches, double m, double k, double n,
                       double lhsTerms, double rhsTerms, double outTerms,
                       int64_t panelBytes, double cutPanelCost) {
  int64_t bytes = std::max<int64_t>(1, elementType.getIntOrFloatBitWidth() / 8);
  TileMNK registers = getCPUPackedRegisterTile(
      target, elementType, static_cast<int64_t>(n), cutPanelCost);
  double kBlock = static_cast<double>(std::min<int64_t>(
      kDefaultCPUPackedCacheTiles[2], panelBytes / (registers.n * bytes)));
  double nBlock = static_cast<double>(kDefaultCPUPackedCacheTiles[1]);
  Work work;
  work.macs = batches * m * k * n;
  // A packed once per N block, B once (each panel zero-padded to the
  // register tile), C updated once per K block (an element read and
  // written counts once).
  double paddedN = std::ceil(n / static_cast<double>(registers.n)) *
                   static_cast<double>(registers.n);
  work.moved = batches * (lhsTerms * m * k * std::ceil(n / nBlock) +
                          rhsTerms * k * paddedN +
                          outTerms * m * n * std::ceil(k / kBlock));
  return work;
}

double mlir::stl::estimateCPUMatmulCycles(const CPUTargetDescription &target,
                                          Type elementType,
                                          const MatmulSizes &sizes,
                                          const CPUMatmulForm &form) {
  double batch = static_cast<double>(sizes.batch);
  double m = static_cast<double>(sizes.m), k = static_cast<double>(sizes.k),
         n = static_cast<double>(sizes.n);
  Work work;
  if (!form.scheme) {
    work = packedWork(target, elementType, batch, m, k, n, 1, 1, 1,
                      kCPUPackedRhsPanelBytes, kCPUCutPanelCost);
  } else {
    const Scheme &scheme = *form.scheme;
    TileShape tile = scheme.getTile();
    double r = static_cast<double>(scheme.getRank());
    double mb = m / static_cast<double>(tile.m),
           kb = k / static_cast<double>(tile.k),
           nb = n / static_cast<double>(tile.n);
    double lhsTerms = countNonzeros(scheme.getLhsCoefficients()) / r,
           rhsTerms = countNonzeros(scheme.getRhsCoefficients()) / r,
           outTerms = countNonzeros(scheme.getOutCoefficients()) / r;
    if (form.fused) {
      // Each channel: a block product whose packing sums the channel's
      // terms and whose write-back adds into its blocks of C.
      work = packedWork(target, elementType, batch * r, mb, kb, nb, lhsTerms,
                        form.constantWeights ? 1 : rhsTerms, outTerms,
                        2 * kCPUPackedRhsPanelBytes, kCPUFusedCutPanelCost);
      work.macs *= kCPUFusedKernelOverhead;
    } else {
      // The tile product (r block products through memory), the encodings
      // (dense contractions over a tile: every coefficient applied) and
      // the decoding, their buffers zero-filled, written and read back.
      work = packedWork(target, elementType, batch * r, mb, kb, nb, 1, 1, 1,
                        kCPUPackedRhsPanelBytes, kCPUCutPanelCost);
      double weightBatch = static_cast<double>(sizes.weightBatch);
      Work encodings;
      encodings.macs = batch * r * m * k + batch * r * m * n;
      encodings.moved = batch * (m * k + 3 * r * mb * kb) +
                        batch * (3 * r * mb * nb + 2 * m * n);
      if (!form.constantWeights) {
        encodings.macs += weightBatch * r * k * n;
        encodings.moved += weightBatch * (k * n + 3 * r * kb * nb);
      }
      work += encodings;
    }
  }
  double macsPerCycle = static_cast<double>(target.getLanes(elementType)) *
                        (target.hasFMA ? 2 : 1);
  return work.macs / macsPerCycle + kCPUCyclesPerMovedElement * work.moved;
}
