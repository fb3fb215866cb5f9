//===- GridLoopFusion.cpp - A grid loop into the one whose tiles it reads -===//
//
// The GPU's per-tile loops in sequence: a decoding writes a tile an
// iteration, the next MatMul's encoding reads the same tile in the same
// iteration of a loop of the same bounds. The second loop's body runs in
// the first's, on the values the first stores.
//
//===----------------------------------------------------------------------===//

#include "GridLoopResult.h"
#include "LoopIndices.h"
#include "stl/Codegen/GPU/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPUFUSEGRIDLOOPS
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

/// The indices of `indices` as affine forms of `loop`'s variables, if all
/// are.
static std::optional<SmallVector<AffineIndex>>
getAffineIndices(ValueRange indices, scf::ParallelOp loop) {
  SmallVector<AffineIndex> forms;
  for (Value index : indices) {
    std::optional<AffineIndex> form = getAffineIndex(index, loop);
    if (!form)
      return std::nullopt;
    forms.push_back(*form);
  }
  return forms;
}

/// Whether the loops iterate over the same space.
static bool haveSameBounds(scf::ParallelOp a, scf::ParallelOp b) {
  auto same = [](ValueRange x, ValueRange y) {
    return x.size() == y.size() && llvm::all_of(llvm::zip(x, y), [](auto pair) {
             auto [u, v] = pair;
             if (u == v)
               return true;
             std::optional<int64_t> cu = getConstantIntValue(u),
                                    cv = getConstantIntValue(v);
             return cu && cv && *cu == *cv;
           });
  };
  return a.getNumReductions() == 0 && b.getNumReductions() == 0 &&
         same(a.getLowerBound(), b.getLowerBound()) &&
         same(a.getUpperBound(), b.getUpperBound()) &&
         same(a.getStep(), b.getStep());
}

namespace {
/// The first loop, which stores `buffer` (read as `tensor`), and the second,
/// which reads `tensor`.
struct GridLoopPair {
  scf::ParallelOp producer, consumer;
  memref::AllocOp buffer;
  bufferization::ToTensorOp tensor;
  /// Per read of `tensor` in the consumer, the value the producer stores
  /// there.
  SmallVector<std::pair<tensor::ExtractOp, Value>> reads;
  /// The consumer's fresh buffers defined between the loops.
  SmallVector<memref::AllocOp> consumerBuffers;
};
} // namespace

