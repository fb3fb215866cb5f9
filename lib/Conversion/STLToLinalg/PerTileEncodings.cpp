//===- PerTileEncodings.cpp - stl.encode / stl.decode per tile ------------===//
//
// The lowering of stl.encode and stl.decode for code generators that give
// each iteration of a parallel loop its own thread (the GPU's): one
// scf.parallel over the grid of tiles whose iteration reads one tile's
// elements and stores its channels (encode), or reads one grid cell's
// channels and stores its tile (decode), in a fresh buffer that becomes the
// op's result (bufferization.to_tensor, restrict and writable). The scheme's
// coefficients are folded into the arithmetic (a zero is no term, +1 / -1
// an addition / a subtraction), the sums computed in f32 (f64 for f64
// data) and rounded once into the destination's type; a decoding into a
// `linalg.fill` adds the scalar instead of reading the destination.
//
// Against the contraction form of STLToLinalg.cpp: no coefficient tensors
// (constants a device would copy in), no zero-filled f32 accumulator, no
// separate rounding pass, no reduction loop through memory; every element
// is read and written once. Why buffers: one iteration writes several
// elements (channels, tile positions) of one tensor, which a linalg.generic
// (one element per output) can only do through one output per channel,
// slices of one tensor that one-shot bufferization does not prove
// disjoint: it would copy each. A result copied into the caller's
// destination afterwards is computed there by
// --stl-forward-temporary-copies.
//
//===----------------------------------------------------------------------===//

#include "stl/Conversion/STLToLinalg/STLToLinalg.h"
#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Utils/ElementUtils.h"
#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::stl;

/// The type the sums of `a` and `b` data are computed in: f32, or f64 when
/// either is f64; null for integers and wider floats (left to the
/// contraction form).
static FloatType getSumType(Type a, Type b) {
  auto fa = dyn_cast<FloatType>(a), fb = dyn_cast<FloatType>(b);
  if (!fa || !fb)
    return {};
  unsigned width = std::max(fa.getWidth(), fb.getWidth());
  if (width <= 32)
    return Float32Type::get(a.getContext());
  if (width == 64)
    return Float64Type::get(a.getContext());
  return {};
}

/// `start + sum_i coefficients[i] * terms[i]` in the terms' float type,
/// added left to right; zero coefficients are skipped and +-1 are additions
/// and subtractions. A null `start` is no term; zero when there is none.
static Value buildLinearCombination(OpBuilder &b, Location loc,
                                    ArrayRef<double> coefficients,
                                    ArrayRef<Value> terms, Value start,
                                    FloatType type) {
  Value sum = start;
  for (auto [coefficient, term] : llvm::zip_equal(coefficients, terms)) {
    if (coefficient == 0)
      continue;
    if (!sum) {
      if (coefficient == 1)
        sum = term;
      else if (coefficient == -1)
        sum = arith::NegFOp::create(b, loc, term);
      else
        sum = arith::MulFOp::create(
            b, loc,
            arith::ConstantOp::create(b, loc,
                                      b.getFloatAttr(type, coefficient)),
            term);
      continue;
    }
    if (coefficient == 1) {
      sum = arith::AddFOp::create(b, loc, sum, term);
    } else if (coefficient == -1) {
      sum = arith::SubFOp::create(b, loc, sum, term);
    } else {
      Value product = arith::MulFOp::create(
          b, loc,
          arith::ConstantOp::create(b, loc, b.getFloatAttr(type, coefficient)),
          term);
      sum = arith::AddFOp::create(b, loc, sum, product);
    }
  }
  if (!sum)
    sum = arith::ConstantOp::create(b, loc, b.getFloatAttr(type, 0.0));
  return sum;
}

/// `sizes` without the dimensions `drop`.
static SmallVector<OpFoldResult> dropDims(ArrayRef<OpFoldResult> sizes,
                                          ArrayRef<int64_t> drop) {
  SmallVector<OpFoldResult> kept;
  for (auto [dim, size] : llvm::enumerate(sizes))
    if (!llvm::is_contained(drop, static_cast<int64_t>(dim)))
      kept.push_back(size);
  return kept;
}

/// `tensor`'s buffer, read only, in a fully dynamic strided layout (which
/// any buffer one-shot bufferization gives it can be cast to).
static Value getReadBuffer(OpBuilder &b, Location loc, Value tensor) {
  auto type = cast<RankedTensorType>(tensor.getType());
  auto layout = StridedLayoutAttr::get(
      b.getContext(), ShapedType::kDynamic,
      SmallVector<int64_t>(type.getRank(), ShapedType::kDynamic));
  auto bufferType =
      MemRefType::get(type.getShape(), type.getElementType(), layout);
  return bufferization::ToBufferOp::create(b, loc, bufferType, tensor,
                                           /*read_only=*/true);
}

