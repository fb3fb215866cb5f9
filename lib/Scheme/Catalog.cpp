//===- Catalog.cpp - Named Strassen-Tile schemes --------------------------===//

#include "stl/Scheme/Catalog.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mlir::stl;

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg.str());
}

/// The trivial exact scheme: one product per (a, b, c) term, rank m*k*n.
static llvm::Expected<Scheme> makeNaive(llvm::StringRef name, TileShape t) {
  if (!t.isValid())
    return makeError(llvm::formatv("scheme '{0}': tile sizes must be in "
                                   "[1, {1}]",
                                   name, kMaxTileSide));
  int64_t r = t.volume();
  std::vector<double> u(r * t.lhsSize()), v(r * t.rhsSize()),
      d(t.outSize() * r);
  for (int64_t a = 0; a < t.m; ++a)
    for (int64_t b = 0; b < t.k; ++b)
      for (int64_t c = 0; c < t.n; ++c) {
        int64_t rho = (a * t.k + b) * t.n + c;
        u[rho * t.lhsSize() + a * t.k + b] = 1.0;
        v[rho * t.rhsSize() + b * t.n + c] = 1.0;
        d[(a * t.n + c) * r + rho] = 1.0;
      }
  return Scheme::create(name, t, r, std::move(u), std::move(v), std::move(d));
}

/// Flattens a list of rows into one row-major vector.
static std::vector<double>
flatten(std::initializer_list<std::initializer_list<double>> rows) {
  std::vector<double> out;
  for (const auto &row : rows)
    out.insert(out.end(), row.begin(), row.end());
  return out;
}

/// Strassen's scheme (the same coefficients as shared/bases).
/// X tile entries: 0 = X11, 1 = X12, 2 = X21, 3 = X22; likewise W and C.
static llvm::Expected<Scheme> makeStrassen(llvm::StringRef name, TileShape) {
  return Scheme::create(name, {2, 2, 2}, 7,
                        flatten({{1, 0, 0, 1},
                                 {0, 0, 1, 1},
                                 {1, 0, 0, 0},
                                 {0, 0, 0, 1},
                                 {1, 1, 0, 0},
                                 {-1, 0, 1, 0},
                                 {0, 1, 0, -1}}),
                        flatten({{1, 0, 0, 1},
                                 {1, 0, 0, 0},
                                 {0, 1, 0, -1},
                                 {-1, 0, 1, 0},
                                 {0, 0, 0, 1},
                                 {1, 1, 0, 0},
                                 {0, 0, 1, 1}}),
                        flatten({{1, 0, 0, 1, -1, 0, 1},
                                 {0, 0, 1, 0, 1, 0, 0},
                                 {0, 1, 0, 1, 0, 0, 0},
                                 {1, -1, 1, 0, 0, 1, 0}}));
}

/// The Strassen-Winograd variant (7 products, 15 additions when the shared
/// sums are reused):
///   M1 = X11 W11             M2 = X12 W21
///   M3 = (X11+X12-X21-X22) W22
///   M4 = X22 (W11-W12-W21+W22)
///   M5 = (X21+X22)(W12-W11)  M6 = (X21+X22-X11)(W11-W12+W22)
///   M7 = (X11-X21)(W22-W12)
///   C11 = M1+M2, C12 = M1+M3+M5+M6, C21 = M1-M4+M6+M7, C22 = M1+M5+M6+M7
static llvm::Expected<Scheme> makeWinograd(llvm::StringRef name, TileShape) {
  return Scheme::create(name, {2, 2, 2}, 7,
                        flatten({{1, 0, 0, 0},
                                 {0, 1, 0, 0},
                                 {1, 1, -1, -1},
                                 {0, 0, 0, 1},
                                 {0, 0, 1, 1},
                                 {-1, 0, 1, 1},
                                 {1, 0, -1, 0}}),
                        flatten({{1, 0, 0, 0},
                                 {0, 0, 1, 0},
                                 {0, 0, 0, 1},
                                 {1, -1, -1, 1},
                                 {-1, 1, 0, 0},
                                 {1, -1, 0, 1},
                                 {0, -1, 0, 1}}),
                        flatten({{1, 1, 0, 0, 0, 0, 0},
                                 {1, 0, 1, 0, 1, 1, 0},
                                 {1, 0, 0, -1, 0, 1, 1},
                                 {1, 0, 0, 0, 1, 1, 1}}));
}

/// Strassen's scheme composed with itself: rank 49 for 4x4x4 tiles.
static llvm::Expected<Scheme> makeStrassenSquared(llvm::StringRef name,
                                                  TileShape sizes) {
  auto s = makeStrassen("strassen-2x2x2", sizes);
  if (!s)
    return s.takeError();
  auto composed = composeSchemes(*s, *s);
  if (!composed)
    return composed.takeError();
  return composed->withName(name);
}

