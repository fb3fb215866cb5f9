//===- STLToLinalg.cpp - Lowering stl ops to linalg -----------------------===//
//
// Each stl op becomes one target-neutral linalg.generic contraction on
// tensors, on the tiled views of the matrices:
//
//   encode  out[B, rho, G1, G2] = C[rho, a, b] * in[B, G1, a, G2, b]
//   product out[B, rho, I, J]  += lhs[B, rho, I, P] * rhs[(B), rho, P, J]
//   decode  out[B, I, a, J, c] += D[a, c, rho] * in[B, rho, I, J]
//
// (sums over the indices that are not on the left), where the tiled
// matrices are `tensor.expand_shape`s of the matrices, C and D the scheme's
// coefficients as dense constants, and the encoding's destination is
// zero-filled first. Targets shape these for their code generators (the CPU
// one packs operands into row-major layouts: --stl-cpu-pack-contractions).
//
// Run on a module, the pass first outlines stl ops that occur more than once
// with the same attributes and types into one private function each (a
// model's repeated layers): the code generators and the LLVM lowering then
// see each kernel once instead of once per layer.
//
//===----------------------------------------------------------------------===//

#include "stl/Conversion/STLToLinalg/STLToLinalg.h"
#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Utils/ElementUtils.h"
#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/MapVector.h"

#include <map>

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_CONVERTSTLTOLINALG
#include "stl/Conversion/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

/// `x * y` and `x + y` in the arithmetic of their (float or integer) type.
static Value multiply(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<IntegerType>(x.getType()))
    return arith::MulIOp::create(b, loc, x, y);
  return arith::MulFOp::create(b, loc, x, y);
}
static Value add(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<IntegerType>(x.getType()))
    return arith::AddIOp::create(b, loc, x, y);
  return arith::AddFOp::create(b, loc, x, y);
}

/// A dense constant of the given shape holding `values` (row-major),
/// rounded to the float `elementType`, or converted to the integer
/// `elementType` (the verifiers ensure integer values of at most 2^53).
static Value createCoefficients(OpBuilder &b, Location loc,
                                ArrayRef<int64_t> shape, Type elementType,
                                ArrayRef<double> values) {
  auto type = RankedTensorType::get(shape, elementType);
  if (auto intType = dyn_cast<IntegerType>(elementType)) {
    SmallVector<APInt> converted;
    converted.reserve(values.size());
    for (double x : values)
      converted.push_back(APInt(intType.getWidth(), static_cast<int64_t>(x),
                                /*isSigned=*/true, /*implicitTrunc=*/true));
    return arith::ConstantOp::create(b, loc, type,
                                     DenseElementsAttr::get(type, converted));
  }
  auto floatType = cast<FloatType>(elementType);
  SmallVector<APFloat> converted;
  converted.reserve(values.size());
  for (double x : values) {
    APFloat f(x);
    bool losesInfo = false;
    f.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
              &losesInfo);
    converted.push_back(f);
  }
  return arith::ConstantOp::create(b, loc, type,
                                   DenseElementsAttr::get(type, converted));
}

/// Builds the affine map (d_0, ..., d_{numDims-1}) -> (d_i for i in dims).
static AffineMap projection(MLIRContext *ctx, int64_t numDims,
                            ArrayRef<int64_t> dims) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d : dims)
    exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(numDims, 0, exprs, ctx);
}

static SmallVector<int64_t> range(int64_t begin, int64_t end) {
  SmallVector<int64_t> r;
  for (int64_t i = begin; i < end; ++i)
    r.push_back(i);
  return r;
}

static SmallVector<int64_t> concat(ArrayRef<int64_t> a, ArrayRef<int64_t> b) {
  SmallVector<int64_t> r(a);
  r.append(b.begin(), b.end());
  return r;
}

/// Builds `out += convert(x) * convert(y)` over the given loop nest, all in
/// the element type of `init` (narrow integers zero-extended with
/// `zeroExtend`, sign-extended otherwise).
static Value buildMultiplyAccumulate(OpBuilder &b, Location loc, Value x,
                                     Value y, Value init,
                                     ArrayRef<AffineMap> maps,
                                     int64_t numParallel, int64_t numReduction,
                                     bool zeroExtend = false) {
  SmallVector<utils::IteratorType> iterators(numParallel,
                                             utils::IteratorType::parallel);
  iterators.append(numReduction, utils::IteratorType::reduction);
  Type accType = cast<RankedTensorType>(init.getType()).getElementType();
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{x, y}, ValueRange{init}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value lhs = convertElement(nb, nloc, args[0], accType, zeroExtend);
        Value rhs = convertElement(nb, nloc, args[1], accType, zeroExtend);
        Value prod = multiply(nb, nloc, lhs, rhs);
        Value sum = add(nb, nloc, args[2], prod);
        linalg::YieldOp::create(nb, nloc, sum);
      });
  return generic.getResult(0);
}

