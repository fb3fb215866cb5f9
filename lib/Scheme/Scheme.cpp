//===- Scheme.cpp - Bilinear Strassen-Tile schemes ------------------------===//

#include "stl/Scheme/Scheme.h"
#include "stl/Scheme/Format.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>

using namespace mlir::stl;

static std::string checkMatrix(llvm::StringRef what, llvm::ArrayRef<double> m,
                               int64_t rows, int64_t cols) {
  if (static_cast<int64_t>(m.size()) != rows * cols)
    return llvm::formatv("'{0}' has {1} coefficients, expected {2} x {3} = {4}",
                         what, m.size(), rows, cols, rows * cols)
        .str();
  for (auto [i, x] : llvm::enumerate(m))
    if (!std::isfinite(x))
      return llvm::formatv("'{0}' coefficient [{1}][{2}] is not finite", what,
                           i / cols, i % cols)
          .str();
  return "";
}

std::string mlir::stl::checkTileSide(llvm::StringRef what, int64_t side) {
  if (isValidTileSide(side))
    return "";
  return llvm::formatv("{0} {1} is out of range [1, {2}]", what, side,
                       kMaxTileSide)
      .str();
}

std::string mlir::stl::checkRank(llvm::StringRef what, int64_t rank) {
  if (isValidRank(rank))
    return "";
  return llvm::formatv("{0} {1} is out of range [1, {2}]", what, rank, kMaxRank)
      .str();
}

std::string Scheme::validateSizes(TileShape tile, int64_t rank) {
  for (auto [what, size] :
       {std::pair<const char *, int64_t>{"tile size m =", tile.m},
        {"tile size k =", tile.k},
        {"tile size n =", tile.n}})
    if (std::string err = checkTileSide(what, size); !err.empty())
      return err;
  return checkRank("rank", rank);
}

std::string Scheme::validate(TileShape tile, int64_t rank,
                             llvm::ArrayRef<double> u, llvm::ArrayRef<double> v,
                             llvm::ArrayRef<double> d) {
  std::string err = validateSizes(tile, rank);
  if (!err.empty())
    return err;
  err = checkMatrix("lhs", u, rank, tile.lhsSize());
  if (err.empty())
    err = checkMatrix("rhs", v, rank, tile.rhsSize());
  if (err.empty())
    err = checkMatrix("out", d, tile.outSize(), rank);
  if (!err.empty())
    return err;

  // Checking exactness (the Brent residual, computed for every scheme the
  // compiler is given) takes sum_rho nnz(U_rho) * nnz(V_rho) * nnz(D_rho)
  // multiply-adds: bounded, so that no scheme makes the compiler hang.
  auto nonZeros = [](llvm::ArrayRef<double> row) {
    return static_cast<double>(
        llvm::count_if(row, [](double x) { return x != 0.0; }));
  };
  double work = 0.0;
  for (int64_t rho = 0; rho < rank; ++rho) {
    double nnzD = 0.0;
    for (int64_t i = 0; i < tile.outSize(); ++i)
      nnzD += d[i * rank + rho] != 0.0;
    work += nonZeros(u.slice(rho * tile.lhsSize(), tile.lhsSize())) *
            nonZeros(v.slice(rho * tile.rhsSize(), tile.rhsSize())) * nnzD;
  }
  if (work > kMaxBrentWork)
    return llvm::formatv("the scheme is too dense to check: its Brent "
                         "residual takes {0:E2} multiply-adds (at most {1:E2}: "
                         "sum over the rank of the non-zero coefficients of U, "
                         "V and D multiplied)",
                         work, kMaxBrentWork)
        .str();
  return "";
}

llvm::Expected<Scheme> Scheme::create(llvm::StringRef name, TileShape tile,
                                      int64_t rank, std::vector<double> u,
                                      std::vector<double> v,
                                      std::vector<double> d) {
  std::string err = validate(tile, rank, u, v, d);
  if (!err.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), err);
  return Scheme(name.str(), tile, rank, std::move(u), std::move(v),
                std::move(d));
}

double mlir::stl::exactTolerance(const llvm::fltSemantics &sem) {
  double unitRoundoff = std::ldexp(
      1.0, -static_cast<int>(llvm::APFloat::semanticsPrecision(sem)));
  return std::max(16.0 * unitRoundoff, 1e-13);
}

