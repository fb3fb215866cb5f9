//===- Pipelines.h - Registered Strassen-Tile pipelines ---------*- C++ -*-===//

#ifndef STL_PIPELINES_PIPELINES_H
#define STL_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
namespace stl {

/// Options of `--stl-cpu-pipeline`.
struct STLCPUPipelineOptions
    : public PassPipelineOptions<STLCPUPipelineOptions> {
  PassOptions::Option<bool> deallocate{
      *this, "deallocate",
      llvm::cl::desc("Insert buffer deallocations (ownership-based)"),
      llvm::cl::init(true)};
};

/// Lowers a module using `stl`, `linalg`, `tensor`, `arith`, `math`,
/// `vector` (for printing), `bufferization` and `func` on tensors all the way
/// to the LLVM dialect: stl to linalg, one-shot bufferization (function
/// boundaries included, identity layouts), linalg to loops, and the
/// conversions to LLVM. The result runs with `mlir-runner` or translates to
/// LLVM IR.
void buildSTLCPUPipeline(OpPassManager &pm,
                         const STLCPUPipelineOptions &options);

/// Registers `--stl-cpu-pipeline`.
void registerSTLPipelines();

} // namespace stl
} // namespace mlir

#endif // STL_PIPELINES_PIPELINES_H