/// The indices of one element of a matrix operand [B..., R, C] (`batch`
/// dimensions) in tile (`rowTile` x `colTile`) cell `cell` ([B..., G1,
/// G2]) at position (`a`, `c`) of the tile.
static SmallVector<Value> getTileElementIndices(OpBuilder &b, Location loc,
                                                ValueRange cell, int64_t batch,
                                                int64_t rowTile,
                                                int64_t colTile, int64_t a,
                                                int64_t c) {
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  SmallVector<Value> indices(cell.take_front(batch));
  indices.push_back(arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, cell[batch], index(rowTile)),
      index(a)));
  indices.push_back(arith::AddIOp::create(
      b, loc, arith::MulIOp::create(b, loc, cell[batch + 1], index(colTile)),
      index(c)));
  return indices;
}

/// The indices of channel `rho` of cell `cell` ([B..., G1, G2]) in an
/// encoded tensor [B..., r, G1, G2].
static SmallVector<Value> getChannelIndices(OpBuilder &b, Location loc,
                                            ValueRange cell, int64_t batch,
                                            int64_t rho) {
  SmallVector<Value> indices(cell.take_front(batch));
  indices.push_back(arith::ConstantIndexOp::create(b, loc, rho));
  indices.append(cell.begin() + batch, cell.end());
  return indices;
}

/// A fresh buffer of `like`'s sizes and `elementType`, written by a
/// parallel loop over the cells of a grid of `gridSizes`:
/// `buildCell(b, loc, cell)` computes a cell (its indices) and returns the
/// elements to store and where. Returns the buffer as a tensor (restrict,
/// writable: nothing else refers to it).
static Value
buildGridLoop(OpBuilder &b, Location loc, Value like, Type elementType,
              ArrayRef<OpFoldResult> gridSizes,
              function_ref<SmallVector<std::pair<Value, SmallVector<Value>>>(
                  OpBuilder &, Location, ValueRange)>
                  buildCell) {
  auto likeType = cast<RankedTensorType>(like.getType());
  auto bufferType = MemRefType::get(likeType.getShape(), elementType);
  SmallVector<Value> dynamicSizes;
  for (auto [dim, size] : llvm::enumerate(likeType.getShape()))
    if (ShapedType::isDynamic(size))
      dynamicSizes.push_back(tensor::DimOp::create(b, loc, like, dim));
  Value buffer = memref::AllocOp::create(b, loc, bufferType, dynamicSizes,
                                         b.getI64IntegerAttr(64));
  SmallVector<Value> zeros(gridSizes.size(),
                           arith::ConstantIndexOp::create(b, loc, 0));
  SmallVector<Value> ones(gridSizes.size(),
                          arith::ConstantIndexOp::create(b, loc, 1));
  scf::ParallelOp::create(
      b, loc, zeros, getValueOrCreateConstantIndexOp(b, loc, gridSizes), ones,
      [&](OpBuilder &nb, Location nl, ValueRange cell) {
        for (auto &[element, indices] : buildCell(nb, nl, cell))
          memref::StoreOp::create(nb, nl, element, buffer, indices);
      });
  return bufferization::ToTensorOp::create(b, loc, likeType.clone(elementType),
                                           buffer, b.getUnitAttr(),
                                           b.getUnitAttr());
}

namespace {
/// A scheme's coefficients ([outputs][terms], row-major: U or V with the
/// channels as outputs, D with the tile's elements) on the terms some
/// output uses.
struct UsedCoefficients {
  /// The terms with a non-zero coefficient somewhere, in order.
  SmallVector<int64_t> terms;
  /// Per output, its coefficients of those terms.
  SmallVector<SmallVector<double>> rows;
};
} // namespace

static UsedCoefficients getUsedCoefficients(ArrayRef<double> coefficients,
                                            int64_t outputs, int64_t terms) {
  UsedCoefficients used;
  for (int64_t term = 0; term < terms; ++term)
    if (llvm::any_of(llvm::seq<int64_t>(0, outputs), [&](int64_t out) {
          return coefficients[out * terms + term] != 0;
        }))
      used.terms.push_back(term);
  for (int64_t out = 0; out < outputs; ++out) {
    SmallVector<double> &row = used.rows.emplace_back();
    for (int64_t term : used.terms)
      row.push_back(coefficients[out * terms + term]);
  }
  return used;
}

namespace {
/// stl.encode: one iteration per tile of the input, reading its used
/// elements and writing every channel.
struct PerTileEncodeLowering : OpConversionPattern<EncodeOp> {
  PerTileEncodeLowering(MLIRContext *ctx)
      : OpConversionPattern(ctx, /*benefit=*/2) {}