/// `values` rounded to `sem`; the error names the first one that is not
/// finite there.
static llvm::Expected<std::vector<double>>
roundMatrix(llvm::StringRef what, llvm::ArrayRef<double> values, int64_t cols,
            const llvm::fltSemantics &sem) {
  std::vector<double> out;
  out.reserve(values.size());
  for (auto [i, x] : llvm::enumerate(values)) {
    llvm::APFloat f(x);
    bool losesInfo = false;
    f.convert(sem, llvm::APFloat::rmNearestTiesToEven, &losesInfo);
    if (!f.isFinite())
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          llvm::formatv("'{0}' coefficient [{1}][{2}] = {3} is not finite",
                        what, i / cols, i % cols, formatNumber(x)));
    f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
              &losesInfo);
    out.push_back(f.convertToDouble());
  }
  return out;
}

llvm::Expected<Scheme>
Scheme::roundedTo(const llvm::fltSemantics &encoded,
                  const llvm::fltSemantics &accumulator) const {
  llvm::Expected<std::vector<double>> ru =
      roundMatrix("lhs", u, tile.lhsSize(), encoded);
  if (!ru)
    return ru.takeError();
  llvm::Expected<std::vector<double>> rv =
      roundMatrix("rhs", v, tile.rhsSize(), encoded);
  if (!rv)
    return rv.takeError();
  llvm::Expected<std::vector<double>> rd =
      roundMatrix("out", d, rank, accumulator);
  if (!rd)
    return rd.takeError();
  return Scheme(name, tile, rank, std::move(*ru), std::move(*rv),
                std::move(*rd));
}

bool Scheme::hasIntegerCoefficients() const {
  auto integral = [](double x) { return std::trunc(x) == x; };
  return llvm::all_of(u, integral) && llvm::all_of(v, integral) &&
         llvm::all_of(d, integral);
}

Scheme Scheme::withName(llvm::StringRef newName) const {
  Scheme copy = *this;
  copy.name = newName.str();
  return copy;
}

/// Calls `fn(term, expected)` for every entry of the trilinear form
///   T[a,b][b',c][a',c'] = sum_rho U[rho,(a,b)] V[rho,(b',c)] D[(a',c'),rho]
/// with `expected` the MatMul tensor entry [a=a'][b=b'][c=c'].
/// Only non-zero coefficients are visited (schemes are sparse): the work is
/// about sum_rho nnz(U_rho) nnz(V_rho) nnz(D_rho), which Scheme::validate
/// bounds, plus one pass over the (m*k)(k*n)(m*n) entries.
template <typename Fn> static void forEachBrentTerm(const Scheme &s, Fn fn) {
  TileShape t = s.getTile();
  int64_t r = s.getRank();
  using Entry = std::pair<int64_t, double>;
  // The non-zeros of U by column (a,b) and of D by column rho, in rho order
  // and row order: the sums below add the terms in the order of rho.
  std::vector<std::vector<Entry>> uColumns(t.lhsSize());
  for (int64_t rho = 0; rho < r; ++rho)
    for (int64_t q = 0; q < t.lhsSize(); ++q)
      if (double c = s.getLhsCoefficients()[rho * t.lhsSize() + q]; c != 0.0)
        uColumns[q].emplace_back(rho, c);
  std::vector<std::vector<Entry>> dColumns(r);
  for (int64_t i = 0; i < t.outSize(); ++i)
    for (int64_t rho = 0; rho < r; ++rho)
      if (double c = s.getOutCoefficients()[i * r + rho]; c != 0.0)
        dColumns[rho].emplace_back(i, c);

  std::vector<double> sums(t.outSize());
  for (int64_t a = 0; a < t.m; ++a)
    for (int64_t b = 0; b < t.k; ++b)
      for (int64_t b2 = 0; b2 < t.k; ++b2)
        for (int64_t c = 0; c < t.n; ++c) {
          std::fill(sums.begin(), sums.end(), 0.0);
          for (auto [rho, u] : uColumns[a * t.k + b]) {
            double p = u * s.rhs(rho, b2, c);
            if (p == 0.0)
              continue;
            for (auto [i, d] : dColumns[rho])
              sums[i] += p * d;
          }
          for (int64_t a2 = 0; a2 < t.m; ++a2)
            for (int64_t c2 = 0; c2 < t.n; ++c2) {
              double expected = (a == a2 && b == b2 && c == c2) ? 1.0 : 0.0;
              fn(sums[a2 * t.n + c2], expected);
            }
        }
}

