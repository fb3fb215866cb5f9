/*===-- stl-c/Scheme.h - Strassen-Tile schemes -------------------*- C -*-===*\
|*                                                                            *|
|* The scheme library (STL.md): catalog names, the JSON scheme format,       *|
|* Kronecker composition, the Brent residual and the cost model. It does not *|
|* need an MLIR context.                                                      *|
|*                                                                            *|
|* A scheme is an owned handle: every function returning a StlScheme        *|
|* returns a new one (null on failure) to be destroyed with                   *|
|* stlSchemeDestroy. Failures are explained through `errorCallback` (which   *|
|* may be NULL).                                                              *|
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

MLIR_CAPI_EXPORTED void stlSchemeDestroy(StlScheme scheme);

/// A scheme of the catalog: naive-MxKxN, strassen-2x2x2, winograd-2x2x2,
/// strassen-4x4x4, or A*B (the composition of two names).
MLIR_CAPI_EXPORTED StlScheme stlSchemeLookup(MlirStringRef name,
                                             MlirStringCallback errorCallback,
                                             void *userData);

/// Parses the JSON scheme format; `sourceName` names the text in errors.
MLIR_CAPI_EXPORTED StlScheme
stlSchemeParseJSON(MlirStringRef text, MlirStringRef sourceName,
                   MlirStringCallback errorCallback, void *userData);

/// Reads a JSON scheme file.
MLIR_CAPI_EXPORTED StlScheme stlSchemeReadFile(MlirStringRef path,
                                               MlirStringCallback errorCallback,
                                               void *userData);

/// A scheme from its coefficients: `lhs` (U) rank x m*k, `rhs` (V) rank x
/// k*n, `out` (D) m*n x rank, row-major. Checked like a scheme file.
MLIR_CAPI_EXPORTED StlScheme stlSchemeCreate(
    MlirStringRef name, int64_t m, int64_t k, int64_t n, int64_t rank,
    const double *lhs, const double *rhs, const double *out,
    MlirStringCallback errorCallback, void *userData);

/// The Kronecker composition of `a` and `b` (STL.md section 4).
MLIR_CAPI_EXPORTED StlScheme stlSchemeCompose(StlScheme a, StlScheme b,
                                              MlirStringCallback errorCallback,
                                              void *userData);

/// The scheme's name (valid as long as the scheme).
MLIR_CAPI_EXPORTED MlirStringRef stlSchemeGetName(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetTileM(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetTileK(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetTileN(StlScheme scheme);
MLIR_CAPI_EXPORTED int64_t stlSchemeGetRank(StlScheme scheme);

/// The coefficient arrays (rank*m*k, rank*k*n and m*n*rank doubles,
/// row-major; valid as long as the scheme).
MLIR_CAPI_EXPORTED const double *stlSchemeGetLhs(StlScheme scheme);
MLIR_CAPI_EXPORTED const double *stlSchemeGetRhs(StlScheme scheme);
MLIR_CAPI_EXPORTED const double *stlSchemeGetOut(StlScheme scheme);

/// The Brent residual (STL.md section 3).
MLIR_CAPI_EXPORTED double stlSchemeGetBrentResidual(StlScheme scheme);
/// ||T_scheme - T||_F / ||T||_F against the MatMul tensor T.
MLIR_CAPI_EXPORTED double stlSchemeGetRelativeFrobeniusError(StlScheme scheme);
/// Brent residual at most `tolerance` (1e-9 is the compiler's).
MLIR_CAPI_EXPORTED bool stlSchemeIsExact(StlScheme scheme, double tolerance);

/// Prints the scheme in the JSON format through `callback`.
MLIR_CAPI_EXPORTED void stlSchemePrintJSON(StlScheme scheme,
                                           MlirStringCallback callback,
                                           void *userData);

/// The cost (STL.md section 6) of `batch` MatMuls [m x k] * [k x n] with
/// `weightBatch` weight matrices (1: shared, or `batch`), printed through
/// `callback` as the JSON object of `--stl-cost-report=format=json`
/// ("dense_macs", "tile_product_macs", ...). Fails, through
/// `errorCallback`, when the tile does not divide the sizes.
MLIR_CAPI_EXPORTED MlirLogicalResult stlSchemePrintCostJSON(
    StlScheme scheme, int64_t batch, int64_t m, int64_t k, int64_t n,
    int64_t weightBatch, bool constantWeights, MlirStringCallback callback,
    MlirStringCallback errorCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // STL_C_SCHEME_H
