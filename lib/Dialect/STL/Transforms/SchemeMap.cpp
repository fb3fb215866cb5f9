//===- SchemeMap.cpp - Which scheme each MatMul of a model gets -----------===//

#include "stl/Dialect/STL/Transforms/SchemeMap.h"
#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/SchemeIO.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace mlir::stl;
namespace json = llvm::json;

bool mlir::stl::isSchemeFilePath(llvm::StringRef scheme) {
  return scheme.contains('/') || scheme.ends_with(".json");
}

llvm::Expected<SchemeAttr> mlir::stl::lookupNamedScheme(MLIRContext *context,
                                                        Attribute named) {
  if (auto scheme = dyn_cast<SchemeAttr>(named))
    return scheme;
  auto name = dyn_cast<StringAttr>(named);
  if (!name) {
    std::string text;
    llvm::raw_string_ostream os(text);
    named.print(os);
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "expected a string (a catalog scheme's name or a scheme file's "
        "path) or an #stl.scheme, not " +
            text);
  }
  llvm::Expected<Scheme> scheme = isSchemeFilePath(name.getValue())
                                      ? readSchemeFile(name.getValue())
                                      : lookupCatalogScheme(name.getValue());
  if (!scheme)
    return scheme.takeError();
  return SchemeAttr::get(context, *scheme);
}

bool SchemeMapEntry::matches(llvm::StringRef functionName, Location opLoc,
                             int64_t opIndex) const {
  if (function && *function != functionName)
    return false;
  if (index && *index != opIndex)
    return false;
  if (!loc)
    return true;
  bool found = false;
  opLoc->walk([&](Location nested) {
    if (auto name = dyn_cast<NameLoc>(nested))
      found |= name.getName().getValue() == *loc;
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

std::string SchemeMapEntry::describe() const {
  std::string text;
  auto add = [&](const std::string &part) {
    text += (text.empty() ? "" : ", ") + part;
  };
  if (function)
    add("function '" + *function + "'");
  if (loc)
    add("loc '" + *loc + "'");
  if (index)
    add("index " + std::to_string(*index));
  return text.empty() ? "every MatMul" : text;
}

static llvm::Error mapError(llvm::StringRef path, const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "scheme map '" + path + "': " + what);
}

llvm::Expected<SchemeMap> mlir::stl::readSchemeMap(llvm::StringRef path) {
  // Only regular files of bounded size (not a device or a pipe).
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(path, status))
    return mapError(path, "cannot read it: " + ec.message());
  if (!llvm::sys::fs::is_regular_file(status))
    return mapError(path, "cannot read it: it is not a regular file");
  if (status.getSize() > kMaxSchemeMapFileBytes)
    return mapError(path,
                    llvm::formatv("it has {0} bytes, more than {1}",
                                  status.getSize(), kMaxSchemeMapFileBytes));
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return mapError(path, "cannot read it: " + buffer.getError().message());
  llvm::Expected<json::Value> document = json::parse((*buffer)->getBuffer());
  if (!document)
    return mapError(path,
                    "invalid JSON: " + llvm::toString(document.takeError()));
  const json::Object *root = document->getAsObject();
  const json::Array *schemes = root ? root->getArray("schemes") : nullptr;
  if (!schemes)
    return mapError(path, "expected an object with an array \"schemes\"");
  for (const auto &[key, value] : *root)
    if (key != "schemes")
      return mapError(path, "unknown key \"" + key.str() +
                                "\" (expected only \"schemes\")");

  llvm::StringRef directory = llvm::sys::path::parent_path(path);
  SchemeMap map;
  for (auto [i, value] : llvm::enumerate(*schemes)) {
    std::string where = "entry #" + std::to_string(i);
    const json::Object *object = value.getAsObject();
    if (!object)
      return mapError(path, where + " is not an object");
    SchemeMapEntry entry;
    for (const auto &[key, field] : *object) {
      if (key == "function" || key == "loc" || key == "scheme") {
        std::optional<llvm::StringRef> text = field.getAsString();
        if (!text || text->empty())
          return mapError(path, where + ": \"" + key.str() +
                                    "\" must be a non-empty string");
        if (key == "function")
          entry.function = text->str();
        else if (key == "loc")
          entry.loc = text->str();
        else
          entry.scheme = text->str();
      } else if (key == "index") {
        std::optional<int64_t> number = field.getAsInteger();
        if (!number || *number < 0)
          return mapError(path, where + ": \"index\" must be an integer of "
                                        "at least 0");
        entry.index = *number;
      } else {
        return mapError(path, where + ": unknown key \"" + key.str() +
                                  "\" (expected function, loc, index, "
                                  "scheme)");
      }
    }
    if (entry.scheme.empty())
      return mapError(path, where + " names no \"scheme\"");
    // Scheme files relative to the map's directory.
    if (isSchemeFilePath(entry.scheme) &&
        llvm::sys::path::is_relative(entry.scheme) && !directory.empty()) {
      llvm::SmallString<256> resolved(directory);
      llvm::sys::path::append(resolved, entry.scheme);
      entry.scheme = resolved.str().str();
    }
    map.entries.push_back(std::move(entry));
  }
  return map;
}
