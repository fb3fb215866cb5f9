//===- Passes.h - GPU code generation passes --------------------*- C++ -*-===//
//
// The project's own steps of `--stl-gpu-pipeline` between bufferization and
// upstream's lowering of the `gpu` dialect to NVVM.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_GPU_PASSES_H
#define STL_CODEGEN_GPU_PASSES_H

#include "stl/Dialect/STL/IR/STLDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace stl {

#define GEN_PASS_DECL_STLGPUCOARSENPARALLELLOOPS
#define GEN_PASS_DECL_STLGPUCONTRACTIONCODEGEN
#define GEN_PASS_DECL_STLGPUFUSEELEMENTWISECONSUMERS
#define GEN_PASS_DECL_STLGPUFUSEELEMENTWISEPRODUCERS
#define GEN_PASS_DECL_STLGPUFUSEGRIDLOOPS
#define GEN_PASS_DECL_STLGPUMAPPARALLELLOOPS
#define GEN_PASS_DECL_STLGPUMANAGEDMEMORY
#define GEN_PASS_DECL_STLGPULOWERTENSORMAPS
#include "stl/Codegen/GPU/Passes.h.inc"

/// The tile sizes `--stl-gpu-map-parallel-loops` uses when none are given.
inline constexpr int64_t kDefaultGPUTileSizes[] = {8, 32};

/// Checks tile sizes for `--stl-gpu-map-parallel-loops`: one to three
/// positive sizes whose product (the threads of a block) is at most 1024.
/// Returns an empty string when they are valid, the problem otherwise.
std::string checkGPUTileSizes(ArrayRef<int64_t> tileSizes);

#define GEN_PASS_REGISTRATION
#include "stl/Codegen/GPU/Passes.h.inc"

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_PASSES_H
