//===- Scheme.h - Bilinear Strassen-Tile schemes ----------------*- C++ -*-===//
//
// A bilinear scheme of rank r for [m, k, n] tiles (see STL.md): three small
// coefficient matrices U (r x m*k), V (r x k*n) and D (m*n x r). This is a
// plain value type with no dependency on the IR; the `#stl.scheme` attribute
// wraps it, and the catalog, composition, file I/O and exactness checks all
// live beside it so that passes, tools and tests share one implementation.
//
//===----------------------------------------------------------------------===//

#ifndef STL_SCHEME_SCHEME_H
#define STL_SCHEME_SCHEME_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace llvm {
struct fltSemantics;
} // namespace llvm

#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
namespace stl {

/// The tile a scheme multiplies: an m x k tile of the left operand by a
/// k x n tile of the right operand.
struct TileShape {
  int64_t m = 0, k = 0, n = 0;

  int64_t lhsSize() const { return m * k; }
  int64_t rhsSize() const { return k * n; }
  int64_t outSize() const { return m * n; }
  /// Multiply-adds of the naive tile product.
  int64_t volume() const { return m * k * n; }
  /// True when every side is in range (isValidTileSide).
  bool isValid() const;
  bool operator==(const TileShape &o) const {
    return m == o.m && k == o.k && n == o.n;
  }
};

/// Residual below which a scheme is considered exact in real arithmetic
/// (its coefficients as written, whatever the type a program holds them in).
/// A program judges exactness with `exactTolerance` of its types instead.
constexpr double kExactTolerance = 1e-9;

/// Residual below which a scheme whose coefficients are held in a floating
/// point type with semantics `sem` is exact for a program computing in that
/// type: 16 units of roundoff of the type (2^-p, p bits of precision), and
/// no less than 1e-13, the noise of the residual's own double-precision
/// evaluation. f64: 1e-13, f32: 9.5e-7, f16: 7.8e-3, bf16: 6.3e-2.
double exactTolerance(const llvm::fltSemantics &sem);

/// Largest tile side and rank accepted anywhere: keeps every size product
/// far inside int64 (the Brent check's cost is bounded by kMaxBrentWork).
constexpr int64_t kMaxTileSide = 16;
constexpr int64_t kMaxRank = 4096;

/// The range checks of tile sides and ranks, for every place that reads or
/// builds a scheme: [1, kMaxTileSide] and [1, kMaxRank].
constexpr bool isValidTileSide(int64_t side) {
  return side >= 1 && side <= kMaxTileSide;
}
constexpr bool isValidRank(int64_t rank) {
  return rank >= 1 && rank <= kMaxRank;
}
inline bool TileShape::isValid() const {
  return isValidTileSide(m) && isValidTileSide(k) && isValidTileSide(n);
}
/// "" when `side` is in range, otherwise "<what> <side> is out of range
/// [1, 16]" (`what` names the value: "tile size m =", "'tile' entry").
std::string checkTileSide(llvm::StringRef what, int64_t side);
/// The same for a rank: "<what> <rank> is out of range [1, 4096]".
std::string checkRank(llvm::StringRef what, int64_t rank);
/// Bound on the work of checking a scheme's exactness (multiply-adds, see
/// Scheme::validate): published and composed schemes need far less (the
/// rank-2401 16x16x16 composition of four Strassen schemes: about 10^6).
constexpr double kMaxBrentWork = 5e8;

class Scheme {
public:
  /// Builds a scheme and checks it: positive tile sizes and rank (within the
  /// limits above), coefficient matrices of the right sizes (row-major
  /// U[r][m*k], V[r][k*n], D[m*n][r]) and finite coefficients.
  static llvm::Expected<Scheme> create(llvm::StringRef name, TileShape tile,
                                       int64_t rank, std::vector<double> u,
                                       std::vector<double> v,
                                       std::vector<double> d);

