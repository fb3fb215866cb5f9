//===- STLAttrs.cpp - Strassen-Tile attributes ----------------------------===//

#include "stl/Dialect/STL/IR/STLAttrs.h"
#include "stl/Scheme/Catalog.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"

#include <cmath>
#include <cstdlib>

using namespace mlir;
using namespace mlir::stl;

#include "stl/Dialect/STL/IR/STLOpsEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "stl/Dialect/STL/IR/STLOpsAttrDefs.cpp.inc"

void STLDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "stl/Dialect/STL/IR/STLOpsAttrDefs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// SchemeAttr
//===----------------------------------------------------------------------===//

LogicalResult SchemeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef name, int64_t m, int64_t k,
                                 int64_t n, int64_t rank, DenseF64ArrayAttr lhs,
                                 DenseF64ArrayAttr rhs, DenseF64ArrayAttr out) {
  if (!lhs || !rhs || !out)
    return emitError() << "invalid scheme: missing coefficients";
  std::string problem = Scheme::validate({m, k, n}, rank, lhs.asArrayRef(),
                                         rhs.asArrayRef(), out.asArrayRef());
  if (!problem.empty())
    return emitError() << "invalid scheme"
                       << (name.empty() ? "" : " '" + name.str() + "'") << ": "
                       << problem;
  return success();
}

Scheme SchemeAttr::getScheme() const {
  auto toVector = [](ArrayRef<double> a) {
    return std::vector<double>(a.begin(), a.end());
  };
  auto scheme = Scheme::create(
      getName(), getTile(), getRank(), toVector(getLhsCoefficients()),
      toVector(getRhsCoefficients()), toVector(getOutCoefficients()));
  // The attribute verifier guarantees the scheme is well formed.
  return llvm::cantFail(std::move(scheme));
}

/// Parses a number: an integer or a floating-point literal, optionally
/// negative.
static ParseResult parseNumber(AsmParser &parser, double &value) {
  bool negative = succeeded(parser.parseOptionalMinus());
  APInt intValue;
  OptionalParseResult intResult = parser.parseOptionalInteger(intValue);
  if (intResult.has_value()) {
    if (failed(*intResult))
      return failure();
    value = intValue.roundToDouble();
  } else if (parser.parseFloat(value)) {
    return failure();
  }
  if (negative)
    value = -value;
  return success();
}

/// Parses `[[x, ...], ...]` into a row-major matrix, checking that every
/// row has the same length. Sizes are checked against the tile by the
/// verifier.
static ParseResult parseMatrix(AsmParser &parser, StringRef key,
                               SmallVectorImpl<double> &values) {
  std::optional<size_t> rowLength;
  return parser.parseCommaSeparatedList(
      AsmParser::Delimiter::Square, [&]() -> ParseResult {
        SMLoc rowLoc = parser.getCurrentLocation();
        size_t before = values.size();
        if (parser.parseCommaSeparatedList(
                AsmParser::Delimiter::Square, [&]() -> ParseResult {
                  return parseNumber(parser, values.emplace_back());
                }))
          return failure();
        size_t length = values.size() - before;
        if (rowLength && *rowLength != length)
          return parser.emitError(rowLoc)
                 << "rows of '" << key << "' have different lengths ("
                 << *rowLength << " and " << length << ")";
        rowLength = length;
        return success();
      });
}