/// `source` rounded elementwise into `destination` (a tensor of the same
/// shape and a narrower float type).
static Value roundInto(OpBuilder &b, Location loc, Value source,
                       Value destination) {
  auto type = cast<RankedTensorType>(destination.getType());
  int64_t rank = type.getRank();
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, type, ValueRange{source}, ValueRange{destination},
      ArrayRef<AffineMap>{identity, identity}, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(
            nb, nloc, convertElement(nb, nloc, args[0], type.getElementType()));
      });
  return generic.getResult(0);
}

namespace {
struct EncodeLowering : OpConversionPattern<EncodeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(EncodeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    SchemeAttr s = op.getScheme();
    auto [rowTile, colTile] = s.getOperandTile(op.getOperand());
    Value input = refineShape(rewriter, loc, adaptor.getInput());
    Value destination = refineShape(rewriter, loc, adaptor.getInit());
    auto outType = cast<RankedTensorType>(destination.getType());
    int64_t nb = outType.getRank() - 3;

    // out[B..., rho, G1, G2] = sum_{a,b} C[rho, a, b] * in[B..., G1, a, G2, b]
    // into the zero-filled destination. Encodings narrower than f32 (f16,
    // bf16: tensor-core operands) are summed in f32 and rounded once
    // (STL.md section 8), not rounded after every addition.
    Type encodedType = outType.getElementType();
    auto narrowFloat = dyn_cast<FloatType>(encodedType);
    bool roundOnce = narrowFloat && narrowFloat.getWidth() < 32;
    Type sumType = roundOnce ? rewriter.getF32Type() : encodedType;
    Value coeffs =
        createCoefficients(rewriter, loc, {s.getRank(), rowTile, colTile},
                           sumType, s.getOperandCoefficients(op.getOperand()));
    Value tiled = expandToTiles(rewriter, loc, input, rowTile, colTile);
    Value sums = destination;
    if (roundOnce)
      sums = tensor::EmptyOp::create(
          rewriter, loc, tensor::getMixedSizes(rewriter, loc, destination),
          sumType);
    Value init = createZeroFilled(rewriter, loc, sums);

    // Loops: B..., rho, G1, G2 (parallel), a, b (reduction).
    int64_t rho = nb, g1 = nb + 1, g2 = nb + 2, a = nb + 3, b = nb + 4;
    int64_t numDims = nb + 5;
    SmallVector<int64_t> batch = range(0, nb);
    SmallVector<AffineMap> maps = {
        projection(ctx, numDims, {rho, a, b}),
        projection(ctx, numDims, concat(batch, {g1, a, g2, b})),
        projection(ctx, numDims, concat(batch, {rho, g1, g2}))};
    Value encoded =
        buildMultiplyAccumulate(rewriter, loc, coeffs, tiled, init, maps,
                                nb + 3, 2, op.getZeroExtend());
    if (roundOnce)
      encoded = roundInto(rewriter, loc, encoded, destination);
    rewriter.replaceOp(
        op, castTo(rewriter, loc, encoded, op.getResult().getType()));
    return success();
  }
};

struct TileProductLowering : OpConversionPattern<TileProductOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TileProductOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    MLIRContext *ctx = op.getContext();
    auto outType = cast<RankedTensorType>(op.getInit().getType());
    int64_t nb = outType.getRank() - 3;
    int64_t nbRhs = cast<RankedTensorType>(op.getRhs().getType()).getRank() - 3;
    // Loops: B..., rho, I, J (parallel), P (reduction).
    int64_t rho = nb, i = nb + 1, j = nb + 2, p = nb + 3;
    int64_t numDims = nb + 4;
    SmallVector<int64_t> batch = range(0, nb);
    SmallVector<int64_t> rhsBatch = range(0, nbRhs);
    SmallVector<AffineMap> maps = {
        projection(ctx, numDims, concat(batch, {rho, i, p})),
        projection(ctx, numDims, concat(rhsBatch, {rho, p, j})),
        projection(ctx, numDims, concat(batch, {rho, i, j}))};
    rewriter.replaceOp(
        op, buildMultiplyAccumulate(rewriter, op.getLoc(), adaptor.getLhs(),
                                    adaptor.getRhs(), adaptor.getInit(), maps,
                                    nb + 3, 1));
    return success();
  }
};

