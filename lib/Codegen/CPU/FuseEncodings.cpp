//===- FuseEncodings.cpp - stl.matmul for the packed micro-kernel ---------===//
//
// --stl-cpu-fuse-encodings: an stl.matmul with an exact scheme becomes the
// MatMul it computes, a linalg.generic carrying the scheme
// (kFusedSchemeAttrName), which the packed micro-kernel computes with the
// scheme's encodings fused into its packing (PackedMicroKernel.cpp).
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/CPU/ContractionStrategy.h"
#include "stl/Codegen/CPU/CostModel.h"
#include "stl/Codegen/CPU/Passes.h"
#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCPUFUSEENCODINGS
#include "stl/Codegen/CPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

/// Why `op` keeps the unfused lowering; empty when it can be fused.
static std::string whyNotFused(MatmulOp op) {
  auto lhs = cast<RankedTensorType>(op.getLhs().getType());
  auto rhs = cast<RankedTensorType>(op.getRhs().getType());
  auto init = cast<RankedTensorType>(op.getInit().getType());
  Type element = init.getElementType();
  return whyNotFusedOnCPU(
      op.getScheme().getScheme(), lhs.getElementType(), rhs.getElementType(),
      element,
      lhs.hasStaticShape() && rhs.hasStaticShape() && init.hasStaticShape(),
      op.getEncodedType() && *op.getEncodedType() != element);
}

/// `x` ([B..., R, C], `rowTile` dividing R and `colTile` C) with the
/// elements of each tile spread over the blocks of a `rowTile` x `colTile`
/// grid (or, with `inverse`, back): element (i, j) of tile (I, J) of `x`,
/// x[I * rowTile + i][J * colTile + j], is element (I, J) of block (i, j),
/// at [i * R/rowTile + I][j * C/colTile + J]. With `accumulate` (only with
/// `inverse`), the result is added into `destination`, otherwise it
/// overwrites it (a tensor of x's shape). One linalg.generic between the
/// expanded shapes, iterated in the order of the tiled view (I, i, J, j),
/// so that the tile's elements are the innermost loop.
static Value spreadTiles(RewriterBase &rewriter, Location loc, Value x,
                         int64_t rowTile, int64_t colTile, bool inverse,
                         Value destination, bool accumulate) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t batch = type.getRank() - 2;
  int64_t rows = type.getDimSize(batch), columns = type.getDimSize(batch + 1);
  SmallVector<int64_t> tiled(type.getShape().take_front(batch));
  SmallVector<int64_t> spread(tiled);
  tiled.append({rows / rowTile, rowTile, columns / colTile, colTile});
  spread.append({rowTile, rows / rowTile, colTile, columns / colTile});
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < batch; ++i)
    groups.push_back({i});
  groups.push_back({batch, batch + 1});
  groups.push_back({batch + 2, batch + 3});
  Type element = type.getElementType();
  auto expand = [&](Value value, ArrayRef<int64_t> shape) {
    return tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get(shape, element), value, groups);
  };
  Value source = expand(x, inverse ? spread : tiled);
  Value target = expand(destination, inverse ? tiled : spread);

  // Loops (b..., I, i, J, j); the tiled view is the identity, the spread
  // view (b..., i, I, j, J).
  MLIRContext *context = rewriter.getContext();
  unsigned loops = batch + 4;
  AffineMap identity = AffineMap::getMultiDimIdentityMap(loops, context);
  SmallVector<AffineExpr> spreadResults;
  for (int64_t i = 0; i < batch; ++i)
    spreadResults.push_back(getAffineDimExpr(i, context));
  for (int64_t d : {1, 0, 3, 2})
    spreadResults.push_back(getAffineDimExpr(batch + d, context));
  AffineMap spreadMap = AffineMap::get(loops, 0, spreadResults, context);
  SmallVector<AffineMap> maps =
      inverse ? SmallVector<AffineMap>{spreadMap, identity}
              : SmallVector<AffineMap>{identity, spreadMap};
  auto generic = linalg::GenericOp::create(
      rewriter, loc, TypeRange{target.getType()}, ValueRange{source},
      ValueRange{target}, maps,
      SmallVector<utils::IteratorType>(loops, utils::IteratorType::parallel),
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value value =
            accumulate
                ? arith::AddFOp::create(b, l, args[1], args[0]).getResult()
                : args[0];
        linalg::YieldOp::create(b, l, value);
      });
  return tensor::CollapseShapeOp::create(rewriter, loc, type,
                                         generic->getResult(0), groups);
}

/// True when `value` is a linalg.fill of a constant zero.
static bool isZeroFilled(Value value) {
  auto fill = value.getDefiningOp<linalg::FillOp>();
  if (!fill)
    return false;
  Attribute constant;
  return matchPattern(fill.getInputs()[0], m_Constant(&constant)) &&
         (matchPattern(constant, m_AnyZeroFloat()) ||
          matchPattern(constant, m_Zero()));
}

