//===- FuseElementwiseConsumers.cpp - Element-wise ops into grid loops ----===//
//
// An element-wise linalg.generic reading a tensor that a parallel loop
// stores element by element (the GPU's per-tile decodings) is computed in
// that loop: its body applied at each store.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/GPU/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPUFUSEELEMENTWISECONSUMERS
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

namespace {
/// A loop storing every element of a fresh buffer read as a tensor, and
/// the element-wise generic that is that tensor's one use.
struct FusionCandidate {
  memref::AllocOp buffer;
  bufferization::ToTensorOp tensor;
  scf::ParallelOp loop;
  SmallVector<memref::StoreOp> stores;
  linalg::GenericOp consumer;
};
} // namespace

/// Whether `consumer`'s body and operands other than `produced` can be
/// evaluated in `loop` (defined before it), the tensor is read and the
/// result written with the identity map, and the generic is element-wise.
static bool canFuseInto(linalg::GenericOp consumer, Value produced,
                        scf::ParallelOp loop, DominanceInfo &dominance) {
  if (!consumer.hasPureTensorSemantics() || consumer.getNumDpsInits() != 1 ||
      consumer.getNumParallelLoops() != consumer.getNumLoops() ||
      !consumer.getMatchingIndexingMap(consumer.getDpsInitOperand(0))
           .isIdentity() ||
      consumer.payloadUsesValueFromOperand(consumer.getDpsInitOperand(0)))
    return false;
  for (OpOperand *input : consumer.getDpsInputOperands()) {
    AffineMap map = consumer.getMatchingIndexingMap(input);
    if (input->get() == produced) {
      if (!map.isIdentity())
        return false;
      continue;
    }
    if (!map.isProjectedPermutation() ||
        !dominance.properlyDominates(input->get(), loop))
      return false;
  }
  // Pure scalar ops, whose values from above are defined before the loop.
  Block *body = consumer.getBody();
  for (Operation &op : body->without_terminator()) {
    if (op.getNumRegions() != 0 || !isPure(&op) || isa<linalg::IndexOp>(op))
      return false;
    for (Value operand : op.getOperands())
      if (operand.getParentBlock() != body &&
          !dominance.properlyDominates(operand, loop))
        return false;
  }
  for (Value yielded : body->getTerminator()->getOperands())
    if (yielded.getParentBlock() != body &&
        !dominance.properlyDominates(yielded, loop))
      return false;
  return true;
}

/// The candidate `tensor` heads, if it is one.
static std::optional<FusionCandidate>
getCandidate(bufferization::ToTensorOp tensor, DominanceInfo &dominance) {
  FusionCandidate candidate;
  candidate.tensor = tensor;
  candidate.buffer = tensor.getBuffer().getDefiningOp<memref::AllocOp>();
  if (!candidate.buffer || !tensor.getRestrict() || !tensor.getWritable() ||
      !tensor.getResult().hasOneUse())
    return std::nullopt;
  candidate.consumer =
      dyn_cast<linalg::GenericOp>(*tensor.getResult().getUsers().begin());
  if (!candidate.consumer)
    return std::nullopt;
  // Every other use of the buffer a store directly in one parallel loop's
  // body, before the tensor.
  for (Operation *user : candidate.buffer->getUsers()) {
    if (user == tensor)
      continue;
    auto store = dyn_cast<memref::StoreOp>(user);
    auto loop = dyn_cast<scf::ParallelOp>(user->getParentOp());
    if (!store || store.getMemRef() != candidate.buffer.getResult() ||
        store.getValueToStore() == candidate.buffer.getResult() || !loop ||
        (candidate.loop && loop != candidate.loop))
      return std::nullopt;
    candidate.loop = loop;
    candidate.stores.push_back(store);
  }
  if (!candidate.loop ||
      !dominance.properlyDominates(candidate.loop.getOperation(), tensor) ||
      !canFuseInto(candidate.consumer, tensor.getResult(), candidate.loop,
                   dominance))
    return std::nullopt;
  return candidate;
}

/// Computes `candidate.consumer` in its loop, into a fresh buffer whose
/// tensor replaces the consumer's result.
static void fuse(FusionCandidate &candidate) {
  linalg::GenericOp consumer = candidate.consumer;
  Value produced = candidate.tensor.getResult();
  auto resultType = cast<RankedTensorType>(consumer.getResult(0).getType());
  OpBuilder b(candidate.loop);
  Location loc = consumer.getLoc();
  auto bufferType =
      MemRefType::get(resultType.getShape(), resultType.getElementType());
  auto buffer = memref::AllocOp::create(b, loc, bufferType,
                                        candidate.buffer.getDynamicSizes(),
                                        candidate.buffer.getAlignmentAttr());

  Block *body = consumer.getBody();
  for (memref::StoreOp store : candidate.stores) {
    b.setInsertionPoint(store);
    ValueRange indices = store.getIndices();
    IRMapping mapping;
    for (OpOperand *input : consumer.getDpsInputOperands()) {
      BlockArgument arg = consumer.getMatchingBlockArgument(input);
      if (input->get() == produced) {
        mapping.map(arg, store.getValueToStore());
        continue;
      }
      SmallVector<Value> at;
      for (AffineExpr expr :
           consumer.getMatchingIndexingMap(input).getResults())
        at.push_back(indices[cast<AffineDimExpr>(expr).getPosition()]);
      mapping.map(arg, tensor::ExtractOp::create(b, loc, input->get(), at));
    }
    for (Operation &op : body->without_terminator())
      b.clone(op, mapping);
    Value value = mapping.lookupOrDefault(body->getTerminator()->getOperand(0));
    memref::StoreOp::create(b, store.getLoc(), value, buffer, indices);
    store->erase();
  }

  b.setInsertionPoint(consumer);
  auto tensor = bufferization::ToTensorOp::create(
      b, loc, resultType, buffer, b.getUnitAttr(), b.getUnitAttr());
  consumer.getResult(0).replaceAllUsesWith(tensor.getResult());
  consumer->erase();
  candidate.tensor->erase();
  candidate.buffer->erase();
}

namespace {
struct STLGPUFuseElementwiseConsumersPass
    : stl::impl::STLGPUFuseElementwiseConsumersBase<
          STLGPUFuseElementwiseConsumersPass> {
  void runOnOperation() override {
    // To a fixed point: a fused consumer's result may head the next.
    bool changed = true;
    while (changed) {
      changed = false;
      DominanceInfo dominance(getOperation());
      SmallVector<bufferization::ToTensorOp> tensors;
      getOperation()->walk(
          [&](bufferization::ToTensorOp tensor) { tensors.push_back(tensor); });
      for (bufferization::ToTensorOp tensor : tensors) {
        std::optional<FusionCandidate> candidate =
            getCandidate(tensor, dominance);
        if (!candidate)
          continue;
        fuse(*candidate);
        changed = true;
        break;
      }
    }
  }
};
} // namespace
