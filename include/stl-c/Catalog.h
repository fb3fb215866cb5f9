/*===-- stl-c/Catalog.h - The scheme catalog ---------------------*- C -*-===*\
|*                                                                            *|
|* The catalog of named schemes (stl/Scheme/Catalog.h), entry by entry: a     *|
|* name pattern (literal text in which M, K and N stand for the tile's        *|
|* sizes, e.g. "naive-MxKxN", or one fixed name, e.g. "strassen-2x2x2") and   *|
|* a one-line description. Names are looked up with stlSchemeLookup           *|
|* (stl-c/Scheme.h); "A*B" composes two names. The strings are static: valid  *|
|* for the life of the program.                                               *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef STL_C_CATALOG_H
#define STL_C_CATALOG_H

#include "mlir-c/Support.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The number of entries of the catalog.
MLIR_CAPI_EXPORTED intptr_t stlSchemeCatalogGetNumEntries(void);

/// The name pattern of entry `index` (0 <= index < the number of entries);
/// the empty string (data NULL) for any other index.
MLIR_CAPI_EXPORTED MlirStringRef
stlSchemeCatalogGetEntryPattern(intptr_t index);

/// The one-line description of entry `index`; the empty string (data NULL)
/// for an index out of range.
MLIR_CAPI_EXPORTED MlirStringRef
stlSchemeCatalogGetEntryDescription(intptr_t index);

#ifdef __cplusplus
}
#endif

#endif // STL_C_CATALOG_H
