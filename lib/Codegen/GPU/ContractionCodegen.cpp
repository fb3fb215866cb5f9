//===- ContractionCodegen.cpp - A GPU strategy per contraction ------------===//
//
// The point of the GPU pipeline where each MatMul-like contraction gets its
// code generation strategy, chosen from the target description. Strategies
// with code generation of their own apply it here (mma-sync: a tensor-core
// kernel, MmaSyncContraction.h); parallel-loops contractions are left to the
// pipeline's loop lowering and mapping, which every other linalg op goes
// through too.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/GPU/ContractionStrategy.h"
#include "stl/Codegen/GPU/MmaSyncContraction.h"
#include "stl/Codegen/GPU/Passes.h"
#include "stl/Codegen/GPU/WgmmaContraction.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPUCONTRACTIONCODEGEN
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

namespace {
struct STLGPUContractionCodegenPass
    : stl::impl::STLGPUContractionCodegenBase<STLGPUContractionCodegenPass> {
  using Base::Base;

  void runOnOperation() override {
    stl::GPUTargetDescription target;
    std::string problem =
        stl::GPUTargetDescription::lookup(chip, features, target);
    stl::GPUContractionStrategyOptions options;
    options.tensorCores = tensorCores;
    if (problem.empty() && !mmaTile.empty()) {
      stl::GPUMmaTileConfig config;
      problem = stl::parseGPUMmaTileOption(mmaTile, target, config);
      options.mmaTile = config;
    }
    options.tf32 = tf32;
    options.wgmma = wgmma;
    if (problem.empty() && !wgmmaTile.empty()) {
      stl::GPUWgmmaTileConfig config;
      problem = stl::parseGPUWgmmaTileOption(wgmmaTile, target, config);
      options.wgmmaTile = config;
    }
    if (!problem.empty()) {
      emitError(getOperation()->getLoc())
          << "stl-gpu-contraction-codegen: " << problem;
      return signalPassFailure();
    }

    SmallVector<std::pair<stl::MatmulContraction, stl::GPUContractionStrategy>,
                2>
        planned;
    getOperation()->walk([&](linalg::LinalgOp op) {
      std::optional<stl::MatmulContraction> contraction =
          stl::matchMatmulContraction(op);
      if (!contraction)
        return;
      stl::GPUContractionStrategy strategy =
          stl::selectGPUContractionStrategy(*contraction, target, options);
      if (reportStrategies)
        op->emitRemark() << "GPU strategy " << strategy.getName() << ": "
                         << strategy.reason;
      planned.emplace_back(*contraction, strategy);
    });

    IRRewriter rewriter(&getContext());
    for (auto &[contraction, strategy] : planned) {
      switch (strategy.kind) {
      case stl::GPUContractionStrategyKind::ParallelLoops:
        // Lowered and mapped with the other linalg ops.
        break;
      case stl::GPUContractionStrategyKind::MmaSync:
        stl::generateMmaSyncContraction(rewriter, contraction, strategy.mma);
        break;
      case stl::GPUContractionStrategyKind::Wgmma:
        stl::generateWgmmaContraction(rewriter, contraction, strategy.wgmma);
        break;
      }
    }
  }
};
} // namespace
