//===- FoldConstantEncodings.cpp - Encode constant weights ahead of time --===//

#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLFOLDCONSTANTENCODINGS
#include "stl/Dialect/STL/Transforms/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

/// The values of a dense float constant, in double precision (row-major).
static std::vector<double> toDoubles(DenseElementsAttr attr) {
  std::vector<double> out;
  out.reserve(attr.getNumElements());
  for (APFloat v : attr.getValues<APFloat>()) {
    bool losesInfo = false;
    v.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
    out.push_back(v.convertToDouble());
  }
  return out;
}

/// A dense constant of `type` from double values, rounded once.
static DenseElementsAttr fromDoubles(RankedTensorType type,
                                     ArrayRef<double> values) {
  Type elt = type.getElementType();
  if (elt.isF64())
    return DenseElementsAttr::get(type, values);
  if (elt.isF32()) {
    std::vector<float> f(values.begin(), values.end());
    return DenseElementsAttr::get(type, ArrayRef<float>(f));
  }
  const llvm::fltSemantics &sem = cast<FloatType>(elt).getFloatSemantics();
  SmallVector<APFloat> converted;
  converted.reserve(values.size());
  for (double x : values) {
    APFloat f(x);
    bool losesInfo = false;
    f.convert(sem, APFloat::rmNearestTiesToEven, &losesInfo);
    converted.push_back(f);
  }
  return DenseElementsAttr::get(type, converted);
}

/// Calls `fn(index, linear)` for every index of `shape`, in row-major order.
static void forEachIndex(ArrayRef<int64_t> shape,
                         function_ref<void(ArrayRef<int64_t>, int64_t)> fn) {
  int64_t count = 1;
  for (int64_t s : shape)
    count *= s;
  SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    fn(index, linear);
    for (int64_t d = static_cast<int64_t>(index.size()) - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

static DenseElementsAttr getDenseFloatConstant(Value v) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) ||
      !isa<FloatType>(attr.getElementType()))
    return {};
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !type.hasStaticShape())
    return {};
  return attr;
}

FailureOr<DenseElementsAttr>
mlir::stl::evaluateEncode(EncodeOp op, DenseElementsAttr input) {
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto outType = cast<RankedTensorType>(op.getInit().getType());
  if (!input || input.getType() != inType || !inType.hasStaticShape() ||
      !outType.hasStaticShape())
    return failure();
  SchemeAttr s = op.getScheme();
  bool isLhs = op.getOperand() == OperandKind::Lhs;
  int64_t rowTile = isLhs ? s.getM() : s.getK();
  int64_t colTile = isLhs ? s.getK() : s.getN();
  ArrayRef<double> coeffs =
      isLhs ? s.getLhsCoefficients() : s.getRhsCoefficients();
  int64_t r = s.getRank();
  int64_t rank = inType.getRank();
  int64_t rows = inType.getDimSize(rank - 2),
          cols = inType.getDimSize(rank - 1);
  int64_t batch = inType.getNumElements() / (rows * cols);
  int64_t gridRows = rows / rowTile, gridCols = cols / colTile;

  std::vector<double> x = toDoubles(input);
  std::vector<double> out(static_cast<size_t>(batch * r * gridRows * gridCols),
                          0.0);
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t rho = 0; rho < r; ++rho)
      for (int64_t a = 0; a < rowTile; ++a)
        for (int64_t c = 0; c < colTile; ++c) {
          double coeff = coeffs[(rho * rowTile + a) * colTile + c];
          if (coeff == 0.0)
            continue;
          for (int64_t g1 = 0; g1 < gridRows; ++g1) {
            const double *row = &x[(b * rows + g1 * rowTile + a) * cols + c];
            double *dst = &out[((b * r + rho) * gridRows + g1) * gridCols];
            for (int64_t g2 = 0; g2 < gridCols; ++g2)
              dst[g2] += coeff * row[g2 * colTile];
          }
        }
  return fromDoubles(outType, out);
}

namespace {
/// stl.matmul with a constant operand -> its decomposition, so that the
/// constant's encoding can be folded.
struct DecomposeMatmulWithConstantOperand : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (!getDenseFloatConstant(op.getLhs()) &&
        !getDenseFloatConstant(op.getRhs()))
      return rewriter.notifyMatchFailure(op, "no constant operand");
    decomposeMatmul(rewriter, op);
    return success();
  }
};

/// stl.encode of a constant -> the encoded constant.
struct FoldEncodeOfConstant : OpRewritePattern<EncodeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EncodeOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr input = getDenseFloatConstant(op.getInput());
    if (!input)
      return rewriter.notifyMatchFailure(op, "input is not a constant");
    FailureOr<DenseElementsAttr> encoded = evaluateEncode(op, input);
    if (failed(encoded))
      return rewriter.notifyMatchFailure(op, "cannot evaluate");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, *encoded);
    return success();
  }
};

/// linalg.transpose of a constant -> the transposed constant.
struct FoldTransposeOfConstant : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr input = getDenseFloatConstant(op.getInput());
    if (!input || !op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "input is not a constant");
    auto inType = cast<RankedTensorType>(input.getType());
    auto outType = cast<RankedTensorType>(op.getResult()[0].getType());
    ArrayRef<int64_t> perm = op.getPermutation();
    std::vector<double> in = toDoubles(input);
    std::vector<double> out(in.size());
    SmallVector<int64_t> inStrides = computeStrides(inType.getShape());
    forEachIndex(outType.getShape(),
                 [&](ArrayRef<int64_t> index, int64_t linear) {
                   // Output dimension i is input dimension perm[i].
                   int64_t src = 0;
                   for (size_t i = 0; i < index.size(); ++i)
                     src += index[i] * inStrides[perm[i]];
                   out[linear] = in[src];
                 });
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op,
                                                   fromDoubles(outType, out));
    return success();
  }
};

/// tensor.pad of a constant with a constant value and static amounts -> the
/// padded constant.
struct FoldPadOfConstant : OpRewritePattern<tensor::PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tensor::PadOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr input = getDenseFloatConstant(op.getSource());
    Value padValue = op.getConstantPaddingValue();
    FloatAttr pad;
    if (!input || !padValue || !matchPattern(padValue, m_Constant(&pad)) ||
        !op.getResultType().hasStaticShape())
      return rewriter.notifyMatchFailure(op, "not a static pad of a constant");
    auto inType = cast<RankedTensorType>(input.getType());
    RankedTensorType outType = op.getResultType();
    SmallVector<int64_t> low(op.getStaticLow());
    if (llvm::any_of(low, ShapedType::isDynamic))
      return rewriter.notifyMatchFailure(op, "dynamic padding");
    std::vector<double> in = toDoubles(input);
    std::vector<double> out(outType.getNumElements(), pad.getValueAsDouble());
    SmallVector<int64_t> outStrides = computeStrides(outType.getShape());
    forEachIndex(inType.getShape(),
                 [&](ArrayRef<int64_t> index, int64_t linear) {
                   int64_t dst = 0;
                   for (size_t i = 0; i < index.size(); ++i)
                     dst += (index[i] + low[i]) * outStrides[i];
                   out[dst] = in[linear];
                 });
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op,
                                                   fromDoubles(outType, out));
    return success();
  }
};

struct STLFoldConstantEncodingsPass
    : stl::impl::STLFoldConstantEncodingsBase<STLFoldConstantEncodingsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeMatmulWithConstantOperand, FoldEncodeOfConstant,
                 FoldTransposeOfConstant, FoldPadOfConstant>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
