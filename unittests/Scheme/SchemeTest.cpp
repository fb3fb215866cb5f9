//===- SchemeTest.cpp - Tests of the scheme library -----------------------===//

#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/CostModel.h"
#include "stl/Scheme/SchemeIO.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <random>

using namespace mlir::stl;

namespace {

Scheme lookup(llvm::StringRef name) {
  auto s = lookupCatalogScheme(name);
  if (!s) {
    ADD_FAILURE() << llvm::toString(s.takeError());
    return llvm::cantFail(lookupCatalogScheme("naive-1x1x1"));
  }
  return std::move(*s);
}

std::string errorOf(llvm::Expected<Scheme> s) {
  if (s)
    return "";
  return llvm::toString(s.takeError());
}

/// Multiplies a random m x k by a random k x n matrix with the scheme
/// (encode, element-wise product, decode) and returns the largest absolute
/// difference from the plain product. An independent check of exactness.
double applyToRandomTile(const Scheme &s, unsigned seed) {
  TileShape t = s.getTile();
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  std::vector<double> x(t.m * t.k), w(t.k * t.n);
  for (double &v : x)
    v = dist(gen);
  for (double &v : w)
    v = dist(gen);
  double maxErr = 0.0;
  for (int64_t a = 0; a < t.m; ++a)
    for (int64_t c = 0; c < t.n; ++c) {
      double stl = 0.0, ref = 0.0;
      for (int64_t rho = 0; rho < s.getRank(); ++rho) {
        double xe = 0.0, we = 0.0;
        for (int64_t i = 0; i < t.m; ++i)
          for (int64_t b = 0; b < t.k; ++b)
            xe += s.lhs(rho, i, b) * x[i * t.k + b];
        for (int64_t b = 0; b < t.k; ++b)
          for (int64_t j = 0; j < t.n; ++j)
            we += s.rhs(rho, b, j) * w[b * t.n + j];
        stl += s.out(a, c, rho) * xe * we;
      }
      for (int64_t b = 0; b < t.k; ++b)
        ref += x[a * t.k + b] * w[b * t.n + c];
      maxErr = std::max(maxErr, std::fabs(stl - ref));
    }
  return maxErr;
}

TEST(Catalog, ExactSchemes) {
  for (const char *name :
       {"naive-1x1x1", "naive-2x2x2", "naive-2x3x4", "naive-4x1x3",
        "strassen-2x2x2", "winograd-2x2x2", "strassen-4x4x4",
        "strassen-2x2x2*naive-1x1x2", "winograd-2x2x2*strassen-2x2x2"}) {
    SCOPED_TRACE(name);
    Scheme s = lookup(name);
    EXPECT_EQ(s.getName(), name);
    EXPECT_EQ(s.brentResidual(), 0.0);
    EXPECT_TRUE(s.isExact());
    EXPECT_LT(applyToRandomTile(s, 7), 1e-12);
  }
}

TEST(Catalog, Sizes) {
  Scheme naive = lookup("naive-2x3x4");
  EXPECT_EQ(naive.getTile(), (TileShape{2, 3, 4}));
  EXPECT_EQ(naive.getRank(), 24);
  Scheme s = lookup("strassen-2x2x2");
  EXPECT_EQ(s.getRank(), 7);
  EXPECT_EQ(lookup("winograd-2x2x2").getRank(), 7);
  Scheme s4 = lookup("strassen-4x4x4");
  EXPECT_EQ(s4.getTile(), (TileShape{4, 4, 4}));
  EXPECT_EQ(s4.getRank(), 49);
  EXPECT_DOUBLE_EQ(s4.speedupBound(), 64.0 / 49.0);
  Scheme c = lookup("strassen-2x2x2*naive-1x1x2");
  EXPECT_EQ(c.getTile(), (TileShape{2, 2, 4}));
  EXPECT_EQ(c.getRank(), 14);
}

TEST(Catalog, StrassenMatchesReferenceFile) {
  auto file = readSchemeFile(STL_SOURCE_DIR "/test/Inputs/schemes/"
                                            "strassen-2x2x2.json");
  ASSERT_TRUE(static_cast<bool>(file)) << llvm::toString(file.takeError());
  EXPECT_TRUE(file->hasSameCoefficients(lookup("strassen-2x2x2")));
}

TEST(Catalog, Strassen4x4x4IsStrassenSquared) {
  Scheme s = lookup("strassen-2x2x2");
  Scheme composed = llvm::cantFail(composeSchemes(s, s));
  EXPECT_TRUE(composed.hasSameCoefficients(lookup("strassen-4x4x4")));
}

TEST(Catalog, UnknownNames) {
  for (const char *name :
       {"strassen-3x3x3", "naive-0x2x2", "naive-2x2", "naive-axbxc",
        "naive-17x1x1", "", "strassen-2x2x2*"})
    EXPECT_NE(errorOf(lookupCatalogScheme(name)), "") << name;
  EXPECT_NE(errorOf(lookupCatalogScheme("nope")).find("unknown scheme 'nope'"),
            std::string::npos);
}

/// A name matching `entry`'s pattern: the capitals replaced by `size`.
std::string exampleName(const CatalogEntry &entry, int64_t size) {
  std::string name;
  for (char c : entry.pattern)
    name += (c == 'M' || c == 'K' || c == 'N') ? std::to_string(size)
                                               : std::string(1, c);
  return name;
}

TEST(Catalog, EveryEntryBuildsAnExactSchemeOfItsName) {
  ASSERT_FALSE(getCatalog().empty());
  for (const CatalogEntry &entry : getCatalog()) {
    EXPECT_FALSE(entry.description.empty()) << entry.pattern.str();
    EXPECT_EQ(entry.description.find('\n'), llvm::StringRef::npos)
        << entry.pattern.str() << ": the description is one line";
    std::string name = exampleName(entry, 2);
    EXPECT_EQ(entry.isFamily(), name != entry.pattern) << entry.pattern.str();
    ASSERT_TRUE(entry.match(name).has_value()) << name;
    Scheme s = lookup(name);
    EXPECT_EQ(s.getName(), name);
    EXPECT_TRUE(s.isExact()) << name;
    // Each pattern is found by lookup and no other entry takes its names.
    for (const CatalogEntry &other : getCatalog())
      EXPECT_EQ(&other == &entry, other.match(name).has_value())
          << name << " and " << other.pattern.str();
  }
}

TEST(Catalog, PatternsMatchWholeNames) {
  const CatalogEntry *naive = nullptr;
  for (const CatalogEntry &entry : getCatalog())
    if (entry.pattern == "naive-MxKxN")
      naive = &entry;
  ASSERT_NE(naive, nullptr);
  std::optional<TileShape> sizes = naive->match("naive-3x1x12");
  ASSERT_TRUE(sizes.has_value());
  EXPECT_EQ(*sizes, (TileShape{3, 1, 12}));
  for (const char *name : {"naive-3x1", "naive-3x1x2x", "naive-axbxc",
                           "naive-+2x2x2", "xnaive-1x1x1", "naive-MxKxN"})
    EXPECT_FALSE(naive->match(name).has_value()) << name;
  // A negative size matches (the builder says it is out of range).
  EXPECT_NE(errorOf(lookupCatalogScheme("naive--1x2x2"))
                .find("tile sizes must be in [1, 16]"),
            std::string::npos);
}

TEST(Catalog, DefaultsAreExactFixedNamesBestFirst) {
  std::vector<Scheme> defaults = getDefaultExactSchemes();
  size_t expected = 0;
  for (const CatalogEntry &entry : getCatalog())
    if (entry.isDefault) {
      ++expected;
      EXPECT_FALSE(entry.isFamily()) << entry.pattern.str();
    }
  ASSERT_EQ(defaults.size(), expected);
  for (size_t i = 0; i < defaults.size(); ++i) {
    EXPECT_TRUE(defaults[i].isExact()) << defaults[i].getName();
    if (i > 0) {
      EXPECT_GE(defaults[i - 1].speedupBound(), defaults[i].speedupBound());
    }
  }
  ASSERT_GE(defaults.size(), 2u);
  EXPECT_EQ(defaults[0].getName(), "strassen-4x4x4");
  EXPECT_EQ(defaults[1].getName(), "winograd-2x2x2");
}

TEST(Catalog, ListsEveryEntry) {
  std::string list = printCatalog();
  std::vector<std::string> names = getCatalogSchemeNames();
  ASSERT_EQ(names.size(), getCatalog().size());
  for (const CatalogEntry &entry : getCatalog()) {
    EXPECT_NE(list.find(entry.pattern.str() + " "), std::string::npos);
    EXPECT_NE(list.find(entry.description.str() +
                        (entry.isDefault ? " [default]\n" : "\n")),
              std::string::npos);
  }
  EXPECT_NE(list.find("A*B"), std::string::npos);
  EXPECT_NE(errorOf(lookupCatalogScheme("nope"))
                .find("(known: " + llvm::join(names, ", ") +
                      ", or A*B to compose two)"),
            std::string::npos);
}

TEST(Scheme, ResidualOfPerturbedScheme) {
  Scheme s = lookup("strassen-2x2x2");
  std::vector<double> u(s.getLhsCoefficients().begin(),
                        s.getLhsCoefficients().end());
  u[0] += 0.25;
  Scheme bad = llvm::cantFail(
      Scheme::create("bad", s.getTile(), s.getRank(), u,
                     std::vector<double>(s.getRhsCoefficients().begin(),
                                         s.getRhsCoefficients().end()),
                     std::vector<double>(s.getOutCoefficients().begin(),
                                         s.getOutCoefficients().end())));
  // U[0][0] enters every term with V[0][.] * D[.][0] = 1.
  EXPECT_DOUBLE_EQ(bad.brentResidual(), 0.25);
  EXPECT_FALSE(bad.isExact());
  EXPECT_GT(applyToRandomTile(bad, 3), 1e-3);
}

TEST(Scheme, LowRankIsApproximate) {
  // Dropping one product of the naive 2x2x2 scheme loses a term.
  Scheme naive = lookup("naive-2x2x2");
  auto u = std::vector<double>(naive.getLhsCoefficients().begin(),
                               naive.getLhsCoefficients().end() - 4);
  auto v = std::vector<double>(naive.getRhsCoefficients().begin(),
                               naive.getRhsCoefficients().end() - 4);
  std::vector<double> d;
  for (int64_t row = 0; row < 4; ++row)
    for (int64_t rho = 0; rho < 7; ++rho)
      d.push_back(naive.out(row / 2, row % 2, rho));
  Scheme low = llvm::cantFail(Scheme::create("rank7", {2, 2, 2}, 7, u, v, d));
  EXPECT_DOUBLE_EQ(low.brentResidual(), 1.0);
  EXPECT_NEAR(low.relativeFrobeniusError(), std::sqrt(1.0 / 8.0), 1e-12);
}

TEST(Scheme, CreateRejectsInconsistentInput) {
  std::vector<double> four(4, 1.0), three(3, 1.0);
  EXPECT_NE(errorOf(Scheme::create("x", {0, 1, 1}, 1, {}, {}, {})), "");
  EXPECT_NE(errorOf(Scheme::create("x", {1, 1, 1}, 0, {}, {}, {})), "");
  EXPECT_NE(errorOf(Scheme::create("x", {1, 1, 1}, 1, {1, 2}, {1}, {1})), "");
  EXPECT_NE(errorOf(Scheme::create("x", {1, 1, 1}, 1, {NAN}, {1}, {1})), "");
  EXPECT_NE(errorOf(Scheme::create("x", {1, 1, 1}, 1, {1}, {INFINITY}, {1})),
            "");
  EXPECT_NE(errorOf(Scheme::create("x", {99, 1, 1}, 1, {}, {}, {})), "");
  EXPECT_EQ(errorOf(Scheme::create("x", {1, 1, 1}, 1, {1}, {1}, {1})), "");
}

// Found by stl-scheme-fuzzer: checking the exactness of a large scheme
// (every scheme given to the compiler is checked) took minutes. The check
// now visits only non-zero coefficients, and schemes too dense to check in
// bounded time are rejected with an error.
TEST(Scheme, LargeSparseSchemesAreCheckedQuickly) {
  // 16x16x16, rank 2401: the Brent residual is computed in well under a
  // second (it took minutes); the composition of exact schemes is exact.
  Scheme s = lookup("strassen-2x2x2*strassen-2x2x2*strassen-4x4x4");
  EXPECT_EQ(s.getRank(), 2401);
  EXPECT_TRUE(s.isExact());
  EXPECT_LT(applyToRandomTile(lookup("strassen-2x2x2*winograd-2x2x2"), 3),
            1e-12);
}

TEST(Scheme, CreateRejectsSchemesTooDenseToCheck) {
  // Dense 16x16x16, rank 64: 64 * 256^3 (about 1.1e9) multiply-adds to check.
  TileShape t{16, 16, 16};
  int64_t r = 64;
  std::vector<double> u(r * 256, 1.0), v(r * 256, 1.0), d(256 * r, 1.0);
  std::string err = errorOf(Scheme::create("dense", t, r, u, v, d));
  EXPECT_NE(err.find("too dense to check"), std::string::npos) << err;
  // The same sizes, sparse, are fine.
  std::fill(u.begin(), u.end(), 0.0);
  EXPECT_EQ(errorOf(Scheme::create("sparse", t, r, u, v, d)), "");
}

TEST(Scheme, ToleranceDependsOnTheType) {
  EXPECT_DOUBLE_EQ(exactTolerance(llvm::APFloat::IEEEdouble()), 1e-13);
  EXPECT_DOUBLE_EQ(exactTolerance(llvm::APFloat::IEEEsingle()), 0x1p-20);
  EXPECT_DOUBLE_EQ(exactTolerance(llvm::APFloat::IEEEhalf()), 0x1p-7);
  EXPECT_DOUBLE_EQ(exactTolerance(llvm::APFloat::BFloat()), 0x1p-4);
}

TEST(Scheme, RoundedCoefficientsDecideExactness) {
  // (2^24 + 1) * 1 - 2^24 * 1 = 1: exact in f64, zero in f32.
  Scheme s = llvm::cantFail(Scheme::create(
      "cancel", {1, 1, 1}, 2, {0x1p24 + 1, 0x1p24}, {1, -1}, {1, 1}));
  EXPECT_EQ(s.brentResidual(), 0.0);
  llvm::Expected<Scheme> f32 =
      s.roundedTo(llvm::APFloat::IEEEsingle(), llvm::APFloat::IEEEsingle());
  ASSERT_TRUE(static_cast<bool>(f32));
  EXPECT_EQ(f32->brentResidual(), 1.0);
  llvm::Expected<Scheme> f64 =
      s.roundedTo(llvm::APFloat::IEEEdouble(), llvm::APFloat::IEEEdouble());
  ASSERT_TRUE(static_cast<bool>(f64));
  EXPECT_EQ(f64->brentResidual(), 0.0);
  // Coefficients beyond the type's range are refused, naming the first.
  Scheme big = llvm::cantFail(
      Scheme::create("big", {1, 1, 1}, 1, {1.0}, {65536.0}, {0x1p-16}));
  EXPECT_EQ(errorOf(big.roundedTo(llvm::APFloat::IEEEhalf(),
                                  llvm::APFloat::IEEEsingle())),
            "'rhs' coefficient [0][0] = 65536 is not finite");
  EXPECT_EQ(errorOf(big.roundedTo(llvm::APFloat::IEEEsingle(),
                                  llvm::APFloat::IEEEhalf())),
            "");
  EXPECT_TRUE(big.hasIntegerCoefficients() == false);
  EXPECT_TRUE(lookup("strassen-4x4x4").hasIntegerCoefficients());
}

TEST(SchemeIO, RoundTrip) {
  for (const char *name : {"strassen-4x4x4", "winograd-2x2x2", "naive-1x2x3"}) {
    Scheme s = lookup(name);
    auto back = parseSchemeJSON(printSchemeJSON(s), "mem");
    ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(*back, s);
  }
  // Non-integral coefficients survive too.
  Scheme frac = llvm::cantFail(Scheme::create(
      "frac", {1, 1, 1}, 2, {0.1, 1.0 / 3.0}, {2.5, -1e-7}, {1.0, 0.5}));
  auto back = parseSchemeJSON(printSchemeJSON(frac), "mem");
  ASSERT_TRUE(static_cast<bool>(back));
  EXPECT_EQ(*back, frac);
}

TEST(SchemeIO, WriteAndReadFile) {
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("stl-scheme", "json", path));
  Scheme s = lookup("winograd-2x2x2");
  ASSERT_FALSE(static_cast<bool>(writeSchemeFile(s, path)));
  auto back = readSchemeFile(path);
  ASSERT_TRUE(static_cast<bool>(back));
  EXPECT_EQ(*back, s);
  llvm::sys::fs::remove(path);
}

