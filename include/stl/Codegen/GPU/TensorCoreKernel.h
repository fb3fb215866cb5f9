//===- TensorCoreKernel.h - What the tensor-core kernels share -*- C++ -*-===//
//
// The parts of the tensor-core contraction kernels (mma-sync,
// MmaSyncContraction.h; wgmma, WgmmaContraction.h) that do not depend on the
// instructions: how a kernel reads an input (its strides along the op's
// loops and its contiguous dimension), which block computes which tile of
// the destination, and the epilogue that adds the destination's initial
// value and rounds once.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_GPU_TENSORCOREKERNEL_H
#define STL_CODEGEN_GPU_TENSORCOREKERNEL_H

#include "stl/Codegen/Common/ContractionMatch.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <string>

namespace mlir {
namespace stl {

/// How a kernel reads one input: its element stride along each loop of the
/// op (0 where it does not depend on the loop or the dimension has size 1),
/// its element offset, and which loop is its contiguous dimension (K, or M
/// for the lhs / N for the rhs).
struct TensorCoreInputLayout {
  SmallVector<int64_t> loopStrides;
  int64_t offset = 0;
  unsigned contiguousLoop = 0;
};

/// The layout of input `input` (0: lhs, 1: rhs) of `contraction`, or failure
/// with `why` set: a dynamic or non-strided layout, an index that is not a
/// loop, no unit-stride K or M / N dimension, or an offset or a stride that
/// is not a multiple of 16 bytes (16-byte copies).
FailureOr<TensorCoreInputLayout>
getTensorCoreInputLayout(const MatmulContraction &contraction, unsigned input,
                         std::string &why);

/// The (M, N) tile of the destination, of `blockM` x `blockN`, that block
/// (x, y) of `launch` computes: blocks in groups of a few tile rows walked
/// column by column, so that the blocks in flight share rows of A and
/// columns of B in L2.
std::pair<Value, Value>
getGroupedBlockTile(ImplicitLocOpBuilder &b,
                    const MatmulContraction &contraction, int64_t blockM,
                    int64_t blockN, gpu::LaunchOp launch);

/// The values of the contraction's outer loops (batch, outer M / N) for
/// block z of `launch` (the last loop fastest); other loops null.
SmallVector<Value> getOuterLoopValues(ImplicitLocOpBuilder &b,
                                      const MatmulContraction &contraction,
                                      gpu::LaunchOp launch);

/// Stores f32 sum `sum` of destination element (`loopValues`: every loop's
/// value, M and N included) of the contraction, added to the element's
/// initial value unless `zeroDestination`, rounded once to its type.
void storeAccumulator(ImplicitLocOpBuilder &b,
                      const MatmulContraction &contraction,
                      ArrayRef<Value> loopValues, Value sum,
                      bool zeroDestination);

/// Builds, at `b` in `launch`, a block's work under a check of what a
/// tensor-core kernel's 16-byte global accesses need of the caller's
/// buffers and their types do not say: each input's first element (its
/// aligned pointer plus the layout's offset) on a 16-byte boundary (the
/// strides are multiples of 16 bytes: getTensorCoreInputLayout). The check
/// is the same in every thread (uniform). `tensorCoreBody` builds the
/// kernel proper; otherwise the block computes its `blockM` x `blockN` tile
/// of the destination (getGroupedBlockTile) with scalar loads and f32
/// multiply-adds, each of the block's `numThreads` threads some of its
/// elements, with the same epilogue (storeAccumulator): slow, but right,
/// for inputs no copy of the kernel could read.
void buildAlignedInputsBranch(ImplicitLocOpBuilder &b,
                              const MatmulContraction &contraction,
                              gpu::LaunchOp launch, int64_t blockM,
                              int64_t blockN, int64_t numThreads,
                              bool zeroDestination,
                              llvm::function_ref<void()> tensorCoreBody);

/// The `linalg.fill` of zeros into `op`'s destination right before `op`,
/// which a kernel writing every element makes redundant, or null.
linalg::FillOp getZeroFillBefore(linalg::LinalgOp op);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_TENSORCOREKERNEL_H
