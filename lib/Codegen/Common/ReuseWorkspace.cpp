//===- ReuseWorkspace.cpp - Temporaries in module-owned memory ------------===//
//
// A function's static temporaries become module globals that the call
// holding the function's lock uses; a concurrent or recursive call, finding
// the lock taken, allocates its own as before.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/Common/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLREUSEWORKSPACE
#include "stl/Codegen/Common/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// True when no alias of `buffer` (itself, or a view of it) leaves the
/// function: none is an operand of a terminator (returned, yielded) or of
/// an op with memref results other than a view of it (which could return
/// it). Collects the deallocations of `buffer` itself in `deallocs`; false
/// when one of them is not in `block`.
static bool staysInFunction(Value buffer, Block &block,
                            SmallVectorImpl<memref::DeallocOp> &deallocs) {
  SmallVector<Value> aliases{buffer};
  while (!aliases.empty()) {
    Value alias = aliases.pop_back_val();
    for (OpOperand &use : alias.getUses()) {
      Operation *user = use.getOwner();
      if (auto dealloc = dyn_cast<memref::DeallocOp>(user)) {
        if (alias != buffer || dealloc->getBlock() != &block)
          return false;
        deallocs.push_back(dealloc);
        continue;
      }
      if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
        if (view.getViewSource() == alias) {
          aliases.append(user->result_begin(), user->result_end());
          continue;
        }
      }
      if (user->hasTrait<OpTrait::IsTerminator>())
        return false;
      if (llvm::any_of(user->getResultTypes(), llvm::IsaPred<BaseMemRefType>))
        return false;
    }
  }
  return true;
}

/// The allocations of `func` that can live in module-owned memory.
static SmallVector<std::pair<memref::AllocOp, SmallVector<memref::DeallocOp>>>
findWorkspaceBuffers(func::FuncOp func) {
  SmallVector<std::pair<memref::AllocOp, SmallVector<memref::DeallocOp>>>
      buffers;
  if (func.isDeclaration() || !func.getBody().hasOneBlock())
    return buffers;
  Block &entry = func.getBody().front();
  for (auto alloc : entry.getOps<memref::AllocOp>()) {
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape() || type.getMemorySpace() ||
        !type.getLayout().isIdentity())
      continue;
    SmallVector<memref::DeallocOp> deallocs;
    if (staysInFunction(alloc.getResult(), entry, deallocs))
      buffers.emplace_back(alloc, std::move(deallocs));
  }
  return buffers;
}

namespace {
struct STLReuseWorkspacePass
    : stl::impl::STLReuseWorkspaceBase<STLReuseWorkspacePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> funcs;
    // Functions directly in the module: not those of nested modules (their
    // own symbol tables) or GPU modules.
    for (auto func : module.getOps<func::FuncOp>())
      funcs.push_back(func);
    for (func::FuncOp func : funcs)
      reuseWorkspace(func, symbols);
  }

  /// Inserts `global` into the module before `func`, renamed if its name is
  /// taken.
  static void insertGlobal(memref::GlobalOp global, func::FuncOp func,
                           SymbolTable &symbols) {
    symbols.insert(global, Block::iterator(func));
  }

  void reuseWorkspace(func::FuncOp func, SymbolTable &symbols) {
    auto buffers = findWorkspaceBuffers(func);
    if (buffers.empty())
      return;
    MLIRContext *ctx = &getContext();
    Location loc = func.getLoc();
    OpBuilder builder(ctx);
    StringAttr privateVisibility = builder.getStringAttr("private");
    std::string prefix = ("__stl_workspace_" + func.getSymName()).str();

    // The lock: 0 when free, taken by exchanging in 1.
    IntegerType i32 = builder.getI32Type();
    auto lockType = MemRefType::get({}, i32);
    OpBuilder detached(ctx);
    auto lock = memref::GlobalOp::create(
        detached, loc, prefix + "_lock", privateVisibility, lockType,
        DenseElementsAttr::get(RankedTensorType::get({}, i32),
                               builder.getI32IntegerAttr(0)),
        /*constant=*/false, /*alignment=*/nullptr);
    insertGlobal(lock, func, symbols);

    Block &entry = func.getBody().front();
    builder.setInsertionPointToStart(&entry);
    Value zero = arith::ConstantIntOp::create(builder, loc, i32, 0);
    Value one = arith::ConstantIntOp::create(builder, loc, i32, 1);
    Value lockRef =
        memref::GetGlobalOp::create(builder, loc, lockType, lock.getSymName());
    Value previous = memref::AtomicRMWOp::create(
        builder, loc, arith::AtomicRMWKind::assign, one, lockRef, ValueRange{});
    Value holds = arith::CmpIOp::create(builder, loc, arith::CmpIPredicate::eq,
                                        previous, zero);

    unsigned index = 0;
    for (auto &buffer : buffers) {
      // Named, not bound: a lambda below captures it (C++17).
      memref::AllocOp alloc = buffer.first;
      auto &deallocs = buffer.second;
      MemRefType type = alloc.getType();
      OpBuilder detached(ctx);
      auto global = memref::GlobalOp::create(
          detached, alloc.getLoc(), prefix + "_" + std::to_string(index++),
          privateVisibility, type, detached.getUnitAttr(),
          /*constant=*/false, alloc.getAlignmentAttr());
      insertGlobal(global, func, symbols);

      // The module's buffer when the lock is held, else a buffer of the
      // call's own.
      builder.setInsertionPoint(alloc);
      auto choice = scf::IfOp::create(
          builder, alloc.getLoc(), holds,
          [&](OpBuilder &b, Location l) {
            Value owned =
                memref::GetGlobalOp::create(b, l, type, global.getSymName());
            scf::YieldOp::create(b, l, owned);
          },
          [&](OpBuilder &b, Location l) {
            Value own = memref::AllocOp::create(b, l, type, ValueRange{},
                                                alloc.getAlignmentAttr());
            scf::YieldOp::create(b, l, own);
          });
      alloc.getResult().replaceAllUsesWith(choice.getResult(0));
      alloc.erase();
      for (memref::DeallocOp dealloc : deallocs) {
        builder.setInsertionPoint(dealloc);
        Value own = dealloc.getMemref();
        scf::IfOp::create(
            builder, dealloc.getLoc(), holds,
            [&](OpBuilder &b, Location l) { scf::YieldOp::create(b, l); },
            [&](OpBuilder &b, Location l) {
              memref::DeallocOp::create(b, l, own);
              scf::YieldOp::create(b, l);
            });
        dealloc.erase();
      }
    }

    // The lock given back on return, after every use of the buffers.
    builder.setInsertionPoint(entry.getTerminator());
    scf::IfOp::create(builder, loc, holds, [&](OpBuilder &b, Location l) {
      Value ref =
          memref::GetGlobalOp::create(b, l, lockType, lock.getSymName());
      memref::AtomicRMWOp::create(b, l, arith::AtomicRMWKind::assign, zero, ref,
                                  ValueRange{});
      scf::YieldOp::create(b, l);
    });
  }
};
} // namespace
