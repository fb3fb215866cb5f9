//===- STLAttrs.cpp - Strassen-Tile attributes ----------------------------===//

#include "stl/Dialect/STL/IR/STLAttrs.h"
#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/Format.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cctype>
#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::stl;

#include "stl/Dialect/STL/IR/STLOpsEnums.cpp.inc"

//===----------------------------------------------------------------------===//
// SchemeAttr storage
//===----------------------------------------------------------------------===//

/// True when `a` and `b` hold the same bits (a -0.0 coefficient is not a
/// 0.0 one: attributes are told apart by their bits, as dense arrays are).
static bool sameBits(ArrayRef<double> a, ArrayRef<double> b) {
  return a.size() == b.size() &&
         (a.empty() ||
          std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

static llvm::hash_code hashBits(ArrayRef<double> a) {
  const char *bytes = reinterpret_cast<const char *>(a.data());
  return llvm::hash_combine_range(bytes, bytes + a.size() * sizeof(double));
}

static CoefficientFacts computeFacts(ArrayRef<double> values) {
  CoefficientFacts facts;
  for (double x : values) {
    facts.largestMagnitude = std::max(facts.largestMagnitude, std::fabs(x));
    if (!facts.firstNonInteger && (std::trunc(x) != x || std::fabs(x) > 0x1p53))
      facts.firstNonInteger = x;
  }
  return facts;
}

namespace mlir {
namespace stl {
namespace detail {
/// A checked scheme, stored once per context, with what every print and
/// verifier would otherwise recompute: whether it is a catalog scheme (and
/// prints as its name) and facts about its coefficients.
struct SchemeAttrStorage : public AttributeStorage {
  /// Schemes are looked up without being copied; the storage holds a copy.
  struct KeyTy {
    explicit KeyTy(const Scheme &scheme) : scheme(&scheme) {}
    const Scheme *scheme;
  };

  explicit SchemeAttrStorage(const Scheme &scheme)
      : scheme(scheme), lhsFacts(computeFacts(scheme.getLhsCoefficients())),
        rhsFacts(computeFacts(scheme.getRhsCoefficients())),
        outFacts(computeFacts(scheme.getOutCoefficients())) {
    if (scheme.getName().empty())
      return;
    llvm::Expected<Scheme> catalog = lookupCatalogScheme(scheme.getName());
    if (catalog)
      isCatalog = catalog->hasSameCoefficients(scheme);
    else
      llvm::consumeError(catalog.takeError());
  }

  bool operator==(const KeyTy &key) const {
    const Scheme &o = *key.scheme;
    return scheme.getName() == o.getName() && scheme.getTile() == o.getTile() &&
           scheme.getRank() == o.getRank() &&
           sameBits(scheme.getLhsCoefficients(), o.getLhsCoefficients()) &&
           sameBits(scheme.getRhsCoefficients(), o.getRhsCoefficients()) &&
           sameBits(scheme.getOutCoefficients(), o.getOutCoefficients());
  }

  static llvm::hash_code hashKey(const KeyTy &key) {
    const Scheme &s = *key.scheme;
    TileShape t = s.getTile();
    return llvm::hash_combine(s.getName(), t.m, t.k, t.n, s.getRank(),
                              hashBits(s.getLhsCoefficients()),
                              hashBits(s.getRhsCoefficients()),
                              hashBits(s.getOutCoefficients()));
  }

  static SchemeAttrStorage *construct(AttributeStorageAllocator &allocator,
                                      const KeyTy &key) {
    return new (allocator.allocate<SchemeAttrStorage>())
        SchemeAttrStorage(*key.scheme);
  }

  Scheme scheme;
  CoefficientFacts lhsFacts, rhsFacts, outFacts;
  bool isCatalog = false;
};
} // namespace detail
} // namespace stl
} // namespace mlir

#define GET_ATTRDEF_CLASSES
#include "stl/Dialect/STL/IR/STLOpsAttrDefs.cpp.inc"

void STLDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "stl/Dialect/STL/IR/STLOpsAttrDefs.cpp.inc"
      >();
}

Attribute STLDialect::getParsedCatalogScheme(StringRef name) {
  std::lock_guard<std::mutex> lock(parsedCatalogSchemesMutex);
  return parsedCatalogSchemes.lookup(name);
}

void STLDialect::addParsedCatalogScheme(StringRef name, Attribute attr) {
  std::lock_guard<std::mutex> lock(parsedCatalogSchemesMutex);
  parsedCatalogSchemes.try_emplace(name, attr);
}

//===----------------------------------------------------------------------===//
// SchemeAttr
//===----------------------------------------------------------------------===//

const Scheme &SchemeAttr::getScheme() const { return getImpl()->scheme; }

std::pair<int64_t, int64_t>
SchemeAttr::getOperandTile(OperandKind operand) const {
  TileShape t = getTile();
  return operand == OperandKind::Lhs ? std::make_pair(t.m, t.k)
                                     : std::make_pair(t.k, t.n);
}

ArrayRef<double> SchemeAttr::getOperandCoefficients(OperandKind operand) const {
  return operand == OperandKind::Lhs ? getLhsCoefficients()
                                     : getRhsCoefficients();
}

const CoefficientFacts &SchemeAttr::getLhsFacts() const {
  return getImpl()->lhsFacts;
}
const CoefficientFacts &SchemeAttr::getRhsFacts() const {
  return getImpl()->rhsFacts;
}
const CoefficientFacts &SchemeAttr::getOutFacts() const {
  return getImpl()->outFacts;
}
const CoefficientFacts &SchemeAttr::getOperandFacts(OperandKind operand) const {
  return operand == OperandKind::Lhs ? getLhsFacts() : getRhsFacts();
}

bool SchemeAttr::isCatalogScheme() const { return getImpl()->isCatalog; }

std::string SchemeAttr::getAliasName() const {
  // "stl_" and the name's letters (lower case), digits and underscores; other
  // characters as one underscore each run ("strassen-2x2x2*naive-1x1x2":
  // stl_strassen_2x2x2_naive_1x1x2).
  std::string alias = "stl_";
  for (char c : getName()) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
      alias += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (alias.back() != '_')
      alias += '_';
  }
  while (alias.size() > 4 && alias.back() == '_')
    alias.pop_back();
  return alias.size() > 4 ? alias : "stl_scheme";
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
/// row has the same length. Sizes are checked against the tile when the
/// scheme is built.
static ParseResult parseMatrix(AsmParser &parser, StringRef key,
                               std::vector<double> &values) {
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
    // Looked up once per context: every later parse of the name is a map
    // lookup.
    auto *dialect = ctx->getLoadedDialect<STLDialect>();
    if (Attribute cached = dialect->getParsedCatalogScheme(catalogName))
      return cached;
    auto scheme = lookupCatalogScheme(catalogName);
    if (!scheme) {
      parser.emitError(nameLoc) << llvm::toString(scheme.takeError());
      return {};
    }
    auto attr = SchemeAttr::get(ctx, *scheme);
    dialect->addParsedCatalogScheme(catalogName, attr);
    return attr;
  }

  // Full form: key = value pairs, `name` optional, the others required.
  std::string name;
  std::optional<int64_t> rank;
  SmallVector<int64_t> tile;
  std::vector<double> lhs, rhs, out;
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
  llvm::Expected<Scheme> scheme =
      Scheme::create(name, {tile[0], tile[1], tile[2]}, *rank, std::move(lhs),
                     std::move(rhs), std::move(out));
  if (!scheme) {
    parser.emitError(startLoc)
        << "invalid scheme" << (name.empty() ? "" : " '" + name + "'") << ": "
        << llvm::toString(scheme.takeError());
    return {};
  }
  return SchemeAttr::get(ctx, *scheme);
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
      printer << formatExactNumber(values[i * cols + j]);
    }
    printer << "]";
  }
  printer << "]";
}

void SchemeAttr::print(AsmPrinter &printer) const {
  printer << "<";
  if (isCatalogScheme()) {
    printer.printString(getName());
    printer << ">";
    return;
  }
  if (!getName().empty()) {
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
