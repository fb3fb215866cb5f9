//===- GPUPipeline.cpp - stl to NVVM kernels and LLVM host code -----------===//

#include "stl/Codegen/GPU/ContractionStrategy.h"
#include "stl/Codegen/GPU/TargetDescription.h"
#include "stl/Codegen/Passes.h"
#include "stl/Conversion/Passes.h"
#include "stl/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;

std::string mlir::stl::checkSTLGPULoopsOptions(int64_t coarsenLoadedElements) {
  if (coarsenLoadedElements < 1)
    return "invalid option 'coarsen-loaded-elements': expected a positive "
           "number, got " +
           std::to_string(coarsenLoadedElements);
  return "";
}

std::string
mlir::stl::checkSTLGPUPipelineOptions(const STLGPUPipelineOptions &options) {
  GPUTargetDescription target;
  std::string targetProblem = GPUTargetDescription::lookup(
      options.chip.getValue(), options.features.getValue(), target);
  if (!targetProblem.empty())
    return targetProblem;
  StringRef format = options.format.getValue();
  if (!llvm::is_contained({"isa", "bin", "fatbin", "llvm"}, format))
    return std::string("invalid option 'format': expected isa, bin, fatbin "
                       "or llvm, got '") +
           options.format.getValue() + "'";
  if (options.optLevel < 0 || options.optLevel > 3)
    return "invalid option 'opt-level': expected 0 to 3, got " +
           std::to_string(options.optLevel.getValue());
  if (!options.mmaTile.empty()) {
    GPUMmaTileConfig config;
    std::string problem =
        parseGPUMmaTileOption(options.mmaTile, target, config);
    if (!problem.empty())
      return problem;
  }
  if (!options.wgmmaTile.empty()) {
    GPUWgmmaTileConfig config;
    std::string problem =
        parseGPUWgmmaTileOption(options.wgmmaTile, target, config);
    if (!problem.empty())
      return problem;
  }
  std::string loopsProblem =
      checkSTLGPULoopsOptions(options.coarsenLoadedElements);
  if (!loopsProblem.empty())
    return loopsProblem;
  if (!options.tileSizes.empty()) {
    std::string problem = stl::checkGPUTileSizes(options.tileSizes);
    if (!problem.empty())
      return "invalid option 'tile-sizes': " + problem;
  }
  return "";
}

void mlir::stl::buildSTLGPULoopsPipeline(
    OpPassManager &pm, ArrayRef<int64_t> tileSizes, bool deallocate,
    const STLGPUContractionCodegenOptions &codegen, bool coarsenLoops,
    int64_t coarsenLoadedElements) {
  // Float encodings and decodings as parallel loops over the grid of tiles
  // (a thread per tile), coefficients folded; element-wise ops on what
  // they read (a conversion, a broadcast bias) and on a decoding's result
  // (a bias, an activation) computed in their loops, and the next
  // MatMul's encoding of that result in the decoding's loop when their
  // tiles are the same.
  buildSTLBufferizationPipeline(
      pm, deallocate,
      [](OpPassManager &tensorPM) {
        tensorPM.addNestedPass<func::FuncOp>(
            createSTLGPUFuseElementwiseProducers());
        tensorPM.addNestedPass<func::FuncOp>(
            createSTLGPUFuseElementwiseConsumers());
        tensorPM.addNestedPass<func::FuncOp>(createSTLGPUFuseGridLoops());
      },
      /*stlCodegen=*/{}, /*perTileEncodings=*/true);

  // Results computed in fresh buffers (the encodings' and decodings' grid
  // loops) then copied into the caller's destination: computed there.
  pm.addNestedPass<func::FuncOp>(createSTLForwardTemporaryCopies());
  // Those loops memory-bound: several cells a thread, their rows of
  // consecutive elements as 16-byte vector accesses where the buffers are
  // aligned (a condition computed before each loop).
  if (coarsenLoops) {
    STLGPUCoarsenParallelLoopsOptions coarsening;
    coarsening.maxLoadedElements = coarsenLoadedElements;
    pm.addNestedPass<func::FuncOp>(
        createSTLGPUCoarsenParallelLoops(coarsening));
  }
  // A strategy per contraction; then buffers -> parallel loops mapped onto
  // blocks and threads.
  pm.addNestedPass<func::FuncOp>(createSTLMemRefCopyToLinalg());
  pm.addNestedPass<func::FuncOp>(createSTLGPUContractionCodegen(codegen));
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  STLGPUMapParallelLoopsOptions mapping;
  mapping.tileSizes.assign(tileSizes.begin(), tileSizes.end());
  pm.addNestedPass<func::FuncOp>(createSTLGPUMapParallelLoops(mapping));
}

void mlir::stl::buildSTLGPUPipeline(OpPassManager &pm,
                                    const STLGPUPipelineOptions &options) {
  STLGPUContractionCodegenOptions codegen;
  codegen.chip = options.chip;
  codegen.features = options.features;
  codegen.tensorCores = options.tensorCores;
  codegen.mmaTile.assign(options.mmaTile.begin(), options.mmaTile.end());
  codegen.tf32 = options.tf32;
  codegen.wgmma = options.wgmma;
  codegen.wgmmaTile.assign(options.wgmmaTile.begin(), options.wgmmaTile.end());
  buildSTLGPULoopsPipeline(pm, options.tileSizes, options.deallocate, codegen,
                           options.coarsenLoops, options.coarsenLoadedElements);

  // Mapped loops -> gpu.launch, buffers in managed memory.
  pm.addNestedPass<func::FuncOp>(createConvertParallelLoopToGpuPass());
  STLGPUManagedMemoryOptions memory;
  memory.device = options.deviceMemory;
  pm.addPass(createSTLGPUManagedMemory(memory));
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Constants and index computations the kernels use are moved into them
  // (outlining would pass each as a kernel argument, unknown to the kernel's
  // compiler: divisions by them stay divisions).
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());

  // With device memory, kernels outlined, then every GPU op of a function
  // chained on one stream (async tokens), waited for where the host needs
  // the results (before a host op with side effects, at the end of the
  // function): no synchronisation per launch. (Managed allocations cannot
  // be asynchronous in the GPU-to-LLVM lowering: with managed memory each
  // launch synchronises.)
  pm.addPass(createGpuKernelOutliningPass());
  if (options.deviceMemory)
    pm.addNestedPass<func::FuncOp>(createGpuAsyncRegionPass());

  // Vector ops (host printing, the kernels' vector loads and stores) before
  // the generic lowering; after outlining, so that a kernel's buffers stay
  // memref arguments, whose pointers the NVPTX backend knows are global.
  pm.addPass(createConvertVectorToLLVMPass());

  // Tensor maps (wgmma kernels' TMA copies) -> runtime calls, after the
  // asynchronous region, to which they are pure.
  pm.addPass(createSTLGPULowerTensorMaps());

  // Kernels -> NVVM -> PTX / cubin; host -> LLVM.
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = options.features;
  nvvm.cubinFormat = options.format;
  nvvm.optLevel = options.optLevel;
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
}
