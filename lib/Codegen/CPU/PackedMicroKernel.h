//===- PackedMicroKernel.h - Packed operands and a register kernel -*- C++ -*-//
//
// The code generation of the CPU strategy "packed-micro-kernel" (internal
// to STLCodegenCPU; applied by --stl-cpu-vectorize-contractions).
//
//===----------------------------------------------------------------------===//

#ifndef STL_LIB_CODEGEN_CPU_PACKEDMICROKERNEL_H
#define STL_LIB_CODEGEN_CPU_PACKEDMICROKERNEL_H

#include "mlir/Support/LLVM.h"

namespace mlir {
class Operation;
class RewriterBase;
namespace stl {
struct CPUContractionStrategy;
struct MatmulContraction;

/// Replaces `contraction` (on buffers, static sizes, one K loop, row-major,
/// one element type; other M and N loops than the innermost are iterated
/// around the nest, as batch loops are) by the packed loop nest that
/// `strategy`'s blocks and register tile describe; with `parallel`, the
/// packing of B and the blocks of M are scf.parallel loops. Returns the
/// outermost loop of the nest (the packed buffers are allocated before it
/// and freed after it), or failure with the contraction untouched.
FailureOr<Operation *> generatePackedContraction(
    RewriterBase &rewriter, const MatmulContraction &contraction,
    const CPUContractionStrategy &strategy, bool parallel);

} // namespace stl
} // namespace mlir

#endif // STL_LIB_CODEGEN_CPU_PACKEDMICROKERNEL_H