/// The catalog. Adding a scheme: an entry here (pattern, description,
/// builder, whether a rewrite may choose it by default) and its test.
static const CatalogEntry kCatalog[] = {
    {"naive-MxKxN",
     "the trivial exact scheme, rank M*K*N, for any tile sizes in [1, 16]",
     makeNaive},
    {"strassen-2x2x2", "Strassen's exact scheme, rank 7", makeStrassen},
    {"winograd-2x2x2",
     "the exact Strassen-Winograd variant (fewer additions), rank 7",
     makeWinograd, /*isDefault=*/true},
    {"strassen-4x4x4", "Strassen's scheme composed with itself, rank 49",
     makeStrassenSquared, /*isDefault=*/true},
};

llvm::ArrayRef<CatalogEntry> mlir::stl::getCatalog() { return kCatalog; }

/// The pattern's capital standing for the size `*slot` of `sizes`, if `c`
/// is one.
static int64_t *getSizeSlot(char c, TileShape &sizes) {
  switch (c) {
  case 'M':
    return &sizes.m;
  case 'K':
    return &sizes.k;
  case 'N':
    return &sizes.n;
  default:
    return nullptr;
  }
}

bool CatalogEntry::isFamily() const {
  TileShape unused;
  return llvm::any_of(
      pattern, [&](char c) { return getSizeSlot(c, unused) != nullptr; });
}

std::optional<TileShape> CatalogEntry::match(llvm::StringRef name) const {
  TileShape sizes;
  for (char c : pattern) {
    int64_t *slot = getSizeSlot(c, sizes);
    if (!slot) {
      if (!name.consume_front(llvm::StringRef(&c, 1)))
        return std::nullopt;
      continue;
    }
    // An integer: an optional minus sign and decimal digits (a negative
    // size is then out of range, which the builder says).
    size_t length = name.starts_with("-") ? 1 : 0;
    length = name.find_first_not_of("0123456789", length);
    llvm::StringRef number = name.take_front(length);
    if (number.getAsInteger(10, *slot))
      return std::nullopt;
    name = name.drop_front(number.size());
  }
  if (!name.empty())
    return std::nullopt;
  return sizes;
}

/// The scheme of one factor of a catalog name (no '*').
static llvm::Expected<Scheme> lookupAtom(llvm::StringRef name) {
  for (const CatalogEntry &entry : kCatalog)
    if (std::optional<TileShape> sizes = entry.match(name))
      return entry.build(name, *sizes);
  // A name of a family with malformed sizes: say what the family expects.
  for (const CatalogEntry &entry : kCatalog) {
    if (!entry.isFamily())
      continue;
    TileShape unused;
    llvm::StringRef prefix = entry.pattern.take_until(
        [&](char c) { return getSizeSlot(c, unused) != nullptr; });
    if (name.starts_with(prefix))
      return makeError(llvm::formatv("unknown scheme '{0}': expected {1} with "
                                     "positive integers",
                                     name, entry.pattern));
  }
  return makeError(
      llvm::formatv("unknown scheme '{0}' (known: {1}, or A*B to compose two)",
                    name, llvm::join(getCatalogSchemeNames(), ", ")));
}

llvm::Expected<Scheme> mlir::stl::lookupCatalogScheme(llvm::StringRef name) {
  llvm::SmallVector<llvm::StringRef> factors;
  name.split(factors, '*');
  auto result = lookupAtom(factors.front().trim());
  if (!result)
    return result.takeError();
  for (llvm::StringRef factor : llvm::drop_begin(factors)) {
    auto next = lookupAtom(factor.trim());
    if (!next)
      return next.takeError();
    auto composed = composeSchemes(*result, *next);
    if (!composed)
      return composed.takeError();
    result = std::move(*composed);
  }
  return result->withName(name);
}

std::vector<std::string> mlir::stl::getCatalogSchemeNames() {
  std::vector<std::string> names;
  for (const CatalogEntry &entry : kCatalog)
    names.push_back(entry.pattern.str());
  return names;
}

std::vector<Scheme> mlir::stl::getDefaultExactSchemes() {
  std::vector<Scheme> schemes;
  for (const CatalogEntry &entry : kCatalog) {
    if (!entry.isDefault)
      continue;
    // Default entries are fixed names of exact schemes (the unit tests check
    // both), so the build does not fail.
    auto s = entry.build(entry.pattern, TileShape());
    if (!s) {
      llvm::consumeError(s.takeError());
      continue;
    }
    schemes.push_back(std::move(*s));
  }
  std::stable_sort(schemes.begin(), schemes.end(),
                   [](const Scheme &a, const Scheme &b) {
                     return a.speedupBound() > b.speedupBound();
                   });
  return schemes;
}

std::string mlir::stl::printCatalog() {
  size_t width = 0;
  for (const CatalogEntry &entry : kCatalog)
    width = std::max(width, entry.pattern.size());
  std::string text;
  llvm::raw_string_ostream os(text);
  for (const CatalogEntry &entry : kCatalog) {
    os << entry.pattern;
    os.indent(width + 2 - entry.pattern.size()) << entry.description;
    os << (entry.isDefault ? " [default]\n" : "\n");
  }
  os << "A*B";
  os.indent(width + 2 - 3) << "the Kronecker composition of the catalog "
                              "names A and B (tiles and ranks multiply)\n";
  return text;
}
