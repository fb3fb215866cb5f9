//===- CPUPipeline.cpp - stl to LLVM for the CPU --------------------------===//

#include "stl/Codegen/CPU/TargetDescription.h"
#include "stl/Codegen/Common/Passes.h"
#include "stl/Codegen/Passes.h"
#include "stl/Conversion/Passes.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

std::string
mlir::stl::checkSTLCPUPipelineOptions(const STLCPUPipelineOptions &options) {
  if (options.targetCPU.empty() && options.targetTriple.empty())
    return "";
  llvm::Expected<CPUTargetDescription> target = CPUTargetDescription::lookup(
      options.targetCPU.empty() ? "generic" : StringRef(options.targetCPU),
      options.targetTriple);
  return target ? "" : llvm::toString(target.takeError());
}

void mlir::stl::buildSTLCPUPipeline(OpPassManager &pm,
                                    const STLCPUPipelineOptions &options) {
  buildSTLBufferizationPipeline(
      pm, options.deallocate,
      [&](OpPassManager &tensorPM) {
        // MatMul-like contractions (the STL encodings and decodings,
        // transposed MatMuls) laid out row-major for the vector strategy.
        if (options.vectorize)
          tensorPM.addNestedPass<func::FuncOp>(createSTLCPUPackContractions());
      },
      [&](OpPassManager &stlPM) {
        // Exact schemes computed by the packed micro-kernel, encodings
        // fused into its packing.
        if (options.vectorize && options.packing && options.fuseEncodings)
          stlPM.addNestedPass<func::FuncOp>(createSTLCPUFuseEncodings());
      });
  // Strided copies (into padded buffers) as loops: their LLVM lowering
  // would call memrefCopy from MLIR's runner library.
  STLMemRefCopyToLinalgOptions copyOptions;
  copyOptions.stridedOnly = true;
  pm.addPass(createSTLMemRefCopyToLinalg(copyOptions));

  // MatMul-like contractions -> tiled vector FMAs; the rest -> loops.
  if (options.vectorize) {
    STLCPUVectorizeContractionsOptions vectorizeOptions;
    vectorizeOptions.parallel = options.parallel;
    vectorizeOptions.targetCPU = options.targetCPU;
    vectorizeOptions.targetTriple = options.targetTriple;
    vectorizeOptions.packing = options.packing;
    vectorizeOptions.cacheTiles.assign(options.cacheTiles.begin(),
                                       options.cacheTiles.end());
    vectorizeOptions.registerTiles.assign(options.registerTiles.begin(),
                                          options.registerTiles.end());
    pm.addNestedPass<func::FuncOp>(
        createSTLCPUVectorizeContractions(vectorizeOptions));
    // Large fills, copies and elementwise ops on the threads too.
    if (options.parallel)
      pm.addNestedPass<func::FuncOp>(createSTLCPUParallelizeElementwise());
    pm.addNestedPass<func::FuncOp>(createSTLCPUVectorizeFills());
  }
  // Temporaries (encodings, packed panels) kept across calls.
  if (options.reuseWorkspace)
    pm.addPass(createSTLReuseWorkspace());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  // The program's own vector code: transfers of rank > 1 (on buffers now)
  // and prints of n-D vectors as loops of 1-D ones, which the LLVM
  // conversion takes.
  pm.addPass(createConvertVectorToSCFPass());
  // Math functions. f16, bf16 (and narrower) math in f32, rounded once
  // (libm has no such functions; LLVM would round f32 results to bf16 with
  // __truncsfbf2, see below).
  pm.addPass(createSTLCPUMathToF32());
  // No LLVM lowering of their own: clampf as minimumf / maximumf; integer
  // powers (ipowi) and powers with integer exponents (fpowi) as generated
  // functions (linkonce_odr; LLVM's powi takes no vector exponent).
  math::MathExpandOpsPassOptions mathExpandOptions;
  mathExpandOptions.opMnemonics = {"clampf"};
  pm.addPass(math::createMathExpandOpsPass(mathExpandOptions));
  pm.addPass(createConvertMathToFuncs());
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
  // Math functions LLVM has intrinsics for (exp, log, sqrt, tanh, sin,
  // ...: instructions or libm calls in the backend), then the rest as libm
  // calls (erf, erfc, cbrt, acosh, asinh, atanh, log1p; vectors element by
  // element): mlir-runner resolves libm in its own process, stl-aot links
  // -lm. log1p is not approximated as log(1 + x), which loses the small x
  // it exists for.
  ConvertMathToLLVMPassOptions mathToLLVMOptions;
  mathToLLVMOptions.approximateLog1p = false;
  pm.addPass(createConvertMathToLLVMPass(mathToLLVMOptions));
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertVectorToLLVMPass());
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
  // Nothing but the LLVM dialect (and OpenMP's) may be left: what the
  // conversions above do not lower is an error here, not output that
  // mlir-runner or mlir-translate refuse.
  STLCheckLoweredToLLVMOptions checkOptions;
  if (options.parallel)
    checkOptions.allowDialects = {"omp"};
  pm.addPass(createSTLCheckLoweredToLLVM(checkOptions));
}
