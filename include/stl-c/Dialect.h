/*===-- stl-c/Dialect.h - C API of the stl dialect ---------------*- C -*-===*\
|*                                                                            *|
|* The `stl` dialect for MLIR's C API: its dialect handle and the            *|
|* `#stl.scheme` attribute.                                                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef STL_C_DIALECT_H
#define STL_C_DIALECT_H

#include "mlir-c/IR.h"
#include "stl-c/Scheme.h"

#ifdef __cplusplus
extern "C" {
#endif

/// mlirGetDialectHandle__stl__(): insert it into a registry with
/// mlirDialectHandleInsertDialect, or load it with
/// mlirDialectHandleLoadDialect.
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(STL, stl);

/// True when `attr` is a `#stl.scheme` attribute (false for the null
/// attribute).
MLIR_CAPI_EXPORTED bool stlAttributeIsAScheme(MlirAttribute attr);

/// The `#stl.scheme` attribute of `scheme` (the stl dialect is loaded into
/// `ctx` if it is not yet). `ctx` and `scheme` must not be null: the null
/// attribute is returned for either.
MLIR_CAPI_EXPORTED MlirAttribute stlSchemeAttrGet(MlirContext ctx,
                                                  StlScheme scheme);

/// A new scheme with the coefficients of a `#stl.scheme` attribute, or a
/// null scheme when `attr` is not one (the null attribute included).
/// Destroy it with stlSchemeDestroy.
MLIR_CAPI_EXPORTED StlScheme stlSchemeAttrGetScheme(MlirAttribute attr);

#ifdef __cplusplus
}
#endif

#endif // STL_C_DIALECT_H
