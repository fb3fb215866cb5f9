//===- SchemeMap.h - Which scheme each MatMul of a model gets ---*- C++ -*-===//
//
// A scheme map file names the scheme of MatMuls of a model exported without
// annotations, by what frontends leave on the ops: the enclosing function,
// the op's location name (torch-mlir's "layer3.fc1"), its position among
// the function's MatMuls. --stl-replace-matmul's `scheme-map` option reads
// it. Format (JSON):
//
//   {"schemes": [
//     {"loc": "layer3.fc1", "scheme": "fitted/fc1.json"},
//     {"function": "forward", "index": 2, "scheme": "winograd-2x2x2"}]}
//
// An entry matches an op when every key it gives matches; the first entry
// (in file order) that matches an op names its scheme. "scheme" is what the
// op attribute stl.scheme takes (a catalog name, `A*B`, or a scheme file's
// path: with a '/' or ending in .json, relative to the map's directory).
//
//===----------------------------------------------------------------------===//

#ifndef STL_DIALECT_STL_TRANSFORMS_SCHEMEMAP_H
#define STL_DIALECT_STL_TRANSFORMS_SCHEMEMAP_H

#include "stl/Dialect/STL/IR/STLAttrs.h"

#include "mlir/IR/Location.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace stl {

/// The most bytes a scheme map file may have (a regular file).
inline constexpr uint64_t kMaxSchemeMapFileBytes = 16ull << 20;

struct SchemeMapEntry {
  /// What the entry matches; a key not given matches any op.
  std::optional<std::string> function, loc;
  std::optional<int64_t> index;
  /// The scheme, as stl.scheme names it (file paths made relative to the
  /// working directory).
  std::string scheme;

  /// True when the op at `opLoc`, the `index`-th MatMul of `functionName`,
  /// matches (its location matches `loc` when any name in it, fused or
  /// nested, is `loc`).
  bool matches(llvm::StringRef functionName, Location opLoc,
               int64_t opIndex) const;
  /// "function 'forward', index 2" (its keys), for diagnostics.
  std::string describe() const;
};

struct SchemeMap {
  std::vector<SchemeMapEntry> entries;
};

/// Reads and checks a scheme map file; an error names the file and the
/// entry at fault (a missing or unknown key, a key of the wrong type).
llvm::Expected<SchemeMap> readSchemeMap(llvm::StringRef path);

/// True when `scheme` (as stl.scheme names one) is a file's path rather
/// than a catalog name: it holds a '/' or ends in .json.
bool isSchemeFilePath(llvm::StringRef scheme);

/// The scheme `named` names (as the attribute stl.scheme and the map's
/// entries take it): an #stl.scheme, or a string holding a catalog name
/// (or `A*B`) or a scheme file's path. An error says why not.
llvm::Expected<SchemeAttr> lookupNamedScheme(MLIRContext *context,
                                             Attribute named);

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_TRANSFORMS_SCHEMEMAP_H