Attribute SchemeAttr::parse(AsmParser &parser, Type) {
  MLIRContext *ctx = parser.getContext();
  if (parser.parseLess())
    return {};

  // Catalog form: #stl.scheme<"name">.
  std::string catalogName;
  SMLoc nameLoc = parser.getCurrentLocation();
  if (succeeded(parser.parseOptionalString(&catalogName))) {
    if (parser.parseGreater())
      return {};
    auto scheme = lookupCatalogScheme(catalogName);
    if (!scheme) {
      parser.emitError(nameLoc) << llvm::toString(scheme.takeError());
      return {};
    }
    return SchemeAttr::get(ctx, *scheme);
  }

  // Full form: key = value pairs, `name` optional, the others required.
  std::string name;
  std::optional<int64_t> rank;
  SmallVector<int64_t> tile;
  SmallVector<double> lhs, rhs, out;
  bool hasLhs = false, hasRhs = false, hasOut = false;
  llvm::StringSet<> seen;
  auto parseEntry = [&]() -> ParseResult {
    StringRef key;
    SMLoc keyLoc = parser.getCurrentLocation();
    if (parser.parseKeyword(&key) || parser.parseEqual())
      return failure();
    if (!seen.insert(key).second)
      return parser.emitError(keyLoc)
             << "'" << key << "' is given more than once in #stl.scheme";
    if (key == "name")
      return parser.parseString(&name);
    if (key == "rank") {
      rank.emplace();
      return parser.parseInteger(*rank);
    }
    if (key == "tile") {
      SMLoc tileLoc = parser.getCurrentLocation();
      if (parser.parseCommaSeparatedList(
              AsmParser::Delimiter::Square, [&]() -> ParseResult {
                return parser.parseInteger(tile.emplace_back());
              }))
        return failure();
      if (tile.size() != 3)
        return parser.emitError(tileLoc)
               << "'tile' must have 3 entries [m, k, n], got " << tile.size();
      return success();
    }
    if (key == "lhs") {
      hasLhs = true;
      return parseMatrix(parser, key, lhs);
    }
    if (key == "rhs") {
      hasRhs = true;
      return parseMatrix(parser, key, rhs);
    }
    if (key == "out") {
      hasOut = true;
      return parseMatrix(parser, key, out);
    }
    return parser.emitError(keyLoc)
           << "unknown key '" << key
           << "' in #stl.scheme (expected name, tile, rank, lhs, rhs, out)";
  };
  SMLoc startLoc = parser.getCurrentLocation();
  if (parser.parseCommaSeparatedList(parseEntry) || parser.parseGreater())
    return {};
  for (auto [present, key] : {std::pair<bool, StringRef>{!tile.empty(), "tile"},
                              {rank.has_value(), "rank"},
                              {hasLhs, "lhs"},
                              {hasRhs, "rhs"},
                              {hasOut, "out"}})
    if (!present) {
      parser.emitError(startLoc) << "#stl.scheme is missing '" << key << "'";
      return {};
    }
  return SchemeAttr::getChecked(
      [&] { return parser.emitError(startLoc); }, ctx, name, tile[0], tile[1],
      tile[2], *rank, DenseF64ArrayAttr::get(ctx, lhs),
      DenseF64ArrayAttr::get(ctx, rhs), DenseF64ArrayAttr::get(ctx, out));
}

/// Prints a coefficient so that it parses back to the same double: integers
/// as integers, other values with the fewest digits that round-trip.
static void printNumber(AsmPrinter &printer, double value) {
  if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    printer << static_cast<int64_t>(value);
    return;
  }
  for (int precision : {15, 17}) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << llvm::format("%.*g", precision, value);
    if (precision == 17 || std::strtod(text.c_str(), nullptr) == value) {
      // MLIR float literals need a '.' in the mantissa ("1.0e-20").
      if (text.find('.') == std::string::npos) {
        size_t exponent = text.find('e');
        text.insert(exponent == std::string::npos ? text.size() : exponent,
                    ".0");
      }
      printer << text;
      return;
    }
  }
}

static void printMatrix(AsmPrinter &printer, ArrayRef<double> values,
                        int64_t rows, int64_t cols) {
  printer << "[";
  for (int64_t i = 0; i < rows; ++i) {
    if (i)
      printer << ", ";
    printer << "[";
    for (int64_t j = 0; j < cols; ++j) {
      if (j)
        printer << ", ";
      printNumber(printer, values[i * cols + j]);
    }
    printer << "]";
  }
  printer << "]";
}

void SchemeAttr::print(AsmPrinter &printer) const {
  printer << "<";
  // Catalog form when the name and the coefficients are the catalog's.
  if (!getName().empty()) {
    auto catalog = lookupCatalogScheme(getName());
    if (catalog && catalog->hasSameCoefficients(getScheme())) {
      printer.printString(getName());
      printer << ">";
      return;
    }
    if (!catalog)
      llvm::consumeError(catalog.takeError());
    printer << "name = ";
    printer.printString(getName());
    printer << ", ";
  }
  TileShape t = getTile();
  printer << "tile = [" << t.m << ", " << t.k << ", " << t.n
          << "], rank = " << getRank() << ", lhs = ";
  printMatrix(printer, getLhsCoefficients(), getRank(), t.lhsSize());
  printer << ", rhs = ";
  printMatrix(printer, getRhsCoefficients(), getRank(), t.rhsSize());
  printer << ", out = ";
  printMatrix(printer, getOutCoefficients(), t.outSize(), getRank());
  printer << ">";
}
