//===- Decompose.cpp - stl.matmul to encode / tile product / decode -------===//

#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"
#include "stl/Dialect/STL/Utils/ElementUtils.h"
#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLDECOMPOSE
#include "stl/Dialect/STL/Transforms/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

/// `tensor` with its elements converted to `elementType` (floats extended or
/// rounded to nearest, integers sign-extended or truncated), as an
/// element-wise linalg.generic.
static Value convertElements(OpBuilder &b, Location loc, Value tensor,
                             Type elementType) {
  auto type = cast<RankedTensorType>(tensor.getType());
  if (type.getElementType() == elementType)
    return tensor;
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, tensor);
  Value init = tensor::EmptyOp::create(b, loc, sizes, elementType);
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(type.getRank(), b.getContext());
  SmallVector<utils::IteratorType> parallel(type.getRank(),
                                            utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{tensor}, ValueRange{init},
             ArrayRef<AffineMap>{identity, identity}, parallel,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               Value converted = convertElement(nb, nloc, args[0], elementType);
               linalg::YieldOp::create(nb, nloc, converted);
             })
      .getResult(0);
}

DecodeOp mlir::stl::decomposeMatmul(RewriterBase &rewriter, MatmulOp op,
                                    bool decodeIntoDestination) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  SchemeAttr scheme = op.getScheme();
  MLIRContext *ctx = op.getContext();
  TileShape t = scheme.getTile();
  int64_t r = scheme.getRank();
  auto outType = cast<RankedTensorType>(op.getInit().getType());
  // Products accumulate and are decoded in f32 at least: an f16 or bf16
  // destination is extended, and the result rounded once.
  Type accType = op.getAccumulatorElementType();

  // Encoded operands: the operands' type, widened to the destination's (f16
  // operands of an f32 MatMul are encoded into f32), unless the op says.
  Type storageType = op.getEncodedElementType();
  auto encode = [&](Value operand, OperandKind kind, int64_t rowTile,
                    int64_t colTile) -> Value {
    SmallVector<OpFoldResult> sizes =
        getEncodedSizes(rewriter, loc, operand, r, rowTile, colTile);
    Value init = tensor::EmptyOp::create(rewriter, loc, sizes, storageType);
    return EncodeOp::create(rewriter, loc, init.getType(), operand, init,
                            OperandKindAttr::get(ctx, kind), scheme,
                            op.getZeroExtendAttr())
        .getResult();
  };
  Value lhsEnc = encode(op.getLhs(), OperandKind::Lhs, t.m, t.k);
  Value rhsEnc = encode(op.getRhs(), OperandKind::Rhs, t.k, t.n);

  // The channel products accumulate, from zero, in the destination type.
  SmallVector<OpFoldResult> prodSizes =
      getEncodedSizes(rewriter, loc, op.getInit(), r, t.m, t.n);
  Value prodInit = createZeroFilled(
      rewriter, loc,
      tensor::EmptyOp::create(rewriter, loc, prodSizes, accType));
  Value prod = TileProductOp::create(rewriter, loc, prodInit.getType(), lhsEnc,
                                     rhsEnc, prodInit)
                   .getResult();

  // A float destination is decoded into directly when asked (and when it
  // holds the decoding's coefficients): the lowering then sums in f32 and
  // rounds once into it.
  Type outElement = outType.getElementType();
  bool direct = decodeIntoDestination && isa<FloatType>(outElement) &&
                isa<FloatType>(accType) &&
                checkCoefficientsFit(scheme, storageType, outElement).empty();
  Value decodeInit =
      direct ? op.getInit()
             : convertElements(rewriter, loc, op.getInit(), accType);
  auto decode = DecodeOp::create(rewriter, loc, decodeInit.getType(), prod,
                                 decodeInit, scheme);
  rewriter.replaceOp(
      op, direct
              ? decode.getResult()
              : convertElements(rewriter, loc, decode.getResult(), outElement));
  return decode;
}

namespace {
struct DecomposeMatmul : OpRewritePattern<MatmulOp> {
  DecomposeMatmul(MLIRContext *ctx, bool decodeIntoDestination)
      : OpRewritePattern(ctx), decodeIntoDestination(decodeIntoDestination) {}

  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    decomposeMatmul(rewriter, op, decodeIntoDestination);
    return success();
  }

  bool decodeIntoDestination;
};

struct STLDecomposePass : stl::impl::STLDecomposeBase<STLDecomposePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateDecomposeMatmulPatterns(patterns);
    // Only decompose: leave the rest of the IR as it is (no folding, no
    // constant deduplication, no region simplification).
    GreedyRewriteConfig config;
    config.enableFolding(false).enableConstantCSE(false);
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(
            applyPatternsGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace

void mlir::stl::populateDecomposeMatmulPatterns(RewritePatternSet &patterns,
                                                bool decodeIntoDestination) {
  patterns.add<DecomposeMatmul>(patterns.getContext(), decodeIntoDestination);
}
