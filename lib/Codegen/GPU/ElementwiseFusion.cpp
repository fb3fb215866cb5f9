//===- ElementwiseFusion.cpp - Element-wise ops into grid loops -----------===//
//
// Element-wise linalg.generic ops computed inside the parallel loops of the
// GPU's per-tile encodings and decodings: a consumer of a loop's result at
// each of the loop's stores (--stl-gpu-fuse-elementwise-consumers), a
// producer of what a loop reads at each of its reads
// (--stl-gpu-fuse-elementwise-producers).
//
//===----------------------------------------------------------------------===//

#include "GridLoopResult.h"
#include "stl/Codegen/GPU/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPUFUSEELEMENTWISECONSUMERS
#define GEN_PASS_DEF_STLGPUFUSEELEMENTWISEPRODUCERS
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// Whether `generic` computes each element of its one result from the
/// elements of its inputs alone: all loops parallel, the result written
/// with the identity map and its initial value not read, the inputs read
/// with projected permutations, a body of pure scalar ops without
/// linalg.index.
static bool isElementwise(linalg::GenericOp generic) {
  if (!generic.hasPureTensorSemantics() || generic.getNumDpsInits() != 1 ||
      generic.getNumParallelLoops() != generic.getNumLoops() ||
      !generic.getMatchingIndexingMap(generic.getDpsInitOperand(0))
           .isIdentity() ||
      generic.payloadUsesValueFromOperand(generic.getDpsInitOperand(0)))
    return false;
  for (OpOperand *input : generic.getDpsInputOperands())
    if (!generic.getMatchingIndexingMap(input).isProjectedPermutation())
      return false;
  for (Operation &op : generic.getBody()->without_terminator())
    if (op.getNumRegions() != 0 || !isPure(&op) || isa<linalg::IndexOp>(op))
      return false;
  return true;
}

/// The element at `indices` of element-wise `generic`'s result, computed at
/// `b`'s insertion point: its body on its inputs' elements (read with
/// tensor.extract at the mapped indices), `known` giving the elements of
/// inputs already at hand.
static Value evaluateAt(OpBuilder &b, Location loc, linalg::GenericOp generic,
                        ValueRange indices,
                        const DenseMap<Value, Value> &known) {
  Block *body = generic.getBody();
  IRMapping mapping;
  for (OpOperand *input : generic.getDpsInputOperands()) {
    BlockArgument arg = generic.getMatchingBlockArgument(input);
    if (Value element = known.lookup(input->get())) {
      mapping.map(arg, element);
      continue;
    }
    SmallVector<Value> at;
    for (AffineExpr expr : generic.getMatchingIndexingMap(input).getResults())
      at.push_back(indices[cast<AffineDimExpr>(expr).getPosition()]);
    mapping.map(arg, tensor::ExtractOp::create(b, loc, input->get(), at));
  }
  for (Operation &op : body->without_terminator())
    b.clone(op, mapping);
  return mapping.lookupOrDefault(body->getTerminator()->getOperand(0));
}

//===----------------------------------------------------------------------===//
// Consumers
//===----------------------------------------------------------------------===//

namespace {
/// A loop storing every element of a fresh buffer read as a tensor, and
/// the element-wise generic that is that tensor's one user.
struct FusionCandidate {
  memref::AllocOp buffer;
  bufferization::ToTensorOp tensor;
  scf::ParallelOp loop;
  SmallVector<memref::StoreOp> stores;
  linalg::GenericOp consumer;
};
} // namespace

/// Whether `value` is defined before `point`, once the ops computing it
/// (without memory effects, in `point`'s block) are moved there if they
/// are after it (a broadcast bias built after the loop that uses it).
static bool defineBefore(Value value, Operation *point,
                         DominanceInfo &dominance, int depth = 0) {
  if (dominance.properlyDominates(value, point))
    return true;
  Operation *op = value.getDefiningOp();
  // Nor one with a buffer operand, whatever effects it declares: what it
  // reads may be written between `point` and where it is.
  if (!op || op->getBlock() != point->getBlock() || depth > 8 ||
      !isMemoryEffectFree(op) ||
      llvm::any_of(op->getOperandTypes(), llvm::IsaPred<BaseMemRefType>))
    return false;
  SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  for (Value operand : llvm::concat<Value>(op->getOperands(), captured))
    if (!defineBefore(operand, point, dominance, depth + 1))
      return false;
  op->moveBefore(point);
  return true;
}

/// Whether element-wise `consumer` can be evaluated in `loop`: `produced`
/// read with the identity map, its other operands and the values its body
/// uses from above defined before the loop (moved there if they can be).
static bool canFuseInto(linalg::GenericOp consumer, Value produced,
                        scf::ParallelOp loop, DominanceInfo &dominance) {
  if (!isElementwise(consumer))
    return false;
  for (OpOperand *input : consumer.getDpsInputOperands()) {
    if (input->get() == produced) {
      if (!consumer.getMatchingIndexingMap(input).isIdentity())
        return false;
      continue;
    }
    if (!defineBefore(input->get(), loop, dominance))
      return false;
  }
  Block *body = consumer.getBody();
  for (Operation &op : body->without_terminator())
    for (Value operand : op.getOperands())
      if (operand.getParentBlock() != body &&
          !defineBefore(operand, loop, dominance))
        return false;
  for (Value yielded : body->getTerminator()->getOperands())
    if (yielded.getParentBlock() != body &&
        !defineBefore(yielded, loop, dominance))
      return false;
  return true;
}

