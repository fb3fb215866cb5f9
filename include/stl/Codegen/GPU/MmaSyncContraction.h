//===- MmaSyncContraction.h - Tensor-core kernels with mma.sync -*- C++ -*-===//
//
// The `mma-sync` GPU contraction strategy: a MatMul-like linalg op on
// buffers (16-bit inputs, or f32 as TF32; one M, N and K loop, any batch
// loops) becomes a `gpu.launch` whose blocks each compute a tile of the
// destination on the tensor cores:
//
//   * the block's tiles of both inputs go through `stages` buffers of
//     dynamic shared memory, filled with 16-byte `cp.async` copies (each
//     thread a few chunks of consecutive rows: coalesced) while earlier
//     stages are multiplied (`cp.async.wait.group`, one barrier a stage);
//   * in shared memory the 16-byte chunks of a row are XOR-swizzled by the
//     row, so that the 8 row addresses of an `ldmatrix` fall in 8 distinct
//     bank groups;
//   * each warp reads its 16 x 16 fragments with `ldmatrix` (`.trans` for an
//     operand whose contiguous dimension is not the reduction) and
//     accumulates 16 x 8 tiles with `mma.sync.m16n8k16` in f32 registers;
//   * the epilogue adds the destination's initial value (a linalg
//     contraction accumulates into it) and stores, rounded once to the
//     destination's type; where a `linalg.fill` of zeros into the
//     destination comes right before the contraction, the fill is dropped
//     and the epilogue only stores.
//
// f32 inputs (only with `tf32`: it is not the op's f32 arithmetic) take the
// same kernel with 4-byte elements: each element rounded to TF32 once,
// after its fragment load, `mma.sync.m16n8k8` with TF32 operands; an input
// whose contiguous dimension is M / N is read from shared memory a 32-bit
// element at a time (ldmatrix transposes 16-bit elements only).
//
// The kernel reads the inputs through their aligned pointers and static
// strides: the contiguous dimension of each input must have stride 1 and
// every other stride and the offset must be multiples of 16 bytes; whether
// the buffers start on a 16-byte boundary is checked by each block, which
// otherwise computes its tile with scalar loads (buildAlignedInputsBranch).
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_GPU_MMASYNCCONTRACTION_H
#define STL_CODEGEN_GPU_MMASYNCCONTRACTION_H

#include "stl/Codegen/GPU/ContractionStrategy.h"

#include "mlir/IR/PatternMatch.h"

#include <string>

namespace mlir {
namespace stl {

/// Empty when `contraction` can be generated with `mma.sync` (for any
/// tiling that divides its M, N and K), otherwise why not: not on buffers,
/// dynamic shapes, several M, N or K loops, input types other than one of
/// f16 and bf16 for both (or f32 for both, with `allowTF32`), an
/// accumulator other than f32, f16 or bf16, input layouts the kernel cannot
/// read (no unit-stride M/N or K dimension, dynamic or misaligned strides).
std::string checkMmaSyncContraction(const MatmulContraction &contraction,
                                    bool allowTF32 = false);

/// The bytes of an input element of `contraction`: 2, or 4 (TF32).
int64_t getMmaSyncElementBytes(const MatmulContraction &contraction);

/// Empty when `config` divides `contraction`'s M, N and K loops, otherwise
/// which it does not.
std::string checkMmaSyncTiling(const MatmulContraction &contraction,
                               const GPUMmaTileConfig &config);

/// Replaces `contraction` (checked with both functions above) by its
/// tensor-core kernel, a `gpu.launch` at the op's place.
void generateMmaSyncContraction(RewriterBase &rewriter,
                                const MatmulContraction &contraction,
                                const GPUMmaTileConfig &config);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_MMASYNCCONTRACTION_H