  LogicalResult
  matchAndRewrite(EncodeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = refineShape(rewriter, loc, adaptor.getInput());
    Value destination = refineShape(rewriter, loc, adaptor.getInit());
    Type inElement = getElementTypeOrSelf(input.getType());
    Type outElement = getElementTypeOrSelf(destination.getType());
    FloatType sumType = getSumType(inElement, outElement);
    if (!sumType)
      return rewriter.notifyMatchFailure(op, "not float data");

    SchemeAttr s = op.getScheme();
    // Named, not bound: lambdas below capture them (C++17).
    int64_t rowTile, colTile;
    std::tie(rowTile, colTile) = s.getOperandTile(op.getOperand());
    int64_t tileSize = rowTile * colTile, rank = s.getRank();
    ArrayRef<double> coefficients = s.getOperandCoefficients(op.getOperand());
    int64_t nb = cast<RankedTensorType>(destination.getType()).getRank() - 3;
    // The channels from the tile elements some channel uses.
    UsedCoefficients used =
        getUsedCoefficients(coefficients, /*outputs=*/rank, tileSize);

    // Cells [B..., G1, G2]: the destination [B..., r, G1, G2] without the
    // channel.
    Value inputBuffer = getReadBuffer(rewriter, loc, input);
    SmallVector<OpFoldResult> grid =
        dropDims(tensor::getMixedSizes(rewriter, loc, destination), {nb});
    Value result = buildGridLoop(
        rewriter, loc, destination, outElement, grid,
        [&](OpBuilder &b, Location l, ValueRange cell) {
          SmallVector<Value> terms;
          for (int64_t e : used.terms)
            terms.push_back(convertElement(
                b, l,
                memref::LoadOp::create(
                    b, l, inputBuffer,
                    getTileElementIndices(b, l, cell, nb, rowTile, colTile,
                                          e / colTile, e % colTile)),
                sumType));
          SmallVector<std::pair<Value, SmallVector<Value>>> writes;
          for (int64_t rho = 0; rho < rank; ++rho) {
            Value sum = buildLinearCombination(b, l, used.rows[rho], terms,
                                               /*start=*/{}, sumType);
            writes.emplace_back(convertElement(b, l, sum, outElement),
                                getChannelIndices(b, l, cell, nb, rho));
          }
          return writes;
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// stl.decode: one iteration per cell of the product grid, reading its
/// channels and writing its tile of the destination.
struct PerTileDecodeLowering : OpConversionPattern<DecodeOp> {
  PerTileDecodeLowering(MLIRContext *ctx)
      : OpConversionPattern(ctx, /*benefit=*/2) {}

  LogicalResult
  matchAndRewrite(DecodeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value products = refineShape(rewriter, loc, adaptor.getInput());
    Type inElement = getElementTypeOrSelf(products.getType());
    Type outElement = getElementTypeOrSelf(adaptor.getInit().getType());
    FloatType sumType = getSumType(inElement, outElement);
    if (!sumType)
      return rewriter.notifyMatchFailure(op, "not float data");

    // A destination filled with a scalar: the scalar is added (nothing
    // when it is zero) instead of the destination's elements read.
    Value destination = refineShape(rewriter, loc, adaptor.getInit());
    Value scalar, initBuffer;
    if (auto fill = adaptor.getInit().getDefiningOp<linalg::FillOp>();
        fill && fill.hasPureTensorSemantics()) {
      if (!matchPattern(fill.getInputs()[0], m_AnyZeroFloat()))
        scalar = fill.getInputs()[0];
    } else {
      initBuffer = getReadBuffer(rewriter, loc, destination);
    }

    SchemeAttr s = op.getScheme();
    int64_t m = s.getM(), n = s.getN(), rank = s.getRank();
    ArrayRef<double> coefficients = s.getOutCoefficients();
    int64_t nb = cast<RankedTensorType>(products.getType()).getRank() - 3;
    // The tile's elements from the channels some element uses.
    UsedCoefficients used =
        getUsedCoefficients(coefficients, /*outputs=*/m * n, rank);

    // Cells [B..., I, J]: the products [B..., r, I, J] without the channel.
    Value productBuffer = getReadBuffer(rewriter, loc, products);
    SmallVector<OpFoldResult> grid =
        dropDims(tensor::getMixedSizes(rewriter, loc, products), {nb});
    Value result = buildGridLoop(
        rewriter, loc, destination, outElement, grid,
        [&](OpBuilder &b, Location l, ValueRange cell) {
          SmallVector<Value> terms;
          for (int64_t rho : used.terms)
            terms.push_back(convertElement(
                b, l,
                memref::LoadOp::create(b, l, productBuffer,
                                       getChannelIndices(b, l, cell, nb, rho)),
                sumType));
          Value start =
              scalar ? convertElement(b, l, scalar, sumType) : Value();
          SmallVector<std::pair<Value, SmallVector<Value>>> writes;
          for (int64_t e = 0; e < m * n; ++e) {
            SmallVector<Value> indices =
                getTileElementIndices(b, l, cell, nb, m, n, e / n, e % n);
            Value init = start;
            if (initBuffer)
              init = convertElement(
                  b, l, memref::LoadOp::create(b, l, initBuffer, indices),
                  sumType);
            Value sum = buildLinearCombination(b, l, used.rows[e], terms, init,
                                               sumType);
            writes.emplace_back(convertElement(b, l, sum, outElement), indices);
          }
          return writes;
        });
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};
} // namespace

void mlir::stl::populateSTLToLinalgPerTileEncodingPatterns(
    RewritePatternSet &patterns) {
  patterns.add<PerTileEncodeLowering, PerTileDecodeLowering>(
      patterns.getContext());
}
