//===- Dialect.cpp - C API of the stl dialect -----------------------------===//

#include "stl-c/Dialect.h"

#include "stl/Dialect/STL/IR/STLAttrs.h"
#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Scheme/Scheme.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"

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

StlScheme stlSchemeAttrGetScheme(MlirAttribute attr) {
  auto schemeAttr = llvm::dyn_cast_if_present<stl::SchemeAttr>(unwrap(attr));
  if (!schemeAttr)
    return {nullptr};
  return {new stl::Scheme(schemeAttr.getScheme())};
}
