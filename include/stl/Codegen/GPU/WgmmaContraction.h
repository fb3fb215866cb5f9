//===- WgmmaContraction.h - Hopper tensor-core kernels (wgmma) -*- C++ -*-===//
//
// The `wgmma` GPU contraction strategy (sm_90a): a MatMul-like linalg op on
// buffers (16-bit inputs, one M, N and K loop, any batch loops) becomes a
// `gpu.launch` of warp-specialised blocks:
//
//   * one producer warpgroup, of which one thread copies the block's tiles
//     of both inputs (64 of K a stage) into `stages` buffers of dynamic
//     shared memory with TMA (`cp.async.bulk.tensor`, through tensor maps
//     the host code makes: `stl.gpu_tensor_map`), 128-byte swizzled, each
//     stage's arrival counted in bytes on an mbarrier ("full");
//   * `blockM / 64` consumer warpgroups, each computing 64 rows of the
//     block's tile with `wgmma.mma_async.m64nNk16` (N = blockN, f32
//     accumulators in registers, operands read from shared memory through
//     matrix descriptors: K-major, or M/N-major with the transpose bit),
//     keeping one group of wgmmas in flight and releasing each stage on a
//     second mbarrier ("empty") once the wgmmas reading it are done;
//   * the epilogue adds the destination's initial value unless a zero fill
//     right before was dropped, and rounds once (TensorCoreKernel.h).
//
// Each input needs a unit-stride K or M / N dimension, the other strides
// and the offset multiples of 8 elements (TMA: 16 bytes), and M / N rows a
// multiple of 64 where M / N is the contiguous dimension. Whether the
// buffers start on a 16-byte boundary each block checks; otherwise (their
// tensor maps are null) it computes its tile with scalar loads
// (buildAlignedInputsBranch).
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_GPU_WGMMACONTRACTION_H
#define STL_CODEGEN_GPU_WGMMACONTRACTION_H

#include "stl/Codegen/GPU/ContractionStrategy.h"

#include "mlir/IR/PatternMatch.h"

#include <string>

namespace mlir {
namespace stl {

/// Empty when the wgmma kernel can compute `contraction` (f16 / bf16 inputs,
/// static shapes, layouts TMA can read), otherwise why not.
std::string checkWgmmaContraction(const MatmulContraction &contraction);

/// Empty when `config` divides `contraction`, otherwise why not.
std::string checkWgmmaTiling(const MatmulContraction &contraction,
                             const GPUWgmmaTileConfig &config);

/// Replaces `contraction` by a `gpu.launch` of the wgmma kernel with tiling
/// `config` (both checked).
void generateWgmmaContraction(RewriterBase &rewriter,
                              const MatmulContraction &contraction,
                              const GPUWgmmaTileConfig &config);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_WGMMACONTRACTION_H
