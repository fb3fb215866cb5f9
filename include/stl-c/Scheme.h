/*===-- stl-c/Scheme.h - Strassen-Tile schemes -------------------*- C -*-===*\
|*                                                                            *|
|* The scheme library (STL.md): catalog names, the JSON scheme format,        *|
|* Kronecker composition, the Brent residual and the cost model. It does not  *|
|* need an MLIR context.                                                      *|
|*                                                                            *|
|* A scheme is an owned handle: every function returning a StlScheme          *|
|* returns a new one (null on failure) to be destroyed with                   *|
|* stlSchemeDestroy. Failures are explained through `errorCallback` (which    *|
|* may be NULL; `userData`, passed to the callbacks, may be NULL too).        *|
|*                                                                            *|
|* Null arguments: a string (MlirStringRef) must have text; data NULL is the  *|
|* empty string only with length 0, and with a length it fails (null scheme   *|
|* or failure, with the reason through `errorCallback`). A scheme argument    *|
|* must not be null: the functions that fail say so through                   *|
|* `errorCallback`, the getters return 0, NULL or NaN, the printers print     *|
|* nothing.                                                                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef STL_C_SCHEME_H
#define STL_C_SCHEME_H

#include "mlir-c/Support.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct StlScheme {
  void *ptr;
} StlScheme;

/// True for the null scheme returned on failure.
static inline bool stlSchemeIsNull(StlScheme scheme) { return !scheme.ptr; }

/// Destroys `scheme`; the null scheme is ignored.
MLIR_CAPI_EXPORTED void stlSchemeDestroy(StlScheme scheme);

/// A scheme of the catalog, by name: a name of one of its entries (listed by
/// stl-c/Catalog.h, e.g. "naive-2x2x2" for the pattern "naive-MxKxN"), or
/// "A*B", the composition of two names. `name` must not be NULL.
MLIR_CAPI_EXPORTED StlScheme stlSchemeLookup(MlirStringRef name,
                                             MlirStringCallback errorCallback,
                                             void *userData);

/// The exact catalog schemes a rewrite chooses from when it is given none,
/// best (largest speedup bound) first: their number, and a new scheme for
/// `index` in [0, number) (the null scheme for any other index).
MLIR_CAPI_EXPORTED intptr_t stlSchemeGetNumDefaultExactSchemes(void);
MLIR_CAPI_EXPORTED StlScheme stlSchemeGetDefaultExactScheme(intptr_t index);

/// The Brent residual at most which a scheme is exact in real arithmetic
/// (1e-9): the tolerance stlSchemeIsExact is usually given.
MLIR_CAPI_EXPORTED double stlSchemeGetExactTolerance(void);

/// Parses the JSON scheme format; `sourceName` names the text in errors.
/// `text` must not be NULL; `sourceName` may be empty.
MLIR_CAPI_EXPORTED StlScheme
stlSchemeParseJSON(MlirStringRef text, MlirStringRef sourceName,
                   MlirStringCallback errorCallback, void *userData);

/// Reads a JSON scheme file. `path` must not be NULL.
MLIR_CAPI_EXPORTED StlScheme stlSchemeReadFile(MlirStringRef path,
                                               MlirStringCallback errorCallback,
                                               void *userData);

/// A scheme from its coefficients: `lhs` (U) rank x m*k, `rhs` (V) rank x
/// k*n, `out` (D) m*n x rank, row-major. Checked like a scheme file.
/// `name` may be empty, but not NULL with a length; `lhs`, `rhs` and `out`
/// must not be NULL (failure, through `errorCallback`, when one is).
MLIR_CAPI_EXPORTED StlScheme stlSchemeCreate(
    MlirStringRef name, int64_t m, int64_t k, int64_t n, int64_t rank,
    const double *lhs, const double *rhs, const double *out,
    MlirStringCallback errorCallback, void *userData);

/// Checks a tile and a rank alone, as stlSchemeCreate does before it reads
/// the arrays: tile sides in [1, 16], rank in [1, 4096]. Fails, with the
/// reason through `errorCallback`, when one is out of range. A caller whose
/// arrays come with their own lengths checks them against these sizes
/// (rank*m*k, rank*k*n, m*n*rank) once they are known to be valid.
MLIR_CAPI_EXPORTED MlirLogicalResult
stlSchemeCheckSizes(int64_t m, int64_t k, int64_t n, int64_t rank,
                    MlirStringCallback errorCallback, void *userData);

/// The Kronecker composition of `a` and `b` (STL.md section 4). Neither may
/// be null (failure, through `errorCallback`, when one is).
MLIR_CAPI_EXPORTED StlScheme stlSchemeCompose(StlScheme a, StlScheme b,
                                              MlirStringCallback errorCallback,
                                              void *userData);

/// The scheme's name (valid as long as the scheme), the sizes of its tile
/// and its rank. For the null scheme: the empty string (data NULL) and 0.
MLIR_CAPI_EXPORTED MlirStringRef stlSchemeGetName(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetTileM(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetTileK(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetTileN(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetRank(StlScheme scheme);

/// The coefficient arrays (rank*m*k, rank*k*n and m*n*rank doubles,
/// row-major; valid as long as the scheme). NULL for the null scheme.
MLIR_CAPI_EXPORTED const double *stlSchemeGetLhs(StlScheme scheme);
MLIR_CAPI_EXPORTED const double *stlSchemeGetRhs(StlScheme scheme);
MLIR_CAPI_EXPORTED const double *stlSchemeGetOut(StlScheme scheme);

/// The Brent residual (STL.md section 3). NaN for the null scheme, as for
/// the relative error; the null scheme is not exact.
MLIR_CAPI_EXPORTED double stlSchemeGetBrentResidual(StlScheme scheme);
/// ||T_scheme - T||_F / ||T||_F against the MatMul tensor T.
MLIR_CAPI_EXPORTED double stlSchemeGetRelativeFrobeniusError(StlScheme scheme);
/// Brent residual at most `tolerance` (stlSchemeGetExactTolerance() is the
/// compiler's).
MLIR_CAPI_EXPORTED bool stlSchemeIsExact(StlScheme scheme, double tolerance);
/// m*k*n / rank: the speedup of the tile product alone. NaN for the null
/// scheme.
MLIR_CAPI_EXPORTED double stlSchemeGetSpeedupBound(StlScheme scheme);

/// Prints the scheme in the JSON format through `callback`. Nothing is
/// printed for the null scheme or a NULL `callback`.
MLIR_CAPI_EXPORTED void stlSchemePrintJSON(StlScheme scheme,
                                           MlirStringCallback callback,
                                           void *userData);

/// Writes the scheme in the JSON format to the file `path` (replaced if it
/// exists). Fails, through `errorCallback`, when the file cannot be opened
/// or written (a full disk), `path` is NULL or `scheme` is null.
MLIR_CAPI_EXPORTED MlirLogicalResult
stlSchemeWriteFile(StlScheme scheme, MlirStringRef path,
                   MlirStringCallback errorCallback, void *userData);

/// The cost (STL.md section 6) of `batch` MatMuls [m x k] * [k x n] with
/// `weightBatch` weight matrices (1: shared, or `batch`), printed through
/// `callback` as the JSON object of `--stl-cost-report=format=json`
/// ("dense_macs", "tile_product_macs", ...). Fails, through
/// `errorCallback`, when the tile does not divide the sizes or `scheme` is
/// null. `callback` may be NULL (the sizes are checked, nothing printed).
MLIR_CAPI_EXPORTED MlirLogicalResult stlSchemePrintCostJSON(
    StlScheme scheme, int64_t batch, int64_t m, int64_t k, int64_t n,
    int64_t weightBatch, bool constantWeights, MlirStringCallback callback,
    MlirStringCallback errorCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // STL_C_SCHEME_H