double Scheme::brentResidual() const {
  double residual = 0.0;
  forEachBrentTerm(*this, [&](double term, double expected) {
    residual = std::max(residual, std::fabs(term - expected));
  });
  return residual;
}

double Scheme::relativeFrobeniusError() const {
  double errSq = 0.0;
  forEachBrentTerm(*this, [&](double term, double expected) {
    errSq += (term - expected) * (term - expected);
  });
  // The MatMul tensor has m*k*n entries equal to one.
  return std::sqrt(errSq / static_cast<double>(tile.volume()));
}

/// Kronecker product of two row-major matrices whose row and column indices
/// are themselves pairs: the composed matrix has rows (row1, row2) and
/// columns laid out as a grid (i1*s2 + i2, q1*t2 + q2), i.e. row index
/// i = i1 * s2 + i2 of an (s1*s2) x (t1*t2) tile and column q likewise.
/// `rowsAreTiles` selects whether the tile-shaped index is the row (D) or
/// the column (U, V) of the matrix.
static std::vector<double> composeMatrix(llvm::ArrayRef<double> a,
                                         llvm::ArrayRef<double> b, int64_t ra,
                                         int64_t rb, int64_t s1, int64_t t1,
                                         int64_t s2, int64_t t2,
                                         bool tileIsRow) {
  // A is (ra x s1*t1) when the tile is the column; (s1*t1 x ra) otherwise.
  int64_t ts1 = s1 * t1, ts2 = s2 * t2;
  int64_t s = s1 * s2, t = t1 * t2;
  int64_t r = ra * rb;
  std::vector<double> out(static_cast<size_t>(r * s * t));
  for (int64_t rho1 = 0; rho1 < ra; ++rho1)
    for (int64_t rho2 = 0; rho2 < rb; ++rho2)
      for (int64_t i1 = 0; i1 < s1; ++i1)
        for (int64_t q1 = 0; q1 < t1; ++q1)
          for (int64_t i2 = 0; i2 < s2; ++i2)
            for (int64_t q2 = 0; q2 < t2; ++q2) {
              int64_t rho = rho1 * rb + rho2;
              int64_t tileIdx = (i1 * s2 + i2) * t + (q1 * t2 + q2);
              int64_t tileA = i1 * t1 + q1, tileB = i2 * t2 + q2;
              double va =
                  tileIsRow ? a[tileA * ra + rho1] : a[rho1 * ts1 + tileA];
              double vb =
                  tileIsRow ? b[tileB * rb + rho2] : b[rho2 * ts2 + tileB];
              size_t idx =
                  tileIsRow ? tileIdx * r + rho : rho * (s * t) + tileIdx;
              out[idx] = va * vb;
            }
  return out;
}

llvm::Expected<Scheme> mlir::stl::composeSchemes(const Scheme &a,
                                                 const Scheme &b) {
  TileShape ta = a.getTile(), tb = b.getTile();
  TileShape t{ta.m * tb.m, ta.k * tb.k, ta.n * tb.n};
  int64_t ra = a.getRank(), rb = b.getRank();
  if (!t.isValid() || !isValidRank(ra * rb))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::formatv("composition of '{0}' and '{1}' is too large (tile "
                      "{2}x{3}x{4}, rank {5})",
                      a.getName(), b.getName(), t.m, t.k, t.n, ra * rb));
  std::vector<double> u =
      composeMatrix(a.getLhsCoefficients(), b.getLhsCoefficients(), ra, rb,
                    ta.m, ta.k, tb.m, tb.k, /*tileIsRow=*/false);
  std::vector<double> v =
      composeMatrix(a.getRhsCoefficients(), b.getRhsCoefficients(), ra, rb,
                    ta.k, ta.n, tb.k, tb.n, /*tileIsRow=*/false);
  std::vector<double> d =
      composeMatrix(a.getOutCoefficients(), b.getOutCoefficients(), ra, rb,
                    ta.m, ta.n, tb.m, tb.n, /*tileIsRow=*/true);
  return Scheme::create(a.getName() + "*" + b.getName(), t, ra * rb,
                        std::move(u), std::move(v), std::move(d));
}