struct DecodeLowering : OpConversionPattern<DecodeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(DecodeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    SchemeAttr s = op.getScheme();
    Value products = refineShape(rewriter, loc, adaptor.getInput());
    Value destination = refineShape(rewriter, loc, adaptor.getInit());
    auto outType = cast<RankedTensorType>(destination.getType());
    int64_t nb = outType.getRank() - 2;

    // out[B..., I, a, J, c] += sum_rho D[a, c, rho] * in[B..., rho, I, J],
    // accumulated into the destination's tiles.
    Value coeffs =
        createCoefficients(rewriter, loc, {s.getM(), s.getN(), s.getRank()},
                           outType.getElementType(), s.getOutCoefficients());
    Value tiled = expandToTiles(rewriter, loc, destination, s.getM(), s.getN());

    // Loops: B..., I, a, J, c (parallel), rho (reduction).
    int64_t i = nb, a = nb + 1, j = nb + 2, c = nb + 3, rho = nb + 4;
    int64_t numDims = nb + 5;
    SmallVector<int64_t> batch = range(0, nb);
    SmallVector<AffineMap> maps = {
        projection(ctx, numDims, {a, c, rho}),
        projection(ctx, numDims, concat(batch, {rho, i, j})),
        projection(ctx, numDims, concat(batch, {i, a, j, c}))};
    Value decoded = buildMultiplyAccumulate(rewriter, loc, coeffs, products,
                                            tiled, maps, nb + 4, 1);

    Value collapsed = tensor::CollapseShapeOp::create(
        rewriter, loc, outType, decoded, getTileReassociation(nb));
    rewriter.replaceOp(
        op, castTo(rewriter, loc, collapsed, op.getResult().getType()));
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Outlining repeated ops
//===----------------------------------------------------------------------===//

namespace {
/// How an outlined op's destination reaches its function. The function
/// computes into a tensor of its own (returned as a fresh buffer once
/// bufferized: a function returning its argument's buffer would have to
/// copy it for its caller to own it).
enum class InitForm {
  /// stl.encode overwrites its destination: only its sizes matter, so it is
  /// passed only when some are dynamic.
  Overwritten,
  /// A static destination filled with a scalar (`linalg.fill`, as MatMul
  /// accumulators and the decomposition's are): the scalar is passed and
  /// the function fills its own tensor.
  Filled,
  /// Anything else: passed, and copied into the function's tensor.
  Copied,
};

/// The ops of one outlined function: the same op, attributes, types and
/// destination form.
struct OutlineGroup {
  InitForm form;
  SmallVector<Operation *> ops;
};
} // namespace

/// How `op`'s destination is passed (see InitForm); `fillValue` is set for
/// InitForm::Filled.
static InitForm getInitForm(Operation *op, Value &fillValue) {
  Value init = cast<DestinationStyleOpInterface>(op).getDpsInits()[0];
  if (isa<EncodeOp>(op))
    return InitForm::Overwritten;
  auto fill = init.getDefiningOp<linalg::FillOp>();
  if (fill && fill.hasPureTensorSemantics() &&
      cast<RankedTensorType>(init.getType()).hasStaticShape()) {
    fillValue = fill.getInputs()[0];
    return InitForm::Filled;
  }
  return InitForm::Copied;
}

/// Whether the outlined function takes `op`'s destination as an argument.
static bool passesInit(Operation *op, InitForm form) {
  Value init = cast<DestinationStyleOpInterface>(op).getDpsInits()[0];
  return form == InitForm::Copied ||
         (form == InitForm::Overwritten &&
          !cast<RankedTensorType>(init.getType()).hasStaticShape());
}

/// The arguments of the call replacing `op`.
static SmallVector<Value> getOutlinedArguments(Operation *op, InitForm form) {
  auto dps = cast<DestinationStyleOpInterface>(op);
  SmallVector<Value> args(dps.getDpsInputs());
  Value fillValue;
  getInitForm(op, fillValue);
  if (passesInit(op, form))
    args.push_back(dps.getDpsInits()[0]);
  else if (form == InitForm::Filled)
    args.push_back(fillValue);
  return args;
}

/// A private function of `module` computing `op` on the arguments
/// getOutlinedArguments gives (for `form`) into a tensor of its own.
static func::FuncOp createOutlinedFunction(OpBuilder &b, ModuleOp module,
                                           SymbolTable &symbols, Operation *op,
                                           InitForm form, int64_t index) {
  auto dps = cast<DestinationStyleOpInterface>(op);
  Location loc = op->getLoc();
  SmallVector<Value> args = getOutlinedArguments(op, form);
  auto type =
      b.getFunctionType(ValueRange(args).getTypes(), op->getResultTypes());
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(module.getBody());
  std::string name =
      ("__stl_" + op->getName().stripDialect() + "_" + Twine(index)).str();
  auto fn = func::FuncOp::create(b, loc, name, type);
  fn.setPrivate();
  symbols.insert(fn); // renamed if the name is taken
  Block *entry = fn.addEntryBlock();
  b.setInsertionPointToStart(entry);

  int64_t numInputs = dps.getNumDpsInputs();
  auto initType = cast<RankedTensorType>(dps.getDpsInits()[0].getType());
  SmallVector<Value> dynamicSizes;
  if (passesInit(op, form))
    for (int64_t d = 0; d < initType.getRank(); ++d)
      if (initType.isDynamicDim(d))
        dynamicSizes.push_back(
            tensor::DimOp::create(b, loc, entry->getArgument(numInputs), d));
  Value init = tensor::EmptyOp::create(b, loc, initType.getShape(),
                                       initType.getElementType(), dynamicSizes);
  if (form == InitForm::Filled)
    init = linalg::FillOp::create(b, loc, entry->getArgument(numInputs), init)
               .getResult(0);
  else if (form == InitForm::Copied)
    init = linalg::CopyOp::create(b, loc,
                                  ValueRange{entry->getArgument(numInputs)},
                                  ValueRange{init})
               .getResult(0);

  // The op on the arguments (operand by operand: two operands may be one
  // value at this call site and not at others).
  Operation *clone = b.clone(*op);
  for (int64_t i = 0; i < numInputs; ++i)
    clone->setOperand(dps.getDpsInputOperand(i)->getOperandNumber(),
                      entry->getArgument(i));
  clone->setOperand(dps.getDpsInitOperand(0)->getOperandNumber(), init);
  func::ReturnOp::create(b, loc, clone->getResults());
  return fn;
}

/// Outlines every stl op of `module`'s functions that occurs at least twice
/// with the same attributes, types and destination form into one private
/// function per such group, called where the ops were.
static void outlineRepeatedOps(ModuleOp module) {
  // Groups in the order of their first op (deterministic names).
  using Key = std::vector<const void *>;
  llvm::MapVector<Key, OutlineGroup, std::map<Key, unsigned>> groups;
  for (auto fn : module.getOps<func::FuncOp>()) {
    fn.walk([&](Operation *op) {
      if (!isa<MatmulOp, EncodeOp, TileProductOp, DecodeOp>(op))
        return;
      Value fillValue;
      InitForm form = getInitForm(op, fillValue);
      Key key = {op->getName().getAsOpaquePointer(),
                 op->getPropertiesAsAttribute().getAsOpaquePointer(),
                 op->getDiscardableAttrDictionary().getAsOpaquePointer(),
                 reinterpret_cast<const void *>(static_cast<uintptr_t>(form)),
                 fillValue ? fillValue.getType().getAsOpaquePointer()
                           : nullptr};
      for (Type t : op->getOperandTypes())
        key.push_back(t.getAsOpaquePointer());
      for (Type t : op->getResultTypes())
        key.push_back(t.getAsOpaquePointer());
      auto [it, inserted] = groups.try_emplace(key, OutlineGroup{form, {}});
      it->second.ops.push_back(op);
    });
  }

  OpBuilder b(module.getContext());
  SymbolTable symbols(module);
  int64_t index = 0;
  for (auto &[key, group] : groups) {
    if (group.ops.size() < 2)
      continue;
    func::FuncOp fn = createOutlinedFunction(
        b, module, symbols, group.ops.front(), group.form, index++);
    for (Operation *op : group.ops) {
      b.setInsertionPoint(op);
      auto call = func::CallOp::create(b, op->getLoc(), fn,
                                       getOutlinedArguments(op, group.form));
      op->replaceAllUsesWith(call.getResults());
      op->erase();
    }
  }
}

namespace {
struct ConvertSTLToLinalgPass
    : stl::impl::ConvertSTLToLinalgBase<ConvertSTLToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    if (auto module = dyn_cast<ModuleOp>(getOperation()))
      outlineRepeatedOps(module);
    ConversionTarget target(*ctx);
    target.addIllegalDialect<STLDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(ctx);
    populateDecomposeMatmulPatterns(patterns,
                                    /*decodeIntoDestination=*/
                                    perTileEncodings);
    populateSTLToLinalgConversionPatterns(patterns);
    if (perTileEncodings)
      populateSTLToLinalgPerTileEncodingPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void mlir::stl::populateSTLToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<EncodeLowering, TileProductLowering, DecodeLowering>(
      patterns.getContext());
}
