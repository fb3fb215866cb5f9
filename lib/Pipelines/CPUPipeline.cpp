//===- CPUPipeline.cpp - stl to LLVM for the CPU --------------------------===//

#include "stl/Conversion/Passes.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::stl::buildSTLCPUPipeline(OpPassManager &pm,
                                    const STLCPUPipelineOptions &options) {
  buildSTLBufferizationPipeline(pm, options.deallocate);
  // Strided copies (into padded buffers) as loops: their LLVM lowering
  // would call memrefCopy from MLIR's runner library.
  STLMemRefCopyToLinalgOptions copyOptions;
  copyOptions.stridedOnly = true;
  pm.addPass(createSTLMemRefCopyToLinalg(copyOptions));

  // MatMul-like contractions -> tiled vector FMAs; the rest -> loops.
  if (options.vectorize) {
    STLCPUVectorizeContractionsOptions vectorizeOptions;
    vectorizeOptions.parallel = options.parallel;
    pm.addNestedPass<func::FuncOp>(
        createSTLCPUVectorizeContractions(vectorizeOptions));
    pm.addNestedPass<func::FuncOp>(createSTLCPUVectorizeFills());
  }
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  if (options.parallel) {
    pm.addPass(createConvertSCFToOpenMPPass());
    // Inlines the memref.alloca_scope it wraps each loop body in (the bodies
    // allocate nothing); its region must stay one block, which lowering the
    // nested loops to control flow would break.
    pm.addPass(createCanonicalizerPass());
  }
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // bf16 arithmetic in f32 (extf, the op, truncf), and bf16 conversions as
  // integer arithmetic: LLVM would call __truncsfbf2 for them, which the
  // GCC 12 runtime lacks (executables and shared libraries built by stl-aot
  // would not load).
  arith::ArithEmulateUnsupportedFloatsOptions emulateOptions;
  emulateOptions.sourceTypeStrs = {"bf16"};
  emulateOptions.targetTypeStr = "f32";
  pm.addPass(arith::createArithEmulateUnsupportedFloats(emulateOptions));
  arith::ArithExpandOpsPassOptions expandOptions;
  expandOptions.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expandOptions));
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (options.parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}