TEST(SchemeIO, MalformedDocuments) {
  struct Case {
    const char *text, *expected;
  };
  const Case cases[] = {
      {"{", "invalid JSON"},
      {"[1, 2]", "top level must be a JSON object"},
      {R"({"rank": 1, "lhs": [[1]], "rhs": [[1]], "out": [[1]]})",
       "missing field 'tile'"},
      {R"({"tile": [1, 1], "rank": 1})", "'tile' has 2 entries"},
      {R"({"tile": [1, 1, 0], "rank": 1})", "out of range"},
      {R"({"tile": [1, 1, 1e30], "rank": 1})", "must be an integer"},
      // Found by stl-scheme-fuzzer: 2^63 as a double was converted to
      // int64_t (undefined behaviour, reported by UBSan).
      {R"({"tile": [1, 9223372036854775807.5, 1], "rank": 1})",
       "'tile' entries must be an integer (of at most 2^53 in magnitude)"},
      {R"({"tile": [1, 1, 1], "rank": -9223372036854775808.0})",
       "must be an integer"},
      {R"({"tile": [1, 1, 1], "rank": 4097})", "'rank' 4097 is out of range"},
      {R"({"tile": [1, 1, 1], "rank": -3})", "'rank' -3 is out of range"},
      {R"({"tile": [1, 1, 1], "rank": 99999999999})", "out of range"},
      {R"({"tile": [1, 1, 1], "rank": 1.5})", "'rank' must be an integer"},
      {R"({"tile": [1, 1, 1], "rank": 1, "rhs": [[1]], "out": [[1]]})",
       "missing field 'lhs'"},
      {R"({"tile": [1, 1, 1], "rank": 2, "lhs": [[1]], "rhs": [[1]],
           "out": [[1]]})",
       "'lhs' has 1 rows, expected 2"},
      {R"({"tile": [1, 1, 2], "rank": 1, "lhs": [[1]], "rhs": [[1]],
           "out": [[1], [1]]})",
       "'rhs' row 0 has 1 entries, expected 2"},
      {R"({"tile": [1, 1, 1], "rank": 1, "lhs": [["x"]], "rhs": [[1]],
           "out": [[1]]})",
       "'lhs'[0][0] is not a number"},
      {R"({"tile": [1, 1, 1], "rank": 1, "lhs": [[1]], "rhs": [[1e999]],
           "out": [[1]]})",
       "'rhs'[0][0] is not finite"},
      {R"({"tile": [1, 1, 1], "rank": 1, "lhs": [[1]], "rhs": [[1]],
           "out": [[1]], "exact": "yes"})",
       "'exact' must be true or false"},
      {R"({"name": 3, "tile": [1, 1, 1], "rank": 1})",
       "'name' must be a string"},
  };
  for (const Case &c : cases) {
    std::string err = errorOf(parseSchemeJSON(c.text, "bad.json"));
    EXPECT_NE(err.find(c.expected), std::string::npos)
        << "input: " << c.text << "\nerror: " << err;
    EXPECT_NE(err.find("scheme file 'bad.json'"), std::string::npos) << err;
  }
}

