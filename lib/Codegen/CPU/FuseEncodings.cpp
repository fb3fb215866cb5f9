//===- FuseEncodings.cpp - stl.matmul for the packed micro-kernel ---------===//
//
// --stl-cpu-fuse-encodings: an stl.matmul with an exact scheme becomes the
// MatMul it computes, a linalg.generic carrying the scheme
// (kFusedSchemeAttrName), which the packed micro-kernel computes with the
// scheme's encodings fused into its packing (PackedMicroKernel.cpp).
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/CPU/ContractionStrategy.h"
#include "stl/Codegen/CPU/Passes.h"
#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Utils/ShapeUtils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
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
  if (!lhs.hasStaticShape() || !rhs.hasStaticShape() || !init.hasStaticShape())
    return "dynamic sizes";
  Type element = init.getElementType();
  if (!element.isF32() && !element.isF64())
    return "the destination is not f32 or f64";
  if (lhs.getElementType() != element || rhs.getElementType() != element)
    return "mixed element types";
  if (op.getEncodedType() && *op.getEncodedType() != element)
    return "a narrower encoded type";
  if (!op.getScheme().getScheme().isExact())
    return "the scheme is approximate (its result depends on the layout of "
           "the tiles)";
  return "";
}

/// The linalg.generic computing `op`'s MatMul into `init`: loops (batch...,
/// m, n, k), the rhs without batch loops when its weights are shared.
static linalg::GenericOp buildMatmul(RewriterBase &rewriter, MatmulOp op,
                                     Value init) {
  auto initType = cast<RankedTensorType>(init.getType());
  auto rhs = cast<RankedTensorType>(op.getRhs().getType());
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
  bool sharedRhs = rhs.getRank() == 2 && batch > 0;
  SmallVector<AffineMap> maps = {map(true, m, k), map(!sharedRhs, k, n),
                                 map(true, m, n)};
  SmallVector<utils::IteratorType> iterators(loops,
                                             utils::IteratorType::parallel);
  iterators.back() = utils::IteratorType::reduction;
  return linalg::GenericOp::create(
      rewriter, op.getLoc(), TypeRange{init},
      ValueRange{op.getLhs(), op.getRhs()}, ValueRange{init}, maps, iterators,
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
      linalg::GenericOp matmul = buildMatmul(rewriter, op, init);
      matmul->setAttr(kFusedSchemeAttrName, op.getScheme());
      Value result = matmul->getResult(0);
      if (initIsOperand)
        result = addInto(rewriter, op.getLoc(), result, op.getInit());
      rewriter.replaceOp(op, result);
    }
  }
};
} // namespace
