//===- Registration.cpp - Register the stl pipelines ----------------------===//

#include "stl/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include <functional>

using namespace mlir;

/// Registers a pipeline of passes that run on the module (bufferization of
/// function boundaries, the conversions to LLVM). Built into a pass manager
/// of another operation (`func.func(stl-cpu-pipeline)`), MLIR would abort
/// the process on the first module pass; the pipeline is refused with an
/// error instead. `check` returns a problem with the options, or "".
template <typename Options>
static void registerModulePipeline(
    StringRef name, StringRef description,
    std::function<void(OpPassManager &, const Options &)> build,
    std::function<std::string(const Options &)> check = nullptr) {
  std::string pipelineName = name.str();
  registerPassPipeline(
      name, description,
      [=](OpPassManager &pm, StringRef text,
          function_ref<LogicalResult(const Twine &)> errorHandler) {
        StringRef anchor = pm.getOpAnchorName();
        if (anchor != ModuleOp::getOperationName() &&
            anchor != OpPassManager::getAnyOpAnchorName())
          return errorHandler(
              Twine(pipelineName) + " runs on 'builtin.module', not on '" +
              anchor + "': use it at the top level (--" + pipelineName +
              ", or --pass-pipeline='builtin.module(" + pipelineName + ")')");
        Options options;
        if (failed(options.parseFromString(text)))
          return failure();
        if (check) {
          std::string problem = check(options);
          if (!problem.empty())
            return errorHandler(Twine(pipelineName) + ": " + problem);
        }
        build(pm, options);
        return success();
      },
      [](function_ref<void(const detail::PassOptions &)> optionHandler) {
        optionHandler(Options());
      });
}

void mlir::stl::registerSTLPipelines() {
  registerModulePipeline<STLCPUPipelineOptions>(
      "stl-cpu-pipeline",
      "Lower stl and linalg on tensors to the LLVM dialect for the CPU "
      "(runs with mlir-runner)",
      buildSTLCPUPipeline, checkSTLCPUPipelineOptions);

  registerModulePipeline<STLGPULoopsPipelineOptions>(
      "stl-gpu-loops-pipeline",
      "First half of --stl-gpu-pipeline: stl and linalg on tensors to "
      "bufferized parallel loops mapped onto GPU blocks and threads (runs on "
      "the CPU too)",
      [](OpPassManager &pm, const STLGPULoopsPipelineOptions &options) {
        STLGPUContractionCodegenOptions codegen;
        codegen.tensorCores = false;
        buildSTLGPULoopsPipeline(pm, options.tileSizes, options.deallocate,
                                 codegen, options.coarsenLoops,
                                 options.coarsenLoadedElements);
      },
      [](const STLGPULoopsPipelineOptions &options) {
        return checkSTLGPULoopsOptions(options.coarsenLoadedElements);
      });

  registerModulePipeline<STLGPUPipelineOptions>(
      "stl-gpu-pipeline",
      "Lower stl and linalg on tensors to GPU kernels (NVVM, serialised as "
      "PTX or cubin) and host code in the LLVM dialect",
      buildSTLGPUPipeline, checkSTLGPUPipelineOptions);
}
