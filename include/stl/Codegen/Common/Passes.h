//===- Passes.h - Target-neutral code generation passes ---------*- C++ -*-===//

#ifndef STL_CODEGEN_COMMON_PASSES_H
#define STL_CODEGEN_COMMON_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace stl {

#define GEN_PASS_DECL_STLMEMREFCOPYTOLINALG
#define GEN_PASS_DECL_STLCHECKLOWEREDTOLLVM
#define GEN_PASS_DECL_STLFORWARDTEMPORARYCOPIES
#define GEN_PASS_DECL_STLREUSEWORKSPACE
#include "stl/Codegen/Common/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "stl/Codegen/Common/Passes.h.inc"

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_COMMON_PASSES_H
