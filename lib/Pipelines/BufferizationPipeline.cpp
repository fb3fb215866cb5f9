//===- BufferizationPipeline.cpp - stl on tensors to linalg on buffers ----===//

#include "stl/Codegen/Passes.h"
#include "stl/Conversion/Passes.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::stl::buildSTLBufferizationPipeline(
    OpPassManager &pm, bool deallocate,
    function_ref<void(OpPassManager &)> tensorCodegen,
    function_ref<void(OpPassManager &)> stlCodegen, bool perTileEncodings) {
  // Constant weights encoded at compile time; the target's own lowering of
  // stl ops; the rest of stl -> linalg on tensors.
  pm.addPass(createSTLFoldConstantEncodings());
  if (stlCodegen)
    stlCodegen(pm);
  ConvertSTLToLinalgOptions stlToLinalg;
  stlToLinalg.perTileEncodings = perTileEncodings;
  pm.addPass(createConvertSTLToLinalg(stlToLinalg));
  pm.addPass(createCanonicalizerPass());
  // Elementwise arith / math ops on tensors, as TOSA- or IREE-style
  // frontends emit them (a bias add, a ReLU as arith.maximumf, a GELU),
  // have no bufferization of their own: each becomes a linalg.generic.
  pm.addPass(createConvertElementwiseToLinalgPass());
  // The target's shaping of linalg on tensors.
  if (tensorCodegen)
    tensorCodegen(pm);

  // Tensors -> buffers. A result materialized into a destination buffer
  // (bufferization.materialize_in_destination, tensor.insert_slice) is
  // computed in it rather than into a temporary copied there.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferization;
  bufferization.bufferizeFunctionBoundaries = true;
  bufferization.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferization));
  // Returned views of larger buffers (padded results) become contiguous
  // copies, as the identity-layout function types promise callers.
  pm.addNestedPass<func::FuncOp>(createSTLCopyStridedReturns());
  if (deallocate)
    bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
}