  /// Checks the tile sizes and the rank alone (the first checks of
  /// `validate`): "" when they are in range, so that the coefficient arrays
  /// have sizes that can be computed and read.
  static std::string validateSizes(TileShape tile, int64_t rank);
  /// Checks the same properties as `create` without building a scheme;
  /// returns a message describing the first problem found, or "" if none.
  static std::string validate(TileShape tile, int64_t rank,
                              llvm::ArrayRef<double> u,
                              llvm::ArrayRef<double> v,
                              llvm::ArrayRef<double> d);

  const std::string &getName() const { return name; }
  TileShape getTile() const { return tile; }
  int64_t getRank() const { return rank; }
  /// U: rank rows of m*k coefficients, row-major.
  llvm::ArrayRef<double> getLhsCoefficients() const { return u; }
  /// V: rank rows of k*n coefficients, row-major.
  llvm::ArrayRef<double> getRhsCoefficients() const { return v; }
  /// D: m*n rows of rank coefficients, row-major.
  llvm::ArrayRef<double> getOutCoefficients() const { return d; }

  double lhs(int64_t rho, int64_t a, int64_t b) const {
    return u[rho * tile.lhsSize() + a * tile.k + b];
  }
  double rhs(int64_t rho, int64_t b, int64_t c) const {
    return v[rho * tile.rhsSize() + b * tile.n + c];
  }
  double out(int64_t a, int64_t c, int64_t rho) const {
    return d[(a * tile.n + c) * rank + rho];
  }

  /// The Brent residual (STL.md section 3): the largest absolute difference
  /// between the scheme's trilinear form and the MatMul tensor.
  double brentResidual() const;
  /// Relative Frobenius error of the scheme against the MatMul tensor.
  double relativeFrobeniusError() const;
  /// True when the Brent residual is at most `tolerance`.
  bool isExact(double tolerance = kExactTolerance) const {
    return brentResidual() <= tolerance;
  }

  /// Upper bound on the speedup of the tile product: m*k*n / r.
  double speedupBound() const {
    return static_cast<double>(tile.volume()) / static_cast<double>(rank);
  }

  /// The scheme as a program computes with it: U and V rounded to the
  /// floating point type with semantics `encoded` (where the encodings are
  /// held), D to `accumulator` (where products are decoded), to nearest.
  /// Fails, naming the first coefficient, when one is not finite in its type.
  /// Exactness in a program is the residual of the rounded scheme.
  llvm::Expected<Scheme> roundedTo(const llvm::fltSemantics &encoded,
                                   const llvm::fltSemantics &accumulator) const;

  /// True when every coefficient is an integer (a scheme for integer
  /// MatMuls).
  bool hasIntegerCoefficients() const;

  /// Returns a copy with another name.
  Scheme withName(llvm::StringRef newName) const;

  bool operator==(const Scheme &o) const {
    return name == o.name && tile == o.tile && rank == o.rank && u == o.u &&
           v == o.v && d == o.d;
  }
  /// Same tile, rank and coefficients, whatever the names.
  bool hasSameCoefficients(const Scheme &o) const {
    return tile == o.tile && rank == o.rank && u == o.u && v == o.v && d == o.d;
  }

private:
  Scheme(std::string name, TileShape tile, int64_t rank, std::vector<double> u,
         std::vector<double> v, std::vector<double> d)
      : name(std::move(name)), tile(tile), rank(rank), u(std::move(u)),
        v(std::move(v)), d(std::move(d)) {}

  std::string name;
  TileShape tile;
  int64_t rank;
  std::vector<double> u, v, d;
};

/// Kronecker composition (STL.md section 4): a scheme for
/// [m1*m2, k1*k2, n1*n2] tiles of rank r1*r2. The composition of two exact
/// schemes is exact. Fails when the composed sizes exceed the limits.
llvm::Expected<Scheme> composeSchemes(const Scheme &a, const Scheme &b);

} // namespace stl
} // namespace mlir

#endif // STL_SCHEME_SCHEME_H
