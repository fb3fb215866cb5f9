//===- SchemeIO.h - Reading and writing scheme files ------------*- C++ -*-===//
//
// The JSON basis-file format of STL.md section 3:
//
//   { "name": str, "tile": [m, k, n], "rank": r,
//     "lhs": r rows of m*k numbers (U), "rhs": r rows of k*n numbers (V),
//     "out": m*n rows of r numbers (D), "exact": bool (optional claim) }
//
// An "exact" field is never trusted: exactness is recomputed from the
// coefficients.
//
//===----------------------------------------------------------------------===//

#ifndef STL_SCHEME_SCHEMEIO_H
#define STL_SCHEME_SCHEMEIO_H

#include "stl/Scheme/Scheme.h"

namespace mlir {
namespace stl {

/// Parses a scheme from JSON text. `sourceName` names the text in errors.
llvm::Expected<Scheme> parseSchemeJSON(llvm::StringRef text,
                                       llvm::StringRef sourceName);

/// Largest scheme file read: the largest valid scheme (rank 4096 with 16x16
/// tiles: 3 * 2^20 coefficients) written with 64 characters a coefficient.
constexpr uint64_t kMaxSchemeFileBytes = 3ull * 4096 * 256 * 64;

/// Reads a scheme file: a regular file of at most kMaxSchemeFileBytes.
/// Errors name the file and the problem.
llvm::Expected<Scheme> readSchemeFile(llvm::StringRef path);

/// Serialises a scheme to the JSON format (with "exact" computed).
std::string printSchemeJSON(const Scheme &scheme);

/// Writes a scheme file.
llvm::Error writeSchemeFile(const Scheme &scheme, llvm::StringRef path);

} // namespace stl
} // namespace mlir

#endif // STL_SCHEME_SCHEMEIO_H
