//===- SchemeIO.cpp - Reading and writing scheme files --------------------===//

#include "stl/Scheme/SchemeIO.h"
#include "stl/Scheme/Format.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir::stl;
namespace json = llvm::json;

namespace {
/// Collects the first error found while reading a scheme document.
class SchemeReader {
public:
  explicit SchemeReader(llvm::StringRef source) : source(source) {}

  llvm::Error error(const llvm::Twine &msg) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "scheme file '" + source + "': " + msg);
  }

  llvm::Expected<int64_t> readInt(const json::Value &v,
                                  llvm::StringRef what) const {
    // Not json::Value::getAsInteger alone: it converts a double of 2^63
    // (e.g. 9223372036854775807.5) to int64_t, which is undefined (found by
    // stl-scheme-fuzzer under UBSan). Numbers beyond 2^53 are out of range
    // for every field anyway.
    std::optional<double> d = v.getAsNumber();
    if (!d || std::trunc(*d) != *d || std::fabs(*d) > 0x1p53)
      return error(llvm::formatv("{0} must be an integer (of at most 2^53 in "
                                 "magnitude)",
                                 what));
    if (std::optional<int64_t> i = v.getAsInteger())
      return *i;
    return static_cast<int64_t>(*d);
  }

  /// Reads a matrix of `rows` rows of `cols` finite numbers.
  llvm::Expected<std::vector<double>> readMatrix(const json::Object &obj,
                                                 llvm::StringRef key,
                                                 int64_t rows,
                                                 int64_t cols) const {
    const json::Value *v = obj.get(key);
    if (!v)
      return error(llvm::formatv("missing field '{0}'", key));
    const json::Array *arr = v->getAsArray();
    if (!arr)
      return error(llvm::formatv("'{0}' must be an array of rows", key));
    if (static_cast<int64_t>(arr->size()) != rows)
      return error(llvm::formatv("'{0}' has {1} rows, expected {2}", key,
                                 arr->size(), rows));
    std::vector<double> out;
    out.reserve(rows * cols);
    for (auto [i, rowValue] : llvm::enumerate(*arr)) {
      const json::Array *row = rowValue.getAsArray();
      if (!row)
        return error(llvm::formatv("'{0}' row {1} must be an array", key, i));
      if (static_cast<int64_t>(row->size()) != cols)
        return error(llvm::formatv("'{0}' row {1} has {2} entries, expected "
                                   "{3}",
                                   key, i, row->size(), cols));
      for (auto [j, x] : llvm::enumerate(*row)) {
        std::optional<double> num = x.getAsNumber();
        if (!num)
          return error(
              llvm::formatv("'{0}'[{1}][{2}] is not a number", key, i, j));
        if (!std::isfinite(*num))
          return error(
              llvm::formatv("'{0}'[{1}][{2}] is not finite", key, i, j));
        out.push_back(*num);
      }
    }
    return out;
  }

  llvm::Expected<Scheme> read(const json::Value &doc) const {
    const json::Object *obj = doc.getAsObject();
    if (!obj)
      return error("top level must be a JSON object");

    std::string name;
    if (const json::Value *n = obj->get("name")) {
      std::optional<llvm::StringRef> s = n->getAsString();
      if (!s)
        return error("'name' must be a string");
      name = s->str();
    }

    const json::Array *tileArr = obj->getArray("tile");
    if (!tileArr)
      return error(obj->get("tile") ? "'tile' must be an array [m, k, n]"
                                    : "missing field 'tile'");
    if (tileArr->size() != 3)
      return error(llvm::formatv("'tile' has {0} entries, expected 3 "
                                 "([m, k, n])",
                                 tileArr->size()));
    int64_t dims[3];
    for (unsigned i = 0; i < 3; ++i) {
      auto d = readInt((*tileArr)[i], "'tile' entries");
      if (!d)
        return d.takeError();
      if (std::string err = checkTileSide("'tile' entry", *d); !err.empty())
        return error(err);
      dims[i] = *d;
    }
    TileShape tile{dims[0], dims[1], dims[2]};

    const json::Value *rankValue = obj->get("rank");
    if (!rankValue)
      return error("missing field 'rank'");
    auto rank = readInt(*rankValue, "'rank'");
    if (!rank)
      return rank.takeError();
    if (std::string err = checkRank("'rank'", *rank); !err.empty())
      return error(err);

    if (const json::Value *exact = obj->get("exact");
        exact && !exact->getAsBoolean())
      return error("'exact' must be true or false");

    auto u = readMatrix(*obj, "lhs", *rank, tile.lhsSize());
    if (!u)
      return u.takeError();
    auto v = readMatrix(*obj, "rhs", *rank, tile.rhsSize());
    if (!v)
      return v.takeError();
    auto d = readMatrix(*obj, "out", tile.outSize(), *rank);
    if (!d)
      return d.takeError();

    if (name.empty())
      name = llvm::formatv("scheme-{0}x{1}x{2}-r{3}", tile.m, tile.k, tile.n,
                           *rank)
                 .str();
    auto scheme = Scheme::create(name, tile, *rank, std::move(*u),
                                 std::move(*v), std::move(*d));
    if (!scheme)
      return error(llvm::toString(scheme.takeError()));
    return scheme;
  }

