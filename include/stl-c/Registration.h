/*===-- stl-c/Registration.h - Registering stl-mlir --------------*- C -*-===*\
|*                                                                            *|
|* What an embedding compiler calls before it creates a context:             *|
|*                                                                            *|
|*   MlirDialectRegistry registry = mlirDialectRegistryCreate();              *|
|*   stlRegisterEverything(registry);                                         *|
|*   MlirContext ctx = mlirContextCreateWithRegistry(registry, false);        *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef STL_C_REGISTRATION_H
#define STL_C_REGISTRATION_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Adds the `stl` dialect to `registry`, which must not be null (a null one
/// is left alone: nothing is registered).
MLIR_CAPI_EXPORTED void stlRegisterAllDialects(MlirDialectRegistry registry);

/// Registers every stl pass and pipeline (`stl-replace-matmul`,
/// `stl-decompose`, `convert-stl-to-linalg`, `stl-cpu-pipeline`,
/// `stl-gpu-pipeline`, ...) with MLIR's pass registry, so that textual
/// pipelines (mlirParsePassPipeline, stlRunPassPipeline) can name them.
/// Calling it more than once is harmless.
MLIR_CAPI_EXPORTED void stlRegisterAllPasses(void);

/// The one call of stl-opt: every upstream dialect, extension, pass,
/// pipeline and LLVM IR translation, and everything of stl-mlir (dialects
/// into `registry`, passes and pipelines into the global registry). Use it
/// instead of mlirRegisterAllDialects / mlirRegisterAllPasses, not beside
/// them. `registry` must not be null (with a null one nothing is
/// registered, passes neither).
MLIR_CAPI_EXPORTED void stlRegisterEverything(MlirDialectRegistry registry);

#ifdef __cplusplus
}
#endif

#endif // STL_C_REGISTRATION_H
