//===- ContractionStrategy.h - A GPU strategy per contraction ---*- C++ -*-===//
//
// The one place where the GPU code generation chooses, per MatMul-like
// contraction, how to generate its kernels: from what the contraction is
// (Codegen/Common/ContractionMatch.h) and what the GPU is
// (TargetDescription.h). A new strategy (tensor cores) is a new kind here,
// chosen in selectGPUContractionStrategy and applied by
// --stl-gpu-contraction-codegen.
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
};

struct GPUContractionStrategy {
  GPUContractionStrategyKind kind = GPUContractionStrategyKind::ParallelLoops;
  /// Why this strategy (for remarks).
  std::string reason;

  /// "parallel-loops".
  llvm::StringRef getName() const;
};

/// Chooses how to generate `contraction`'s kernels on `target`.
GPUContractionStrategy
selectGPUContractionStrategy(const MatmulContraction &contraction,
                             const GPUTargetDescription &target);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_CONTRACTIONSTRATEGY_H
