//===- Passes.h - Every code generation pass --------------------*- C++ -*-===//

#ifndef STL_CODEGEN_PASSES_H
#define STL_CODEGEN_PASSES_H

#include "stl/Codegen/CPU/Passes.h"
#include "stl/Codegen/Common/Passes.h"
#include "stl/Codegen/GPU/Passes.h"

namespace mlir {
namespace stl {

/// Registers the passes of Codegen/Common, Codegen/CPU and Codegen/GPU.
inline void registerSTLCodegenPasses() {
  registerSTLCodegenCommonPasses();
  registerSTLCodegenCPUPasses();
  registerSTLCodegenGPUPasses();
}

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_PASSES_H
