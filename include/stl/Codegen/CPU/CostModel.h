//===- CostModel.h - What a MatMul costs on a CPU, dense or STL -*- C++ -*-===//
//
// The cycles a (batched) MatMul takes on one core of a CPU, as the CPU code
// generation computes it: dense (the packed micro-kernel), or with an STL
// scheme, its encodings fused into the packing (--stl-cpu-fuse-encodings)
// or unfused (encode, tile product, decode through memory). A model of
// two terms, calibrated on the generated code: the multiply-adds at the
// target's peak (its vector lanes times two FMA pipes) and the elements
// the packing, the encodings and the write-back of C read and write, at a
// fixed cost each. --stl-replace-matmul with `target-cpu` compares them to
// leave dense the MatMuls that STL would slow down (small, skinny) and to
// choose among schemes.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_CPU_COSTMODEL_H
#define STL_CODEGEN_CPU_COSTMODEL_H

#include "stl/Codegen/CPU/TargetDescription.h"
#include "stl/Scheme/CostModel.h"
#include "stl/Scheme/Scheme.h"

#include <string>

namespace mlir {
namespace stl {

/// Cycles per element that the packing, the encodings, the decoding and
/// the write-back of C read or write (memory-bound loops), and the cost of
/// the fused kernel's multiply-adds relative to the dense kernel's (its
/// channel loop, term tables and smaller blocks). Fitted (least squares) to
/// the ratios measured on a Xeon with AVX-512 (32 multiply-adds per cycle,
/// f32, one core) of strassen-4x4x4 at 1024^3, 2048^3 and 4096^3 (0.88x,
/// 1.01x, 1.05x of the dense code; predicted 0.87x, 1.02x, 1.07x) and of
/// strassen-2x2x2 at 1024^3 and 2048^3 (1.0x and 1.0x; predicted 0.97x and
/// 1.0x).
inline constexpr double kCPUCyclesPerMovedElement = 0.45;
inline constexpr double kCPUFusedKernelOverhead = 1.13;

/// The least predicted speedup over the dense code for which
/// --stl-replace-matmul applies a scheme it chooses: gains within the
/// model's error (about 3 %) are not worth the change of rounding.
inline constexpr double kCPUMinPredictedSpeedup = 1.03;

/// The most nonzero coefficients of U, V and D per channel (on average) a
/// scheme fused into the packing may have: the fused packing sums that
/// many blocks for every channel and the write-back adds into that many
/// blocks of C per K block, where the unfused encodings are dense
/// contractions run once. Measured at 2048^3 f32 (Xeon, AVX-512):
/// strassen-2x2x2 (5 per channel) and strassen-4x4x4 (9) run 1.27x and
/// 1.21x faster fused; the dense rank-24 4x4x4 scheme (48) 2x slower.
inline constexpr int64_t kMaxFusedTermsPerChannel = 16;

/// Nonzero coefficients of U, V and D per channel of `scheme`.
double getTermsPerChannel(const Scheme &scheme);

/// Why an STL MatMul with `scheme`, operands of `lhs` and `rhs` element
/// types and a destination of `destination`'s, is not computed by the
/// packed micro-kernel with the encodings fused (--stl-cpu-fuse-encodings),
/// or "" when it is. `staticSizes`: all sizes known; `narrowEncodedType`:
/// the encodings are held in another type than the destination's.
std::string whyNotFusedOnCPU(const Scheme &scheme, Type lhs, Type rhs,
                             Type destination, bool staticSizes,
                             bool narrowEncodedType);

/// How a MatMul is computed, for the cost model.
struct CPUMatmulForm {
  /// The scheme, or null for the dense MatMul.
  const Scheme *scheme = nullptr;
  /// The encodings fused into the packed kernel (else through memory).
  bool fused = false;
  /// The weights' encoding done at compile time (constant weights).
  bool constantWeights = false;
};

/// The estimated cycles of `sizes` (per batch `m` x `k` x `n`, multiples of
/// the scheme's tile) with elements of `elementType` computed as `form` on
/// one core of `target`.
double estimateCPUMatmulCycles(const CPUTargetDescription &target,
                               Type elementType, const MatmulSizes &sizes,
                               const CPUMatmulForm &form);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_CPU_COSTMODEL_H
