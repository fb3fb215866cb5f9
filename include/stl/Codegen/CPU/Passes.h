//===- Passes.h - CPU code generation passes --------------------*- C++ -*-===//

#ifndef STL_CODEGEN_CPU_PASSES_H
#define STL_CODEGEN_CPU_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace stl {

#define GEN_PASS_DECL_STLCPUFUSEENCODINGS
#define GEN_PASS_DECL_STLCPUPACKCONTRACTIONS
#define GEN_PASS_DECL_STLCPUVECTORIZECONTRACTIONS
#define GEN_PASS_DECL_STLCPUPARALLELIZEELEMENTWISE
#define GEN_PASS_DECL_STLCPUVECTORIZEFILLS
#define GEN_PASS_DECL_STLCPUMATHTOF32
#include "stl/Codegen/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "stl/Codegen/CPU/Passes.h.inc"

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_CPU_PASSES_H