/// The linalg.generic computing `op`'s MatMul into `init`: loops (batch...,
/// m, n, k), the rhs without batch loops when its weights are shared.
static linalg::GenericOp buildMatmul(RewriterBase &rewriter, MatmulOp op,
                                     Value lhs, Value rhs, Value init) {
  auto initType = cast<RankedTensorType>(init.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  int64_t batch = initType.getRank() - 2;
  MLIRContext *context = op.getContext();
  unsigned loops = batch + 3;
  AffineExpr m = getAffineDimExpr(batch, context),
             n = getAffineDimExpr(batch + 1, context),
             k = getAffineDimExpr(batch + 2, context);
  SmallVector<AffineExpr> batchDims;
  for (int64_t i = 0; i < batch; ++i)
    batchDims.push_back(getAffineDimExpr(i, context));
  auto map = [&](bool withBatch, AffineExpr row, AffineExpr column) {
    SmallVector<AffineExpr> results;
    if (withBatch)
      results.append(batchDims);
    results.push_back(row);
    results.push_back(column);
    return AffineMap::get(loops, 0, results, context);
  };
  bool sharedRhs = rhsType.getRank() == 2 && batch > 0;
  SmallVector<AffineMap> maps = {map(true, m, k), map(!sharedRhs, k, n),
                                 map(true, m, n)};
  SmallVector<utils::IteratorType> iterators(loops,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  return linalg::GenericOp::create(
      rewriter, op.getLoc(), TypeRange{init}, ValueRange{lhs, rhs},
      ValueRange{init}, maps, iterators,
      [](OpBuilder &b, Location loc, ValueRange args) {
        Value product = arith::MulFOp::create(b, loc, args[0], args[1]);
        linalg::YieldOp::create(
            b, loc,
            ValueRange{arith::AddFOp::create(b, loc, args[2], product)});
      });
}

/// `value + destination`, elementwise, into `destination`.
static Value addInto(RewriterBase &rewriter, Location loc, Value value,
                     Value destination) {
  auto type = cast<RankedTensorType>(destination.getType());
  AffineMap identity = rewriter.getMultiDimIdentityMap(type.getRank());
  return linalg::GenericOp::create(
             rewriter, loc, TypeRange{type}, ValueRange{value},
             ValueRange{destination}, SmallVector<AffineMap>(2, identity),
             SmallVector<utils::IteratorType>(type.getRank(),
                                              utils::IteratorType::parallel),
             [](OpBuilder &b, Location loc, ValueRange args) {
               linalg::YieldOp::create(
                   b, loc,
                   ValueRange{arith::AddFOp::create(b, loc, args[1], args[0])});
             })
      ->getResult(0);
}

/// `op` with an approximate scheme, whose result depends on which elements
/// share a tile (STL.md section 2: tiles of m x k contiguous elements): the
/// operands' tiles spread over blocks (spreadTiles), so that the packed
/// kernel's blocks hold, element for element, the tiles' elements; the
/// product, computed into a zero-filled tensor, gathered back into tiles
/// and added into the destination (written over it when that is a zero
/// fill).
static Value fuseApproximate(RewriterBase &rewriter, MatmulOp op) {
  Location loc = op.getLoc();
  TileShape tile = op.getScheme().getTile();
  auto spread = [&](Value x, int64_t rowTile, int64_t colTile) {
    auto type = cast<RankedTensorType>(x.getType());
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          type.getElementType());
    return spreadTiles(rewriter, loc, x, rowTile, colTile, /*inverse=*/false,
                       empty, /*accumulate=*/false);
  };
  Value lhs = spread(op.getLhs(), tile.m, tile.k);
  Value rhs = spread(op.getRhs(), tile.k, tile.n);
  auto initType = cast<RankedTensorType>(op.getInit().getType());
  Value product = createZeroFilled(
      rewriter, loc,
      tensor::EmptyOp::create(rewriter, loc, initType.getShape(),
                              initType.getElementType()));
  linalg::GenericOp matmul = buildMatmul(rewriter, op, lhs, rhs, product);
  matmul->setAttr(kFusedSchemeAttrName, op.getScheme());
  Value init = op.getInit();
  bool overwrite =
      isZeroFilled(init) && init != op.getLhs() && init != op.getRhs();
  return spreadTiles(rewriter, loc, matmul->getResult(0), tile.m, tile.n,
                     /*inverse=*/true, init, /*accumulate=*/!overwrite);
}

namespace {
struct STLCPUFuseEncodingsPass
    : stl::impl::STLCPUFuseEncodingsBase<STLCPUFuseEncodingsPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<MatmulOp> matmuls;
    getOperation()->walk([&](MatmulOp op) { matmuls.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (MatmulOp op : matmuls) {
      std::string problem = whyNotFused(op);
      if (!problem.empty()) {
        if (report)
          op.emitRemark() << "stl.matmul with scheme '"
                          << op.getScheme().getName()
                          << "' not fused into the packed micro-kernel: "
                          << problem;
        continue;
      }
      if (report)
        op.emitRemark() << "stl.matmul with scheme '"
                        << op.getScheme().getName()
                        << "' fused into the packed micro-kernel";
      rewriter.setInsertionPoint(op);
      if (!op.getScheme().getScheme().isExact()) {
        rewriter.replaceOp(op, fuseApproximate(rewriter, op));
        continue;
      }
      Value init = op.getInit();
      // A destination that is also an operand (x = x * w in a loop) cannot
      // be written while it is read: the product goes to a zero-filled
      // tensor, then is added into the destination element by element (in
      // place, as bufferization wants in a loop).
      bool initIsOperand = init == op.getLhs() || init == op.getRhs();
      if (initIsOperand) {
        auto type = cast<RankedTensorType>(init.getType());
        init = createZeroFilled(rewriter, op.getLoc(),
                                tensor::EmptyOp::create(rewriter, op.getLoc(),
                                                        type.getShape(),
                                                        type.getElementType()));
      }
      linalg::GenericOp matmul =
          buildMatmul(rewriter, op, op.getLhs(), op.getRhs(), init);
      matmul->setAttr(kFusedSchemeAttrName, op.getScheme());
      Value result = matmul->getResult(0);
      if (initIsOperand)
        result = addInto(rewriter, op.getLoc(), result, op.getInit());
      rewriter.replaceOp(op, result);
    }
  }
};
} // namespace
