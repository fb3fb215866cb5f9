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

/// Passes a string to a C callback.
static void emit(MlirStringCallback callback, llvm::StringRef text,
                 void *userData) {
  if (callback && !text.empty())
    callback(mlirStringRefCreate(text.data(), text.size()), userData);
}

/// Reports `message` through `callback` (which may be NULL) and fails.
static MlirLogicalResult fail(MlirStringCallback callback,
                              llvm::StringRef message, void *userData) {
  emit(callback, message, userData);
  return mlirLogicalResultFailure();
}

/// A string argument with no text (data NULL) but a length.
static bool isInvalid(MlirStringRef text) { return !text.data && text.length; }

/// True when `pipeline` is one pipeline anchored on the operation it runs
/// on, `<anchor>(...)` or `any(...)`, rather than a list of passes and
/// nested pipelines ("canonicalize,func.func(cse)").
static bool isAnchoredOn(llvm::StringRef pipeline, llvm::StringRef anchor) {
  size_t open = pipeline.find('(');
  if (open == llvm::StringRef::npos || !pipeline.ends_with(")"))
    return false;
  llvm::StringRef name = pipeline.take_front(open).trim();
  if (name != anchor && name != "any")
    return false;
  // The parenthesis after the name must close at the end of the text.
  int depth = 0;
  for (size_t i = open; i < pipeline.size(); ++i) {
    if (pipeline[i] == '(')
      ++depth;
    else if (pipeline[i] == ')' && --depth == 0)
      return i + 1 == pipeline.size();
  }
  return false;
}

/// Builds the pass manager of `pipeline` for operations named `anchor`.
/// Errors go to `errors`; returns null on failure.
static std::unique_ptr<PassManager>
buildPassManager(MLIRContext *context, llvm::StringRef pipeline,
                 llvm::StringRef anchor, llvm::raw_ostream &errors) {
  pipeline = pipeline.trim();
  if (isAnchoredOn(pipeline, anchor)) {
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

MlirLogicalResult stlRunPassPipeline(MlirOperation op, MlirStringRef pipeline,
                                     MlirStringCallback errorCallback,
                                     void *userData) {
  if (mlirOperationIsNull(op))
    return fail(errorCallback, "stlRunPassPipeline: the operation is null",
                userData);
  if (isInvalid(pipeline))
    return fail(errorCallback, "stlRunPassPipeline: the pipeline is NULL",
                userData);
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
  if (isInvalid(source))
    return fail(diagnosticCallback, "stlCompile: error: the source is NULL\n",
                userData);
  if (isInvalid(sourceName))
    return fail(diagnosticCallback,
                "stlCompile: error: the source name is NULL\n", userData);
  if (isInvalid(pipeline))
    return fail(diagnosticCallback, "stlCompile: error: the pipeline is NULL\n",
                userData);
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