/// The pair `tensor` links, if the second loop can run in the first.
static std::optional<GridLoopPair> getPair(bufferization::ToTensorOp tensor,
                                           DominanceInfo &dominance) {
  GridLoopPair pair;
  pair.tensor = tensor;
  if (tensor.getResult().use_empty())
    return std::nullopt;
  std::optional<GridLoopResult> result = getGridLoopResult(tensor, dominance);
  if (!result)
    return std::nullopt;
  pair.buffer = result->buffer;
  pair.producer = result->loop;
  ArrayRef<memref::StoreOp> stores = result->stores;

  // The consumer: the parallel loop (in the same block) around the first
  // read.
  auto users = tensor.getResult().getUsers();
  auto firstRead = llvm::find_if(
      users, [](Operation *user) { return isa<tensor::ExtractOp>(user); });
  if (firstRead == users.end())
    return std::nullopt;
  pair.consumer = dyn_cast<scf::ParallelOp>((*firstRead)->getParentOp());
  scf::ParallelOp producer = pair.producer, consumer = pair.consumer;
  if (!consumer || consumer->getBlock() != producer->getBlock() ||
      !producer->isBeforeInBlock(consumer) ||
      !haveSameBounds(producer, consumer))
    return std::nullopt;

  // What each store writes, by its indices in the producer's variables.
  SmallVector<std::pair<SmallVector<AffineIndex>, Value>> written;
  for (memref::StoreOp store : stores) {
    std::optional<SmallVector<AffineIndex>> at =
        getAffineIndices(store.getIndices(), producer);
    if (!at)
      return std::nullopt;
    written.push_back({*at, store.getValueToStore()});
  }

  SetVector<memref::AllocOp> storedBuffers;
  SmallVector<Value> producerIvs = producer.getInductionVars();
  SmallVector<Value> consumerIvs = consumer.getInductionVars();
  for (Operation &op : consumer.getBody()->without_terminator()) {
    if (auto read = dyn_cast<tensor::ExtractOp>(op)) {
      if (read.getTensor() != tensor.getResult())
        continue;
      std::optional<SmallVector<AffineIndex>> at =
          getAffineIndices(read.getIndices(), consumer);
      if (!at)
        return std::nullopt;
      for (AffineIndex &form : *at)
        form = form.renamed(consumerIvs, producerIvs);
      // Exactly one store of the same iteration writes it.
      Value value;
      for (auto &[where, stored] : written) {
        if (where != *at)
          continue;
        if (value)
          return std::nullopt;
        value = stored;
      }
      if (!value)
        return std::nullopt;
      pair.reads.push_back({read, value});
      continue;
    }
    if (auto store = dyn_cast<memref::StoreOp>(op)) {
      // Into a fresh buffer (moved before the producer when it is
      // allocated between the loops).
      auto alloc = store.getMemRef().getDefiningOp<memref::AllocOp>();
      if (!alloc || store.getValueToStore() == store.getMemRef())
        return std::nullopt;
      storedBuffers.insert(alloc);
      if (!dominance.properlyDominates(alloc.getResult(), producer)) {
        if (alloc->getBlock() != producer->getBlock() ||
            llvm::any_of(alloc.getDynamicSizes(), [&](Value size) {
              return !dominance.properlyDominates(size, producer);
            }))
          return std::nullopt;
        if (!llvm::is_contained(pair.consumerBuffers, alloc))
          pair.consumerBuffers.push_back(alloc);
      }
      continue;
    }
    // (Reads of other tensors too: values, defined before the producer.)
    if (op.getNumRegions() != 0 || !isMemoryEffectFree(&op))
      return std::nullopt;
  }
  // Every read of the tensor in the consumer is one of those (a read
  // nested deeper would not have been seen).
  if (llvm::any_of(tensor.getResult().getUsers(), [&](Operation *user) {
        return consumer->isProperAncestor(user) &&
               user->getParentOp() != consumer.getOperation();
      }))
    return std::nullopt;
  // The values the consumer uses from above, other than the tensor and its
  // own buffers, defined before the producer.
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(consumer.getRegion(), captured);
  for (Value value : captured) {
    if (value == tensor.getResult() ||
        llvm::any_of(pair.consumerBuffers, [&](memref::AllocOp alloc) {
          return alloc.getResult() == value;
        }))
      continue;
    if (!dominance.properlyDominates(value, producer))
      return std::nullopt;
  }
  // The buffers the consumer stores: nothing before it (the producer
  // included) uses them, since its stores now come earlier.
  Block *block = consumer->getBlock();
  for (memref::AllocOp alloc : storedBuffers)
    for (Operation *user : alloc->getUsers()) {
      Operation *at = block->findAncestorOpInBlock(*user);
      if (!at ||
          (at != consumer.getOperation() && !consumer->isBeforeInBlock(at)))
        return std::nullopt;
    }
  return pair;
}

/// Runs the consumer's body in the producer's; erases the tensor and its
/// buffer when nothing else reads it.
static void fuse(GridLoopPair &pair) {
  for (memref::AllocOp alloc : pair.consumerBuffers)
    alloc->moveBefore(pair.producer);
  for (auto &[read, value] : pair.reads) {
    read.getResult().replaceAllUsesWith(value);
    read->erase();
  }
  Block *into = pair.producer.getBody();
  Block *from = pair.consumer.getBody();
  for (auto [consumerIv, producerIv] :
       llvm::zip(from->getArguments(), into->getArguments()))
    consumerIv.replaceAllUsesWith(producerIv);
  into->getOperations().splice(into->getTerminator()->getIterator(),
                               from->getOperations(), from->begin(),
                               from->getTerminator()->getIterator());
  pair.consumer->erase();

  if (!pair.tensor.getResult().use_empty())
    return;
  SmallVector<Operation *> users(pair.buffer->getUsers());
  for (Operation *user : users)
    user->erase();
  pair.buffer->erase();
}

namespace {
struct STLGPUFuseGridLoopsPass
    : stl::impl::STLGPUFuseGridLoopsBase<STLGPUFuseGridLoopsPass> {
  void runOnOperation() override {
    // One walk; a fused pair's producer may produce for the next loop too
    // (its tensors are still in the worklist). Of the worklist, fusion
    // erases only the tensor at hand (besides the consumer loop, emptied,
    // and the tensor's buffer). The dominance information is recomputed
    // for each: fusion erases a region.
    SmallVector<bufferization::ToTensorOp> worklist;
    getOperation()->walk(
        [&](bufferization::ToTensorOp tensor) { worklist.push_back(tensor); });
    for (bufferization::ToTensorOp tensor : worklist) {
      DominanceInfo dominance(getOperation());
      if (std::optional<GridLoopPair> pair = getPair(tensor, dominance))
        fuse(*pair);
    }
  }
};
} // namespace
