//===- VectorLowering.cpp - Vector ops to what the LLVM conversion takes --===//

#include "VectorLowering.h"

#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

void mlir::stl::populateUnrolledVectorTransferLoweringPatterns(
    RewritePatternSet &patterns) {
  vector::populateVectorTransferLoweringPatterns(patterns, /*maxRank=*/1);
  populateVectorToSCFConversionPatterns(
      patterns,
      VectorTransferToSCFOptions().setTargetRank(1).enableFullUnroll());
  vector::populateVectorBroadcastLoweringPatterns(patterns);
  vector::populateVectorShapeCastLoweringPatterns(patterns);
}
