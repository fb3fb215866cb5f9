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

//===----------------------------------------------------------------------===//
// Per-op schemes (the discardable attribute `stl.scheme`)
//===----------------------------------------------------------------------===//

/// The name of the discardable attribute by which one MatMul-like op names
/// its scheme for --stl-replace-matmul: "stl.scheme".
MLIR_CAPI_EXPORTED MlirStringRef stlSchemeAttrName(void);

/// Names `op`'s scheme: `scheme` is an `#stl.scheme` attribute, or a string
/// attribute holding a catalog name or a scheme file's path (checked when
/// --stl-replace-matmul runs). Returns false, changing nothing, when `op`
/// is null or `scheme` is neither (the null attribute included).
MLIR_CAPI_EXPORTED bool stlOperationSetScheme(MlirOperation op,
                                              MlirAttribute scheme);

/// The scheme `op` names (its `stl.scheme` attribute), or the null
/// attribute when it names none or `op` is null.
MLIR_CAPI_EXPORTED MlirAttribute stlOperationGetScheme(MlirOperation op);

//===----------------------------------------------------------------------===//
// `#stl.scheme` attribute text, without a context of the caller's
//===----------------------------------------------------------------------===//
//
// These functions parse and print with the attribute's own parser and
// printer, in a context of their own. A parse error is reported through
// `errorCallback` as "invalid #stl.scheme attribute at LINE:COLUMN: REASON"
// (the position in `text`, from 1).

/// Prints `scheme` as `#stl.scheme` attribute text through `callback`: the
/// catalog form `#stl.scheme<"name">` when the name is a catalog name with
/// these coefficients, the full form otherwise. Nothing is printed for the
/// null scheme or a NULL `callback`.
MLIR_CAPI_EXPORTED void stlSchemePrintAttribute(StlScheme scheme,
                                                MlirStringCallback callback,
                                                void *userData);

/// Parses `text`, which must hold one `#stl.scheme` attribute and nothing
/// else (white space and comments aside), into a new scheme; the null scheme
/// on failure. `text` must not be NULL.
MLIR_CAPI_EXPORTED StlScheme stlSchemeParseAttribute(
    MlirStringRef text, MlirStringCallback errorCallback, void *userData);

/// Called with each scheme stlSchemeParseAttributes finds; the scheme is the
/// callee's, to be destroyed with stlSchemeDestroy.
typedef void (*StlSchemeCallback)(StlScheme scheme, void *userData);

/// Parses every `#stl.scheme<` of the MLIR text `text` (an attribute alias
/// definition like any other occurrence), calling `callback` with each
/// scheme in the order of the text. Fails at the first that does not parse
/// (the position in the error is that in `text`); the schemes before it have
/// been passed to `callback`. `text` must not be NULL; `callback` may be
/// NULL (the attributes are checked).
MLIR_CAPI_EXPORTED MlirLogicalResult
stlSchemeParseAttributes(MlirStringRef text, StlSchemeCallback callback,
                         MlirStringCallback errorCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // STL_C_DIALECT_H
