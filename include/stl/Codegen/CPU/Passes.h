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

#define GEN_PASS_DECL_STLCPUVECTORIZECONTRACTIONS
#define GEN_PASS_DECL_STLCPUVECTORIZEFILLS
#define GEN_PASS_DECL_STLCPUMATHTOF32
#include "stl/Codegen/CPU/Passes.h.inc"

/// The tile sizes `--stl-cpu-vectorize-contractions` uses when none are
/// given: M, N, K of a cache block and of the register micro-kernel.
inline constexpr int64_t kDefaultCPUCacheTiles[] = {64, 256, 128};
inline constexpr int64_t kDefaultCPURegisterTiles[] = {8, 32, 4};

#define GEN_PASS_REGISTRATION
#include "stl/Codegen/CPU/Passes.h.inc"

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_CPU_PASSES_H
