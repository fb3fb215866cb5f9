//===- GridLoopResult.cpp - The buffer a grid loop writes -----------------===//

#include "GridLoopResult.h"

using namespace mlir;
using namespace mlir::stl;

std::optional<GridLoopResult>
mlir::stl::getGridLoopResult(bufferization::ToTensorOp tensor,
                             DominanceInfo &dominance) {
  GridLoopResult result;
  result.buffer = tensor.getBuffer().getDefiningOp<memref::AllocOp>();
  if (!result.buffer || !tensor.getRestrict())
    return std::nullopt;
  for (Operation *user : result.buffer->getUsers()) {
    if (user == tensor)
      continue;
    auto store = dyn_cast<memref::StoreOp>(user);
    auto loop = dyn_cast<scf::ParallelOp>(user->getParentOp());
    if (!store || store.getMemRef() != result.buffer.getResult() ||
        store.getValueToStore() == result.buffer.getResult() || !loop ||
        (result.loop && loop != result.loop))
      return std::nullopt;
    result.loop = loop;
    result.stores.push_back(store);
  }
  if (!result.loop ||
      !dominance.properlyDominates(result.loop.getOperation(), tensor))
    return std::nullopt;
  return result;
}
