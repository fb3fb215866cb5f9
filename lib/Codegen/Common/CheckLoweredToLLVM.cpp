//===- CheckLoweredToLLVM.cpp - Fail on what the CPU lowering left --------===//
//
// The end of --stl-cpu-pipeline: everything must be in the LLVM dialect
// (or an allowed dialect mlir-translate takes), otherwise the pipeline
// fails here, naming the first op left, instead of handing mlir-runner or
// mlir-translate a module they cannot take.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/Common/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCHECKLOWEREDTOLLVM
#include "stl/Codegen/Common/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// The most kinds of ops the note lists by name.
static constexpr unsigned kMaxNamedKinds = 8;

namespace {
struct STLCheckLoweredToLLVMPass
    : stl::impl::STLCheckLoweredToLLVMBase<STLCheckLoweredToLLVMPass> {
  using Base::Base;

  void runOnOperation() override {
    llvm::StringSet<> allowed;
    allowed.insert(LLVM::LLVMDialect::getDialectNamespace());
    for (const std::string &dialect : allowDialects)
      allowed.insert(dialect);

    // The ops left, in program order, and how many there are of each kind.
    Operation *firstOp = nullptr;   // The first that is not a cast.
    Operation *firstCast = nullptr; // The first unreconciled cast.
    llvm::MapVector<OperationName, unsigned> counts;
    unsigned total = 0;
    Operation *root = getOperation();
    root->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op == root || isa<ModuleOp>(op) ||
          allowed.contains(op->getName().getDialectNamespace()))
        return;
      ++counts[op->getName()];
      ++total;
      if (isa<UnrealizedConversionCastOp>(op)) {
        if (!firstCast)
          firstCast = op;
      } else if (!firstOp) {
        firstOp = op;
      }
    });
    if (!total)
      return;

    Operation *reported = firstOp ? firstOp : firstCast;
    InFlightDiagnostic diag = reported->emitError();
    if (auto cast = dyn_cast<UnrealizedConversionCastOp>(reported)) {
      diag << "the CPU pipeline (--stl-cpu-pipeline) left a type conversion "
              "that does not reconcile, 'builtin.unrealized_conversion_cast' "
              "from ";
      llvm::interleaveComma(cast.getOperandTypes(), diag);
      diag << " to ";
      llvm::interleaveComma(cast.getResultTypes(), diag);
      diag << ": it cannot lower the ops on the other side of it to the LLVM "
              "dialect";
    } else {
      StringRef dialect = reported->getName().getDialectNamespace();
      diag << "the CPU pipeline (--stl-cpu-pipeline) cannot lower '"
           << reported->getName() << "' (dialect '" << dialect
           << "') to the LLVM dialect";
      if (!reported->getDialect())
        diag << " (the dialect is not registered)";
    }
    diag << "; mlir-runner and mlir-translate take only LLVM dialect ops";
    if (allowed.size() > 1) {
      diag << " (and here ";
      llvm::interleaveComma(allowDialects, diag, [&](const std::string &d) {
        diag << "'" << d << "'";
      });
      diag << ")";
    }
    if (total > 1) {
      Diagnostic &note = diag.attachNote();
      note << total << " ops are left in all: ";
      unsigned named = 0;
      for (auto [name, count] : counts) {
        if (named == kMaxNamedKinds) {
          note << ", ...";
          break;
        }
        note << (named++ ? ", " : "") << count << " '" << name << "'";
      }
    }
    signalPassFailure();
  }
};
} // namespace
