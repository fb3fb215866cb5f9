//===- Catalog.cpp - Named Strassen-Tile schemes --------------------------===//

#include "stl/Scheme/Catalog.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir::stl;

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg.str());
}

/// The trivial exact scheme: one product per (a, b, c) term, rank m*k*n.
static llvm::Expected<Scheme> makeNaive(llvm::StringRef name, TileShape t) {
  if (t.m < 1 || t.k < 1 || t.n < 1 || t.m > kMaxTileSide ||
      t.k > kMaxTileSide || t.n > kMaxTileSide)
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
static llvm::Expected<Scheme> makeStrassen(llvm::StringRef name) {
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
static llvm::Expected<Scheme> makeWinograd(llvm::StringRef name) {
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

/// Parses "naive-MxKxN".
static llvm::Expected<Scheme> lookupNaive(llvm::StringRef name) {
  llvm::StringRef sizes = name.drop_front(llvm::StringRef("naive-").size());
  llvm::SmallVector<llvm::StringRef, 3> parts;
  sizes.split(parts, 'x');
  int64_t dims[3];
  bool ok = parts.size() == 3;
  for (unsigned i = 0; ok && i < 3; ++i)
    ok = !parts[i].getAsInteger(10, dims[i]);
  if (!ok)
    return makeError(llvm::formatv(
        "unknown scheme '{0}': expected naive-MxKxN with positive integers",
        name));
  return makeNaive(name, {dims[0], dims[1], dims[2]});
}

static llvm::Expected<Scheme> lookupAtom(llvm::StringRef name) {
  if (name == "strassen-2x2x2")
    return makeStrassen(name);
  if (name == "winograd-2x2x2")
    return makeWinograd(name);
  if (name == "strassen-4x4x4") {
    auto s = makeStrassen("strassen-2x2x2");
    if (!s)
      return s.takeError();
    auto composed = composeSchemes(*s, *s);
    if (!composed)
      return composed.takeError();
    return composed->withName(name);
  }
  if (name.starts_with("naive-"))
    return lookupNaive(name);
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
  return {"naive-MxKxN", "strassen-2x2x2", "winograd-2x2x2", "strassen-4x4x4"};
}

std::vector<Scheme> mlir::stl::getDefaultExactSchemes() {
  std::vector<Scheme> schemes;
  for (llvm::StringRef name : {"strassen-4x4x4", "winograd-2x2x2"}) {
    auto s = lookupCatalogScheme(name);
    if (!s) {
      llvm::consumeError(s.takeError());
      continue;
    }
    schemes.push_back(std::move(*s));
  }
  return schemes;
}