TEST(SchemeIO, ExactClaimIsNotTrusted) {
  auto s = parseSchemeJSON(R"({"tile": [1, 1, 1], "rank": 1, "exact": true,
      "lhs": [[2]], "rhs": [[1]], "out": [[1]]})",
                           "claim.json");
  ASSERT_TRUE(static_cast<bool>(s));
  EXPECT_FALSE(s->isExact());
  EXPECT_DOUBLE_EQ(s->brentResidual(), 1.0);
}

TEST(SchemeIO, MissingFile) {
  std::string err = errorOf(readSchemeFile("/nonexistent/scheme.json"));
  EXPECT_NE(err.find("'/nonexistent/scheme.json'"), std::string::npos) << err;
}

} // namespace

namespace {
TEST(CostModel, FormulasOfSTLSection6) {
  Scheme s = lookup("strassen-4x4x4");
  // 2 batches of 64x32 times 32x16 weights shared by both.
  MatmulSizes sizes{/*batch=*/2, /*m=*/64, /*k=*/32, /*n=*/16,
                    /*weightBatch=*/1};
  STLCost c = computeSTLCost(s, sizes, /*constantWeights=*/false);
  EXPECT_EQ(c.denseMacs, 2 * 64 * 32 * 16);
  EXPECT_EQ(c.tileProductMacs, 2 * 49 * 16 * 8 * 4);
  EXPECT_EQ(c.encodeLhsMacs, 2 * 49 * 64 * 32);
  EXPECT_EQ(c.encodeRhsMacs, 49 * 32 * 16);
  EXPECT_EQ(c.decodeMacs, 2 * 49 * 64 * 16);
  EXPECT_EQ(c.storedWeightsDense, 32 * 16);
  EXPECT_EQ(c.storedWeightsEncoded, 49 * 8 * 4);
  // Strassen's U has 12 non-zeros, so Strassen (x) Strassen has 144; V 12
  // (144), D 12 (144).
  EXPECT_EQ(countNonZero(s.getLhsCoefficients()), 144);
  EXPECT_EQ(c.encodeLhsMacsSparse, 2 * 144 * 16 * 8);
  EXPECT_EQ(c.encodeRhsMacsSparse, 144 * 8 * 4);
  EXPECT_EQ(c.decodeMacsSparse, 2 * 144 * 16 * 4);
  EXPECT_EQ(c.totalMacs(), c.tileProductMacs + c.encodeLhsMacs +
                               c.encodeRhsMacs + c.decodeMacs);

  STLCost constant = computeSTLCost(s, sizes, /*constantWeights=*/true);
  EXPECT_EQ(constant.encodeRhsMacs, 0);
  EXPECT_EQ(constant.encodeRhsMacsSparse, 0);
  EXPECT_EQ(constant.storedWeightsEncoded, c.storedWeightsEncoded);

  STLCost sum = c;
  sum += constant;
  EXPECT_EQ(sum.denseMacs, 2 * c.denseMacs);
  EXPECT_EQ(sum.encodeRhsMacs, c.encodeRhsMacs);
}
} // namespace
