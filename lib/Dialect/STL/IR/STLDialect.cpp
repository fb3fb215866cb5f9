//===- STLDialect.cpp - Strassen-Tile dialect -----------------------------===//

#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Dialect/STL/IR/STLAttrs.h"
#include "stl/Dialect/STL/IR/STLOps.h"

#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace mlir::stl;

#include "stl/Dialect/STL/IR/STLOpsDialect.cpp.inc"

namespace {
/// Schemes in the full form print once per module, as an alias the ops refer
/// to (`#stl_my_scheme = #stl.scheme<name = "my-scheme", ...>`); those in
/// the catalog form print as their name, which is as short.
struct STLOpAsmDialectInterface : public OpAsmDialectInterface {
  using OpAsmDialectInterface::OpAsmDialectInterface;

  AliasResult getAlias(Attribute attr, raw_ostream &os) const override {
    auto scheme = dyn_cast<SchemeAttr>(attr);
    if (!scheme || scheme.isCatalogScheme())
      return AliasResult::NoAlias;
    os << scheme.getAliasName();
    return AliasResult::FinalAlias;
  }
};
} // namespace

void STLDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "stl/Dialect/STL/IR/STLOps.cpp.inc"
      >();
  addInterfaces<STLOpAsmDialectInterface>();
}
