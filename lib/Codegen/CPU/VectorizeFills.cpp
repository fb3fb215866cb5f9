//===- VectorizeFills.cpp - Fills of buffers as vector stores -------------===//
//
// linalg.fill on a static buffer whose innermost dimension is contiguous:
// tiled along that dimension by a vector width that divides it, vectorized,
// and lowered to 1-D vector stores (the loop lowering would store one
// element at a time, and the STL lowering fills buffers r/16 times the size
// of the operands).
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/CPU/Passes.h"

#include "VectorLowering.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCPUVECTORIZEFILLS
#include "stl/Codegen/CPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;

/// The vector width (in elements) a fill of `type` is stored with: the
/// largest of 64, 32, 16, 8 dividing the innermost size; 0 when `type` does
/// not qualify (dynamic sizes, a non-contiguous innermost dimension, an
/// element type that is not an integer or float).
static int64_t getFillVectorWidth(MemRefType type) {
  if (!type.hasStaticShape() || type.getRank() == 0 ||
      !type.getElementType().isIntOrFloat())
    return 0;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)) || strides.back() != 1)
    return 0;
  for (int64_t width : {64, 32, 16, 8})
    if (type.getShape().back() % width == 0)
      return width;
  return 0;
}

namespace {
struct STLCPUVectorizeFillsPass
    : stl::impl::STLCPUVectorizeFillsBase<STLCPUVectorizeFillsPass> {
  void runOnOperation() override {
    Operation *root = getOperation();
    SmallVector<linalg::FillOp> fills;
    root->walk([&](linalg::FillOp fill) {
      if (fill.hasPureBufferSemantics())
        fills.push_back(fill);
    });

    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> nests; // The loops of the vectorized fills.
    for (linalg::FillOp fill : fills) {
      auto type = cast<MemRefType>(fill.getOutputs()[0].getType());
      int64_t width = getFillVectorWidth(type);
      if (!width)
        continue;
      SmallVector<int64_t> sizes(type.getRank(), 1);
      sizes.back() = width;
      scf::SCFTilingOptions options;
      options.setTileSizes(getAsIndexOpFoldResult(&getContext(), sizes));
      rewriter.setInsertionPoint(fill);
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
          rewriter, cast<TilingInterface>(fill.getOperation()), options);
      if (failed(tiled) || tiled->tiledOps.size() != 1 || tiled->loops.empty())
        continue;
      rewriter.eraseOp(fill);
      Operation *tile = tiled->tiledOps.front();
      rewriter.setInsertionPoint(tile);
      if (failed(linalg::vectorize(rewriter, tile)))
        continue; // The tiled fill is left to the loop lowering.
      rewriter.eraseOp(tile);
      nests.push_back(tiled->loops.front());
    }
    if (nests.empty())
      return;

    // vector<1x...x1xW> writes to subviews -> 1-D stores on the buffers, in
    // the fills' loops only (the rest of the function is not this pass's).
    RewritePatternSet patternList(&getContext());
    memref::populateFoldMemRefAliasOpPatterns(patternList);
    stl::populateUnrolledVectorTransferLoweringPatterns(patternList);
    FrozenRewritePatternSet patterns(std::move(patternList));
    for (Operation *nest : nests) {
      if (succeeded(applyPatternsGreedily(nest, patterns)))
        continue;
      nest->emitError()
          << "stl-cpu-vectorize-fills: the vector lowering did not converge";
      return signalPassFailure();
    }
  }
};
} // namespace