private:
  std::string source;
};
} // namespace

llvm::Expected<Scheme> mlir::stl::parseSchemeJSON(llvm::StringRef text,
                                                  llvm::StringRef sourceName) {
  SchemeReader reader(sourceName);
  llvm::Expected<json::Value> doc = json::parse(text);
  if (!doc)
    return reader.error("invalid JSON: " + llvm::toString(doc.takeError()));
  return reader.read(*doc);
}

llvm::Expected<Scheme> mlir::stl::readSchemeFile(llvm::StringRef path) {
  // Only regular files of bounded size: a device (/dev/zero), a pipe or a
  // huge file would be read without end.
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(path, status))
    return llvm::createStringError(ec, "cannot read scheme file '" + path +
                                           "': " + ec.message());
  if (!llvm::sys::fs::is_regular_file(status))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read scheme file '" + path +
                                       "': it is not a regular file");
  if (status.getSize() > kMaxSchemeFileBytes)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::formatv("cannot read scheme file '{0}': it has {1} bytes, more "
                      "than any valid scheme file ({2} bytes at most)",
                      path, status.getSize(), kMaxSchemeFileBytes));
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   "cannot read scheme file '" + path +
                                       "': " + buffer.getError().message());
  return parseSchemeJSON((*buffer)->getBuffer(), path);
}

/// Writes a rows x cols row-major matrix as an array of rows; integral
/// coefficients as integers.
static void writeMatrix(json::OStream &os, llvm::ArrayRef<double> m,
                        int64_t rows, int64_t cols) {
  os.array([&] {
    for (int64_t i = 0; i < rows; ++i) {
      os.array([&] {
        for (int64_t j = 0; j < cols; ++j) {
          double x = m[i * cols + j];
          if (std::optional<int64_t> integer = getExactInteger(x))
            os.value(*integer);
          else
            os.value(x);
        }
      });
    }
  });
}

std::string mlir::stl::printSchemeJSON(const Scheme &scheme) {
  TileShape t = scheme.getTile();
  int64_t r = scheme.getRank();
  std::string text;
  llvm::raw_string_ostream raw(text);
  {
    // The fields in the order STL.md and the files in schemes/ give them
    // (name, tile, rank, exact, then U, V, D), not in the alphabetical order
    // a json::Object would print them in.
    json::OStream os(raw, /*IndentSize=*/2);
    os.object([&] {
      os.attribute("name", scheme.getName());
      os.attributeArray("tile", [&] {
        os.value(t.m);
        os.value(t.k);
        os.value(t.n);
      });
      os.attribute("rank", r);
      os.attribute("exact", scheme.isExact());
      os.attributeBegin("lhs");
      writeMatrix(os, scheme.getLhsCoefficients(), r, t.lhsSize());
      os.attributeEnd();
      os.attributeBegin("rhs");
      writeMatrix(os, scheme.getRhsCoefficients(), r, t.rhsSize());
      os.attributeEnd();
      os.attributeBegin("out");
      writeMatrix(os, scheme.getOutCoefficients(), t.outSize(), r);
      os.attributeEnd();
    });
  }
  raw << "\n";
  return text;
}

llvm::Error mlir::stl::writeSchemeFile(const Scheme &scheme,
                                       llvm::StringRef path) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return llvm::createStringError(ec, "cannot write scheme file '" + path +
                                           "': " + ec.message());
  os << printSchemeJSON(scheme);
  // Write errors (a full disk) show only when the buffer is flushed; left in
  // the stream they would end the process in its destructor.
  os.close();
  if (os.has_error()) {
    ec = os.error();
    os.clear_error();
    return llvm::createStringError(ec, "cannot write scheme file '" + path +
                                           "': " + ec.message());
  }
  return llvm::Error::success();
}
