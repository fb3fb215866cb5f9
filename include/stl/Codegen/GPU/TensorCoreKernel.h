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
/// is not a multiple of 8 elements (16-byte copies).
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

/// The `linalg.fill` of zeros into `op`'s destination right before `op`,
/// which a kernel writing every element makes redundant, or null.
linalg::FillOp getZeroFillBefore(linalg::LinalgOp op);

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_TENSORCOREKERNEL_H
