//===- STLTransformOps.h - Transform dialect ops for STL --------*- C++ -*-===//
//
// transform.stl.replace_matmul and transform.stl.decompose, registered with
// the transform dialect by registerTransformDialectExtension.
//
//===----------------------------------------------------------------------===//

#ifndef STL_DIALECT_STL_TRANSFORMOPS_STLTRANSFORMOPS_H
#define STL_DIALECT_STL_TRANSFORMOPS_STLTRANSFORMOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/IR/OpImplementation.h"

#define GET_OP_CLASSES
#include "stl/Dialect/STL/TransformOps/STLTransformOps.h.inc"

namespace mlir {
class DialectRegistry;
namespace stl {
/// Registers transform.stl.* with the transform dialect (and loads the stl
/// dialect with it).
void registerTransformDialectExtension(DialectRegistry &registry);
} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_TRANSFORMOPS_STLTRANSFORMOPS_H
