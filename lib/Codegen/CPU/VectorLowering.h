//===- VectorLowering.h - Vector ops to what the LLVM conversion takes ----===//
//
// Shared by the CPU code generation passes (internal to STLCodegenCPU).
//
//===----------------------------------------------------------------------===//

#ifndef STL_LIB_CONVERSION_TOCPU_VECTORLOWERING_H
#define STL_LIB_CONVERSION_TOCPU_VECTORLOWERING_H

namespace mlir {
class RewritePatternSet;
namespace stl {

/// Patterns that lower n-D vector transfers to fully unrolled 1-D transfers
/// and then to vector loads and stores, with the broadcasts and shape casts
/// they leave.
void populateUnrolledVectorTransferLoweringPatterns(
    RewritePatternSet &patterns);

} // namespace stl
} // namespace mlir

#endif // STL_LIB_CONVERSION_TOCPU_VECTORLOWERING_H