/// The candidate `tensor` heads, if it is one.
static std::optional<FusionCandidate>
getCandidate(bufferization::ToTensorOp tensor, DominanceInfo &dominance) {
  FusionCandidate candidate;
  candidate.tensor = tensor;
  if (!tensor.getWritable() || tensor.getResult().use_empty())
    return std::nullopt;
  std::optional<stl::GridLoopResult> written =
      stl::getGridLoopResult(tensor, dominance);
  if (!written)
    return std::nullopt;
  candidate.buffer = written->buffer;
  candidate.loop = written->loop;
  candidate.stores = std::move(written->stores);
  // Its uses all in one generic (its destination too, as frontends'
  // element-wise ops reuse an operand as one: not read).
  candidate.consumer =
      dyn_cast<linalg::GenericOp>(*tensor.getResult().getUsers().begin());
  if (!candidate.consumer ||
      llvm::any_of(tensor.getResult().getUsers(), [&](Operation *user) {
        return user != candidate.consumer.getOperation();
      }))
    return std::nullopt;
  if (!canFuseInto(candidate.consumer, tensor.getResult(), candidate.loop,
                   dominance))
    return std::nullopt;
  return candidate;
}

/// Computes `candidate.consumer` in its loop, into a fresh buffer whose
/// tensor replaces the consumer's result; returns that tensor.
static bufferization::ToTensorOp fuse(FusionCandidate &candidate) {
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

  for (memref::StoreOp store : candidate.stores) {
    b.setInsertionPoint(store);
    Value value = evaluateAt(b, loc, consumer, store.getIndices(),
                             {{produced, store.getValueToStore()}});
    memref::StoreOp::create(b, store.getLoc(), value, buffer,
                            store.getIndices());
    store->erase();
  }

  b.setInsertionPoint(consumer);
  auto tensor = bufferization::ToTensorOp::create(
      b, loc, resultType, buffer, b.getUnitAttr(), b.getUnitAttr());
  consumer.getResult(0).replaceAllUsesWith(tensor.getResult());
  consumer->erase();
  candidate.tensor->erase();
  candidate.buffer->erase();
  return tensor;
}

namespace {
struct STLGPUFuseElementwiseConsumersPass
    : stl::impl::STLGPUFuseElementwiseConsumersBase<
          STLGPUFuseElementwiseConsumersPass> {
  void runOnOperation() override {
    // One walk; a fused consumer's new tensor may head the next (a chain),
    // so it joins the worklist. Of the worklist, fusion erases only the
    // tensor it starts from; it moves ops only within a block, which keeps
    // the dominance information valid.
    DominanceInfo dominance(getOperation());
    SmallVector<bufferization::ToTensorOp> worklist;
    getOperation()->walk(
        [&](bufferization::ToTensorOp tensor) { worklist.push_back(tensor); });
    for (size_t i = 0; i < worklist.size(); ++i)
      if (std::optional<FusionCandidate> candidate =
              getCandidate(worklist[i], dominance))
        worklist.push_back(fuse(*candidate));
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Producers
//===----------------------------------------------------------------------===//

/// Whether `producer` is element-wise and every use of its result a
/// tensor.extract in a parallel loop (so that it goes away once they read
/// its inputs instead).
static bool isFusibleProducer(linalg::GenericOp producer) {
  Value result = producer->getResult(0);
  if (!isElementwise(producer) || result.use_empty())
    return false;
  return llvm::all_of(result.getUsers(), [](Operation *user) {
    return isa<tensor::ExtractOp>(user) &&
           user->getParentOfType<scf::ParallelOp>();
  });
}

namespace {
struct STLGPUFuseElementwiseProducersPass
    : stl::impl::STLGPUFuseElementwiseProducersBase<
          STLGPUFuseElementwiseProducersPass> {
  void runOnOperation() override {
    // One walk, the last producers first: fusing one makes the loops read
    // its inputs, which an earlier one (in program order: a producer comes
    // before its uses) may produce. Fusion erases only the producer at hand.
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk(
        [&](linalg::GenericOp generic) { generics.push_back(generic); });
    for (linalg::GenericOp producer : llvm::reverse(generics)) {
      if (!isFusibleProducer(producer))
        continue;
      // Every read of the producer's result computes its element.
      SmallVector<Operation *> users(producer->getResult(0).getUsers());
      for (Operation *user : users) {
        auto read = cast<tensor::ExtractOp>(user);
        OpBuilder b(read);
        read.replaceAllUsesWith(evaluateAt(b, read.getLoc(), producer,
                                           read.getIndices(),
                                           DenseMap<Value, Value>()));
        read->erase();
      }
      producer->erase();
    }
  }
};
} // namespace
