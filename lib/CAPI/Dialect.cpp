//===- Dialect.cpp - C API of the stl dialect -----------------------------===//

#include "stl-c/Dialect.h"

#include "stl/Dialect/STL/IR/STLAttrs.h"
#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"
#include "stl/Scheme/Scheme.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstring>
#include <optional>

using namespace mlir;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(STL, stl, mlir::stl::STLDialect)

bool stlAttributeIsAScheme(MlirAttribute attr) {
  return !mlirAttributeIsNull(attr) && llvm::isa<stl::SchemeAttr>(unwrap(attr));
}

MlirAttribute stlSchemeAttrGet(MlirContext ctx, StlScheme scheme) {
  if (mlirContextIsNull(ctx) || stlSchemeIsNull(scheme))
    return {nullptr};
  MLIRContext *context = unwrap(ctx);
  context->getOrLoadDialect<stl::STLDialect>();
  return wrap(stl::SchemeAttr::get(
      context, *static_cast<const stl::Scheme *>(scheme.ptr)));
}

MlirStringRef stlSchemeAttrName(void) { return wrap(stl::kSchemeAttrName); }

bool stlOperationSetScheme(MlirOperation op, MlirAttribute scheme) {
  if (mlirOperationIsNull(op) || mlirAttributeIsNull(scheme))
    return false;
  Attribute attr = unwrap(scheme);
  if (!llvm::isa<stl::SchemeAttr, StringAttr>(attr))
    return false;
  unwrap(op)->setAttr(stl::kSchemeAttrName, attr);
  return true;
}

MlirAttribute stlOperationGetScheme(MlirOperation op) {
  if (mlirOperationIsNull(op))
    return {nullptr};
  return wrap(unwrap(op)->getAttr(stl::kSchemeAttrName));
}

StlScheme stlSchemeAttrGetScheme(MlirAttribute attr) {
  auto schemeAttr = llvm::dyn_cast_if_present<stl::SchemeAttr>(unwrap(attr));
  if (!schemeAttr)
    return {nullptr};
  return {new stl::Scheme(schemeAttr.getScheme())};
}

//===----------------------------------------------------------------------===//
// Attribute text
//===----------------------------------------------------------------------===//

namespace {
/// A context of its own for the attribute's parser and printer (the stl
/// dialect loaded, no threads), which keeps the first error diagnostic and
/// where it was.
class AttributeContext {
public:
  AttributeContext()
      : context(MLIRContext::Threading::DISABLED),
        handler(&context, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error &&
              message.empty()) {
            message = diag.str();
            if (auto loc = llvm::dyn_cast<FileLineColRange>(diag.getLocation()))
              position = {loc.getStartLine(), loc.getStartColumn()};
          }
          return success();
        }) {
    context.getOrLoadDialect<stl::STLDialect>();
  }

  /// Parses the attribute at `offset` of `text`: all that follows it when
  /// `numRead` is null, else as much as it takes (`*numRead` characters).
  /// Reports the error, placed in `text`, and returns null on failure.
  stl::SchemeAttr parse(llvm::StringRef text, size_t offset, size_t *numRead,
                        MlirStringCallback errorCallback, void *userData) {
    message.clear();
    position.reset();
    Attribute attr =
        parseAttribute(text.drop_front(offset), &context, Type(), numRead);
    if (attr) {
      if (auto scheme = llvm::dyn_cast<stl::SchemeAttr>(attr))
        return scheme;
      message = "the text holds another attribute";
    }
    std::string where;
    if (position) {
      // The position is in the parsed text, from `offset` of `text`.
      llvm::StringRef before = text.take_front(offset);
      unsigned line = before.count('\n') + 1;
      // MLIR places an error at the end of an empty text in column 0.
      unsigned column = std::max(position->second, 1u);
      if (position->first == 1)
        column += offset - (before.rfind('\n') + 1);
      else
        line += position->first - 1;
      where = llvm::formatv(" at {0}:{1}", line, column);
    }
    if (message.empty())
      message = "it does not parse";
    std::string error =
        llvm::formatv("invalid #stl.scheme attribute{0}: {1}", where, message);
    if (errorCallback)
      errorCallback(mlirStringRefCreate(error.data(), error.size()), userData);
    return {};
  }

  MLIRContext context;

private:
  ScopedDiagnosticHandler handler;
  std::string message;
  std::optional<std::pair<unsigned, unsigned>> position;
};
} // namespace

static void reportNull(const char *message, MlirStringCallback errorCallback,
                       void *userData) {
  if (errorCallback)
    errorCallback(mlirStringRefCreate(message, strlen(message)), userData);
}

void stlSchemePrintAttribute(StlScheme scheme, MlirStringCallback callback,
                             void *userData) {
  if (stlSchemeIsNull(scheme) || !callback)
    return;
  AttributeContext ctx;
  std::string text;
  llvm::raw_string_ostream os(text);
  Attribute attr = stl::SchemeAttr::get(
      &ctx.context, *static_cast<const stl::Scheme *>(scheme.ptr));
  attr.print(os);
  os.flush();
  callback(mlirStringRefCreate(text.data(), text.size()), userData);
}

StlScheme stlSchemeParseAttribute(MlirStringRef text,
                                  MlirStringCallback errorCallback,
                                  void *userData) {
  if (!text.data && text.length) {
    reportNull("stlSchemeParseAttribute: the text is NULL", errorCallback,
               userData);
    return {nullptr};
  }
  // The attribute parser takes no white space before the attribute: it is
  // skipped here, comments too.
  llvm::StringRef all = unwrap(text);
  size_t start = 0;
  while (start < all.size()) {
    llvm::StringRef rest = all.drop_front(start);
    if (llvm::isSpace(rest.front()))
      ++start;
    else if (rest.starts_with("//"))
      start += std::min(rest.find('\n'), rest.size());
    else
      break;
  }
  AttributeContext ctx;
  stl::SchemeAttr attr =
      ctx.parse(all, start, nullptr, errorCallback, userData);
  if (!attr)
    return {nullptr};
  return {new stl::Scheme(attr.getScheme())};
}

MlirLogicalResult stlSchemeParseAttributes(MlirStringRef text,
                                           StlSchemeCallback callback,
                                           MlirStringCallback errorCallback,
                                           void *userData) {
  if (!text.data && text.length) {
    reportNull("stlSchemeParseAttributes: the text is NULL", errorCallback,
               userData);
    return mlirLogicalResultFailure();
  }
  llvm::StringRef all = unwrap(text);
  constexpr llvm::StringLiteral start = "#stl.scheme<";
  AttributeContext ctx;
  for (size_t pos = all.find(start); pos != llvm::StringRef::npos;
       pos = all.find(start, pos)) {
    size_t numRead = 0;
    stl::SchemeAttr attr =
        ctx.parse(all, pos, &numRead, errorCallback, userData);
    if (!attr)
      return mlirLogicalResultFailure();
    if (callback)
      callback({new stl::Scheme(attr.getScheme())}, userData);
    pos += std::max<size_t>(numRead, 1);
  }
  return mlirLogicalResultSuccess();
}
