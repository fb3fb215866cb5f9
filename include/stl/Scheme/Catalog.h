//===- Catalog.h - Named Strassen-Tile schemes ------------------*- C++ -*-===//
//
// The scheme catalog. Names:
//   naive-MxKxN      the trivial exact scheme, rank M*K*N, for any sizes
//   strassen-2x2x2   Strassen's scheme, rank 7
//   winograd-2x2x2   the Strassen-Winograd variant (fewer additions), rank 7
//   strassen-4x4x4   Strassen (x) Strassen, rank 49
//   A*B              the Kronecker composition of catalog names A and B,
//                    e.g. "strassen-2x2x2*naive-1x1x2" (rank 14, 2x2x4 tile)
//
//===----------------------------------------------------------------------===//

#ifndef STL_SCHEME_CATALOG_H
#define STL_SCHEME_CATALOG_H

#include "stl/Scheme/Scheme.h"

#include <string>
#include <vector>

namespace mlir {
namespace stl {

/// Looks a scheme up by catalog name (see above). The returned scheme's
/// name is `name` as given.
llvm::Expected<Scheme> lookupCatalogScheme(llvm::StringRef name);

/// The fixed names of the catalog (naive-MxKxN stands for a family and is
/// listed as one example).
std::vector<std::string> getCatalogSchemeNames();

/// Exact catalog schemes a rewrite can choose from when the user names
/// none, best (largest speedup bound) first.
std::vector<Scheme> getDefaultExactSchemes();

} // namespace stl
} // namespace mlir

#endif // STL_SCHEME_CATALOG_H
