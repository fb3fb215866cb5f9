//===- Registration.cpp - Register the stl pipelines ----------------------===//

#include "stl/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

void mlir::stl::registerSTLPipelines() {
  PassPipelineRegistration<STLCPUPipelineOptions>(
      "stl-cpu-pipeline",
      "Lower stl and linalg on tensors to the LLVM dialect for the CPU "
      "(runs with mlir-runner)",
      buildSTLCPUPipeline);

  PassPipelineRegistration<STLGPULoopsPipelineOptions>(
      "stl-gpu-loops-pipeline",
      "First half of --stl-gpu-pipeline: stl and linalg on tensors to "
      "bufferized parallel loops mapped onto GPU blocks and threads (runs on "
      "the CPU too)",
      [](OpPassManager &pm, const STLGPULoopsPipelineOptions &options) {
        buildSTLGPULoopsPipeline(pm, options.tileSizes, options.deallocate);
      });

  // Like PassPipelineRegistration, with the options checked first.
  registerPassPipeline(
      "stl-gpu-pipeline",
      "Lower stl and linalg on tensors to GPU kernels (NVVM, serialised as "
      "PTX or cubin) and host code in the LLVM dialect",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> errorHandler) {
        STLGPUPipelineOptions options;
        if (failed(options.parseFromString(text)))
          return failure();
        std::string problem = checkSTLGPUPipelineOptions(options);
        if (!problem.empty())
          return errorHandler("stl-gpu-pipeline: " + problem);
        buildSTLGPUPipeline(pm, options);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optionHandler) {
        optionHandler(STLGPUPipelineOptions());
      });
}
