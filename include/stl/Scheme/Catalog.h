//===- Catalog.h - Named Strassen-Tile schemes ------------------*- C++ -*-===//
//
// The scheme catalog: one table (getCatalog) of name patterns, each with a
// builder and a one-line description. Lookup, the list of names in messages
// and documentation, the schemes a rewrite chooses from by default and the
// C API all read that table; adding a scheme is adding an entry (and its
// test). Names of the table's patterns can be composed: "A*B" is the
// Kronecker composition of the catalog names A and B, e.g.
// "strassen-2x2x2*naive-1x1x2" (rank 14, 2x2x4 tile).
//
//===----------------------------------------------------------------------===//

#ifndef STL_SCHEME_CATALOG_H
#define STL_SCHEME_CATALOG_H

#include "stl/Scheme/Scheme.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace stl {

/// One entry of the catalog.
struct CatalogEntry {
  /// The names the entry stands for: literal text in which the capitals M, K
  /// and N each stand for an integer, the tile's sizes (e.g. "naive-MxKxN");
  /// a pattern without them is one fixed name (e.g. "strassen-2x2x2").
  llvm::StringRef pattern;
  /// What the scheme is, in one line.
  llvm::StringRef description;
  /// Builds the scheme `name` (a name matching the pattern) for the sizes
  /// the pattern's capitals took (all zero for a fixed name). Fails with a
  /// message naming `name` when the sizes are out of range.
  llvm::Expected<Scheme> (*build)(llvm::StringRef name, TileShape sizes);
  /// True for the exact schemes a rewrite chooses from when the user names
  /// none (fixed names only).
  bool isDefault = false;

  /// True when the pattern stands for a family of names (has capitals).
  bool isFamily() const;
  /// The sizes `name` gives the pattern's capitals, or no value when `name`
  /// does not match the pattern.
  std::optional<TileShape> match(llvm::StringRef name) const;
};

/// The catalog, in the order it is listed.
llvm::ArrayRef<CatalogEntry> getCatalog();

/// Looks a scheme up by catalog name: a name matching an entry's pattern or
/// names composed with '*' (see above; spaces around a factor are ignored).
/// The returned scheme's name is `name` as given.
llvm::Expected<Scheme> lookupCatalogScheme(llvm::StringRef name);

/// The catalog's patterns, in order (naive-MxKxN stands for a family).
std::vector<std::string> getCatalogSchemeNames();

/// The catalog's default entries built: exact schemes a rewrite can choose
/// from when the user names none, best (largest speedup bound) first.
std::vector<Scheme> getDefaultExactSchemes();

/// The catalog as text, one entry a line: the pattern, padded, then its
/// description, and "[default]" for the default entries; a last line for
/// composition (what `stl-opt --stl-list-schemes` prints and
/// docs/schemes.md lists).
std::string printCatalog();

} // namespace stl
} // namespace mlir

#endif // STL_SCHEME_CATALOG_H
