//===- ForwardTemporaryCopies.cpp - Temporaries copied into a target ------===//
//
// A temporary computed and then copied into a target is computed in the
// target instead, where nothing in between could tell the difference.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/Common/Passes.h"

#include "mlir/IR/Dominance.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLFORWARDTEMPORARYCOPIES
#include "stl/Codegen/Common/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// The buffer `value` is a view of (through view-like ops), or `value`.
static Value getRootBuffer(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// True when the memory `op` (not its nested ops) accesses is all in
/// buffers allocated in the function or constant globals, none of them
/// `target`'s root.
static bool accessesOnlyLocalBuffers(Operation *op, Value targetRoot) {
  if (op->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
    return true;
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects)
    return false;
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  for (const MemoryEffects::EffectInstance &instance : instances) {
    Value value = instance.getValue();
    if (!value) {
      // Allocations of results without a value are harmless; anything
      // else may touch any memory.
      if (isa<MemoryEffects::Allocate>(instance.getEffect()))
        continue;
      return false;
    }
    Value root = getRootBuffer(value);
    if (root == targetRoot)
      return false;
    Operation *producer = root.getDefiningOp();
    if (!producer ||
        !isa<memref::AllocOp, memref::AllocaOp, memref::GetGlobalOp>(producer))
      return false;
  }
  return true;
}

/// Forwards `copy`'s temporary source into its target when it is safe (see
/// the pass description); returns whether it did.
static bool forwardCopy(memref::CopyOp copy, DominanceInfo &dominance) {
  Value source = copy.getSource(), target = copy.getTarget();
  auto alloc = source.getDefiningOp<memref::AllocOp>();
  if (!alloc || alloc->getBlock() != copy->getBlock() ||
      source.getType() != target.getType() ||
      !dominance.properlyDominates(target, alloc))
    return false;

  // Every other use of the temporary between it and the copy (nested
  // included), or a deallocation after the copy.
  SmallVector<memref::DeallocOp> deallocs;
  for (Operation *user : source.getUsers()) {
    if (user == copy)
      continue;
    Operation *inBlock = alloc->getBlock()->findAncestorOpInBlock(*user);
    if (auto dealloc = dyn_cast<memref::DeallocOp>(user);
        dealloc && dealloc->getBlock() == copy->getBlock() &&
        copy->isBeforeInBlock(dealloc)) {
      deallocs.push_back(dealloc);
      continue;
    }
    if (!inBlock || !alloc->isBeforeInBlock(inBlock) ||
        !inBlock->isBeforeInBlock(copy))
      return false;
  }

  // Nothing in between reads or writes memory that the target may alias.
  Value targetRoot = getRootBuffer(target);
  for (Operation *op = alloc->getNextNode(); op != copy;
       op = op->getNextNode()) {
    WalkResult walk = op->walk([&](Operation *nested) {
      return accessesOnlyLocalBuffers(nested, targetRoot)
                 ? WalkResult::advance()
                 : WalkResult::interrupt();
    });
    if (walk.wasInterrupted())
      return false;
  }

  for (memref::DeallocOp dealloc : deallocs)
    dealloc->erase();
  copy->erase();
  source.replaceAllUsesWith(target);
  alloc->erase();
  return true;
}

namespace {
struct STLForwardTemporaryCopiesPass
    : stl::impl::STLForwardTemporaryCopiesBase<STLForwardTemporaryCopiesPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) { copies.push_back(copy); });
    DominanceInfo dominance(getOperation());
    for (memref::CopyOp copy : copies)
      forwardCopy(copy, dominance);
  }
};
} // namespace
