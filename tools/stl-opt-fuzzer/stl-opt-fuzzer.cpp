//===- stl-opt-fuzzer.cpp - Coverage-guided fuzzer of stl-opt -------------===//
//
// A libFuzzer target for what `stl-opt` does with a file: parse it, verify
// it, and run a pipeline of the project's passes on it. An input is MLIR
// text, optionally headed by a line naming the pipeline:
//
//   // PIPELINE: stl-replace-matmul{scheme=strassen-2x2x2},stl-decompose
//   func.func @f(...) { ... }
//
// Without the line, the input runs through `stl-replace-matmul` and
// `convert-stl-to-linalg`. Only the project's passes and pipelines are
// registered, so the fuzzer explores their options (bad values included)
// rather than upstream passes; the pipelines still run upstream passes
// inside them.
//
// What counts as a bug, beyond crashes, sanitizer reports and hangs (which
// libFuzzer catches itself):
//   - a pipeline that fails without a diagnostic saying why;
//   - a pipeline that succeeds but leaves IR that does not verify.
// Both abort, so libFuzzer saves the input as a crash.
//
// Built with -DSTL_ENABLE_FUZZER=ON and clang; `utils/fuzz.sh` builds it,
// seeds it with the regression tests and runs it for a bounded time.
//
//===----------------------------------------------------------------------===//

#include "stl/InitAll.h"
#include "stl/Tools/SanitizerDefaults.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kPipelinePrefix = "// PIPELINE:";
constexpr llvm::StringLiteral kDefaultPipeline =
    "stl-replace-matmul,convert-stl-to-linalg";

/// Whether the pipeline text is one the fuzzer may run: passes must not
/// write files (`stl-cost-report{output=<path>}`) or start external tools
/// (`stl-gpu-pipeline{format=bin|fatbin}` runs ptxas / fatbinary), and the
/// cost report goes to stdout (`output=-`; utils/fuzz.sh closes it) rather
/// than stderr, where libFuzzer reports.
bool isSafePipeline(llvm::StringRef text) {
  if (text.contains("stl-cost-report") && !text.contains("output=-"))
    return false;
  for (size_t pos = text.find("output="); pos != llvm::StringRef::npos;
       pos = text.find("output=", pos + 1)) {
    llvm::StringRef value = text.substr(pos + 7);
    if (!value.starts_with("-") ||
        (value.size() > 1 && value[1] != ' ' && value[1] != '}'))
      return false;
  }
  for (size_t pos = text.find("format="); pos != llvm::StringRef::npos;
       pos = text.find("format=", pos + 1)) {
    llvm::StringRef value = text.substr(pos + 7);
    if (value.starts_with("bin") || value.starts_with("fatbin"))
      return false;
  }
  return true;
}

/// Whether `text` starts with a well-formed integer array: `[` integers
/// separated by commas `]` (whitespace allowed).
bool startsWithIntegerArray(llvm::StringRef text) {
  text = text.ltrim();
  if (!text.consume_front("["))
    return false;
  text = text.ltrim();
  if (text.consume_front("]"))
    return true;
  while (true) {
    text = text.ltrim();
    text.consume_front("-");
    size_t digits = text.find_if_not([](char c) { return isdigit(c); });
    if (digits == 0 || digits == llvm::StringRef::npos)
      return false;
    text = text.drop_front(digits).ltrim();
    if (text.consume_front("]"))
      return true;
    if (!text.consume_front(","))
      return false;
  }
}

/// Inputs that crash upstream MLIR 22 itself (docs/reliability.md lists
/// them): skipped, so that the fuzzer goes on looking for bugs of this
/// project instead of finding these again.
bool hitsKnownUpstreamBug(llvm::StringRef text) {
  // linalg.transpose / linalg.broadcast: when the array after
  // `permutation =` / `dimensions =` does not parse, the custom parser
  // stores a null attribute and crashes (mlir-opt too).
  for (llvm::StringRef key : {"permutation", "dimensions"}) {
    for (size_t pos = text.find(key); pos != llvm::StringRef::npos;
         pos = text.find(key, pos + 1)) {
      llvm::StringRef rest = text.substr(pos + key.size()).ltrim();
      if (rest.consume_front("=") && !startsWithIntegerArray(rest))
        return true;
    }
  }
  return false;
}

const DialectRegistry &getRegistry() {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry();
    registerAllDialects(*r);
    registerAllExtensions(*r);
    stl::registerAllDialects(*r);
    registerAllToLLVMIRTranslations(*r);
    return r;
  }();
  return *registry;
}

[[noreturn]] void reportBug(const char *what, llvm::StringRef pipeline,
                            ModuleOp module) {
  llvm::errs() << "stl-opt-fuzzer: " << what << "\npipeline: " << pipeline
               << "\n";
  if (module)
    module->print(llvm::errs(), OpPrintingFlags().assumeVerified());
  llvm::errs() << "\n";
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  stl::registerAllPasses();
  (void)getRegistry();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);
  // The parser wants a null-terminated buffer without interior nulls.
  if (input.contains('\0') || hitsKnownUpstreamBug(input))
    return 0;

  llvm::StringRef pipeline = kDefaultPipeline;
  if (input.starts_with(kPipelinePrefix)) {
    pipeline = input.substr(kPipelinePrefix.size()).split('\n').first.trim();
    if (!isSafePipeline(pipeline))
      return 0;
  }

  MLIRContext context(getRegistry(), MLIRContext::Threading::DISABLED);
  unsigned numErrors = 0;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      ++numErrors;
    return success();
  });

  std::string buffer = input.str();
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(buffer, ParserConfig(&context));
  if (!module)
    return 0;

  PassManager pm(&context, ModuleOp::getOperationName(),
                 OpPassManager::Nesting::Implicit);
  std::string pipelineErrors;
  llvm::raw_string_ostream errorStream(pipelineErrors);
  if (failed(parsePassPipeline(pipeline, pm, errorStream)))
    return 0; // Bad pass names or options: reported, and nothing runs.
  // Verified once at the end, so that a pass leaving invalid IR behind while
  // claiming success is found rather than reported as a verifier error.
  pm.enableVerifier(false);

  if (failed(pm.run(*module))) {
    if (numErrors == 0)
      reportBug("the pipeline failed without an error diagnostic", pipeline,
                *module);
    return 0;
  }
  if (failed(verify(*module)))
    reportBug("the pipeline succeeded but left IR that does not verify",
              pipeline, *module);
  return 0;
}
