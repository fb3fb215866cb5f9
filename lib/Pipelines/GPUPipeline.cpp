//===- GPUPipeline.cpp - stl to NVVM kernels and LLVM host code -----------===//

#include "stl/Conversion/Passes.h"
#include "stl/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;

std::string
mlir::stl::checkSTLGPUPipelineOptions(const STLGPUPipelineOptions &options) {
  StringRef chip = options.chip.getValue();
  unsigned smVersion;
  if (!chip.consume_front("sm_") || chip.consumeInteger(10, smVersion) ||
      !(chip.empty() || chip == "a"))
    return std::string("invalid option 'chip': expected sm_<number> (e.g. "
                       "sm_80, sm_90 or sm_90a), got '") +
           options.chip.getValue() + "'";
  StringRef features = options.features.getValue();
  unsigned ptxVersion;
  if (!features.consume_front("+ptx") ||
      features.consumeInteger(10, ptxVersion) || !features.empty())
    return std::string("invalid option 'features': expected +ptx<number> "
                       "(e.g. +ptx80), got '") +
           options.features.getValue() + "'";
  StringRef format = options.format.getValue();
  if (!llvm::is_contained({"isa", "bin", "fatbin", "llvm"}, format))
    return std::string("invalid option 'format': expected isa, bin, fatbin "
                       "or llvm, got '") +
           options.format.getValue() + "'";
  if (options.optLevel < 0 || options.optLevel > 3)
    return "invalid option 'opt-level': expected 0 to 3, got " +
           std::to_string(options.optLevel.getValue());
  if (!options.tileSizes.empty()) {
    std::string problem = stl::checkGPUTileSizes(options.tileSizes);
    if (!problem.empty())
      return "invalid option 'tile-sizes': " + problem;
  }
  return "";
}

void mlir::stl::buildSTLGPULoopsPipeline(OpPassManager &pm,
                                         ArrayRef<int64_t> tileSizes,
                                         bool deallocate) {
  buildSTLBufferizationPipeline(pm, deallocate);

  // Buffers -> parallel loops mapped onto blocks and threads.
  pm.addNestedPass<func::FuncOp>(createSTLMemRefCopyToLinalg());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  STLGPUMapParallelLoopsOptions mapping;
  mapping.tileSizes.assign(tileSizes.begin(), tileSizes.end());
  pm.addNestedPass<func::FuncOp>(createSTLGPUMapParallelLoops(mapping));
}

void mlir::stl::buildSTLGPUPipeline(OpPassManager &pm,
                                    const STLGPUPipelineOptions &options) {
  buildSTLGPULoopsPipeline(pm, options.tileSizes, options.deallocate);

  // Mapped loops -> gpu.launch, buffers in managed memory.
  pm.addNestedPass<func::FuncOp>(createConvertParallelLoopToGpuPass());
  pm.addPass(createSTLGPUManagedMemory());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Host printing (vector.print) and math before the generic lowering.
  pm.addPass(createConvertVectorToLLVMPass());

  // Kernels -> NVVM -> PTX / cubin; host -> LLVM.
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = options.features;
  nvvm.cubinFormat = options.format;
  nvvm.optLevel = options.optLevel;
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
}
