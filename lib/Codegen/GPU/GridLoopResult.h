//===- GridLoopResult.h - The buffer a grid loop writes ---------*- C++ -*-===//
//
// The GPU's per-tile encodings and decodings (and the element-wise ops fused
// into them) write a fresh buffer from one parallel loop and read it as a
// tensor: what the grid-loop fusions start from.
//
//===----------------------------------------------------------------------===//

#ifndef STL_LIB_CODEGEN_GPU_GRIDLOOPRESULT_H
#define STL_LIB_CODEGEN_GPU_GRIDLOOPRESULT_H

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Dominance.h"

#include <optional>

namespace mlir {
namespace stl {

/// A grid loop's result: `tensor` reads (restrict) a `memref.alloc`ed
/// `buffer` whose every other use is one of `stores`, a `memref.store` into
/// it directly in the body of `loop`, which comes before `tensor`.
struct GridLoopResult {
  memref::AllocOp buffer;
  scf::ParallelOp loop;
  SmallVector<memref::StoreOp> stores;
};

/// The grid loop result `tensor` reads, if it reads one.
std::optional<GridLoopResult>
getGridLoopResult(bufferization::ToTensorOp tensor, DominanceInfo &dominance);

} // namespace stl
} // namespace mlir

#endif // STL_LIB_CODEGEN_GPU_GRIDLOOPRESULT_H
