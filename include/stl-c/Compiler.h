/*===-- stl-c/Compiler.h - Running stl-mlir pipelines ------------*- C -*-===*\
|*                                                                            *|
|* Running a textual pass pipeline, as stl-opt does, from C.                  *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef STL_C_COMPILER_H
#define STL_C_COMPILER_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Runs `pipeline` on `op` (usually a module's operation), verifying the IR
/// after each pass. The pipeline is either one pipeline anchored on the
/// operation, as stl-opt's `--pass-pipeline=` takes it
/// ("builtin.module(stl-replace-matmul{pad}, stl-cpu-pipeline)", or
/// "any(...)"), or a comma-separated list of passes, pipelines and nested
/// pipelines with their options, which is run on the operation
/// ("stl-replace-matmul{pad},func.func(canonicalize),stl-cpu-pipeline"). A
/// pipeline that does not parse is reported through `errorCallback` (which
/// may be NULL); diagnostics of the passes go to the handlers of the
/// operation's context. Passes and pipelines must be registered first
/// (stlRegisterAllPasses or stlRegisterEverything).
///
/// Arguments: `op` must not be null; `pipeline` must have text (data NULL is
/// the empty pipeline only with length 0); `errorCallback` and `userData`
/// may be NULL. A null `op` or a NULL `pipeline` with a length fails, with
/// the reason through `errorCallback`.
MLIR_CAPI_EXPORTED MlirLogicalResult
stlRunPassPipeline(MlirOperation op, MlirStringRef pipeline,
                   MlirStringCallback errorCallback, void *userData);

/// Compiles MLIR source text in one call, in a context of its own with
/// everything registered (stlRegisterEverything): parses `source` (named
/// `sourceName` in diagnostics), verifies it, runs `pipeline` (as for
/// stlRunPassPipeline; an empty pipeline only parses and verifies) and
/// prints the result in MLIR's generic-free textual form through
/// `outputCallback`. Every diagnostic (errors, warnings, remarks) is
/// printed like stl-opt prints it, "<name>:<line>:<col>: error: ...", with
/// the source line, through `diagnosticCallback` (which may be NULL).
/// Returns failure, with nothing written through `outputCallback`, when the
/// source does not parse or verify, the pipeline does not parse, or a pass
/// fails.
///
/// Arguments: `source`, `sourceName` and `pipeline` must have text (data
/// NULL is the empty string only with length 0: an empty source is an
/// empty module); `outputCallback` (then the result is not printed),
/// `diagnosticCallback` and `userData` may be NULL. A string with data NULL
/// and a length fails, with the reason through `diagnosticCallback`.
MLIR_CAPI_EXPORTED MlirLogicalResult
stlCompile(MlirStringRef source, MlirStringRef sourceName,
           MlirStringRef pipeline, MlirStringCallback outputCallback,
           MlirStringCallback diagnosticCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // STL_C_COMPILER_H
