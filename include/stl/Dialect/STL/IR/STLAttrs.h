//===- STLAttrs.h - Strassen-Tile attributes --------------------*- C++ -*-===//

#ifndef STL_DIALECT_STL_IR_STLATTRS_H
#define STL_DIALECT_STL_IR_STLATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Scheme/Scheme.h"

#include "stl/Dialect/STL/IR/STLOpsEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "stl/Dialect/STL/IR/STLOpsAttrDefs.h.inc"

#endif // STL_DIALECT_STL_IR_STLATTRS_H
