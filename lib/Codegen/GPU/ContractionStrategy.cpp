//===- ContractionStrategy.cpp - How a GPU contraction is generated -------===//

#include "stl/Codegen/GPU/ContractionStrategy.h"

using namespace mlir;
using namespace mlir::stl;

llvm::StringRef GPUContractionStrategy::getName() const {
  switch (kind) {
  case GPUContractionStrategyKind::ParallelLoops:
    return "parallel-loops";
  }
  llvm_unreachable("unknown GPU contraction strategy");
}

GPUContractionStrategy
mlir::stl::selectGPUContractionStrategy(const MatmulContraction &contraction,
                                        const GPUTargetDescription &target) {
  GPUContractionStrategy strategy;
  strategy.kind = GPUContractionStrategyKind::ParallelLoops;
  strategy.reason = "the only GPU strategy so far (no tensor-core strategy "
                    "for " +
                    target.describe() + ")";
  return strategy;
}
