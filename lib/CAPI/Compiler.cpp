//===- Compiler.cpp - C API: running stl-mlir pipelines -------------------===//

#include "stl-c/Compiler.h"

#include "stl/InitEverything.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {
/// Passes a string to a C callback.
void emit(MlirStringCallback callback, llvm::StringRef text, void *userData) {
  if (callback && !text.empty())
    callback(mlirStringRefCreate(text.data(), text.size()), userData);
}

/// True when `pipeline` is anchored on an operation ("builtin.module(...)",
/// "func.func(...)", "any(...)") rather than a list of passes: the name
/// before the first '(' is an operation name (it has a dot) or `any`.
bool isAnchored(llvm::StringRef pipeline) {
  size_t open = pipeline.find_first_of("({,");
  if (open == llvm::StringRef::npos || pipeline[open] != '(')
    return false;
  llvm::StringRef name = pipeline.take_front(open).trim();
  return name.contains('.') || name == "any";
}

/// Builds the pass manager of `pipeline` for operations named `anchor`
/// (when the pipeline is a plain list). Errors go to `errors`.
/// Returns null on failure.
std::unique_ptr<PassManager> buildPassManager(MLIRContext *context,
                                              llvm::StringRef pipeline,
                                              llvm::StringRef anchor,
                                              llvm::raw_ostream &errors) {
  pipeline = pipeline.trim();
  if (isAnchored(pipeline)) {
    FailureOr<OpPassManager> parsed = parsePassPipeline(pipeline, errors);
    if (failed(parsed))
      return nullptr;
    auto pm = std::make_unique<PassManager>(context, parsed->getOpAnchorName());
    static_cast<OpPassManager &>(*pm) = std::move(*parsed);
    return pm;
  }
  auto pm = std::make_unique<PassManager>(context, anchor);
  if (!pipeline.empty() && failed(parsePassPipeline(pipeline, *pm, errors)))
    return nullptr;
  return pm;
}
} // namespace

MlirLogicalResult stlRunPassPipeline(MlirOperation op, MlirStringRef pipeline,
                                     MlirStringCallback errorCallback,
                                     void *userData) {
  Operation *operation = unwrap(op);
  std::string errors;
  llvm::raw_string_ostream errorStream(errors);
  std::unique_ptr<PassManager> pm =
      buildPassManager(operation->getContext(), unwrap(pipeline),
                       operation->getName().getStringRef(), errorStream);
  if (!pm) {
    errorStream.flush();
    emit(errorCallback, errors, userData);
    return mlirLogicalResultFailure();
  }
  pm->enableVerifier(true);
  return wrap(pm->run(operation));
}

MlirLogicalResult stlCompile(MlirStringRef source, MlirStringRef sourceName,
                             MlirStringRef pipeline,
                             MlirStringCallback outputCallback,
                             MlirStringCallback diagnosticCallback,
                             void *userData) {
  DialectRegistry registry;
  stl::registerEverything(registry);
  MLIRContext context(registry);
  // Diagnostics as the user wrote them, without a dump of the operation.
  context.printOpOnDiagnostic(false);

  std::string diagnostics;
  llvm::raw_string_ostream diagnosticStream(diagnostics);
  auto report = [&](LogicalResult result) {
    diagnosticStream.flush();
    emit(diagnosticCallback, diagnostics, userData);
    return wrap(result);
  };

  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(unwrap(source), unwrap(sourceName)),
      llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(sourceMgr, &context, diagnosticStream);

  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return report(failure());

  std::unique_ptr<PassManager> pm =
      buildPassManager(&context, unwrap(pipeline), ModuleOp::getOperationName(),
                       diagnosticStream);
  if (!pm)
    return report(failure());
  pm->enableVerifier(true);
  if (failed(pm->run(*module)))
    return report(failure());

  std::string output;
  llvm::raw_string_ostream outputStream(output);
  module->print(outputStream);
  outputStream << "\n";
  outputStream.flush();
  emit(outputCallback, output, userData);
  return report(success());
}
