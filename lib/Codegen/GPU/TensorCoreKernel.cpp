//===- TensorCoreKernel.cpp - What the tensor-core kernels share ----------===//

#include "stl/Codegen/GPU/TensorCoreKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::stl;

/// The tile rows of a group of blocks that run together (getGroupedBlockTile).
static constexpr int64_t kBlockGroupRows = 8;

FailureOr<TensorCoreInputLayout>
mlir::stl::getTensorCoreInputLayout(const MatmulContraction &c, unsigned input,
                                    std::string &why) {
  linalg::LinalgOp op = c.getOp();
  OpOperand *operand = op.getDpsInputOperand(input);
  const char *name = input == 0 ? "lhs" : "rhs";
  auto type = dyn_cast<MemRefType>(operand->get().getType());
  SmallVector<int64_t> strides;
  int64_t offset = 0;
  if (!type || failed(type.getStridesAndOffset(strides, offset)) ||
      ShapedType::isDynamic(offset) ||
      llvm::any_of(strides, ShapedType::isDynamic)) {
    why = std::string("the ") + name + " has a dynamic or non-strided layout";
    return failure();
  }
  TensorCoreInputLayout layout;
  layout.offset = offset;
  layout.loopStrides.assign(op.getNumLoops(), 0);
  AffineMap map = op.getMatchingIndexingMap(operand);
  for (auto [position, expr] : llvm::enumerate(map.getResults())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim) {
      why = std::string("the ") + name + " is not indexed by loops only";
      return failure();
    }
    // A unit dimension's stride is never used.
    if (type.getDimSize(position) != 1)
      layout.loopStrides[dim.getPosition()] = strides[position];
  }
  unsigned row = input == 0 ? c.m : c.n;
  if (layout.loopStrides[c.k] == 1)
    layout.contiguousLoop = c.k;
  else if (layout.loopStrides[row] == 1)
    layout.contiguousLoop = row;
  else {
    why = std::string("the ") + name + " has no unit-stride " +
          (input == 0 ? "M" : "N") + " or K dimension";
    return failure();
  }
  if (offset % 8 != 0 ||
      llvm::any_of(llvm::enumerate(layout.loopStrides), [&](auto stride) {
        return stride.index() != layout.contiguousLoop &&
               stride.value() % 8 != 0;
      })) {
    why = std::string("the ") + name +
          "'s offset or strides are not multiples of 8 elements (16-byte "
          "copies)";
    return failure();
  }
  return layout;
}

std::pair<Value, Value>
mlir::stl::getGroupedBlockTile(ImplicitLocOpBuilder &b,
                               const MatmulContraction &c, int64_t blockM,
                               int64_t blockN, gpu::LaunchOp launch) {
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, v);
  };
  // Blocks are started in the order of their linear index (x fastest).
  // Row-major over the tiles, consecutive blocks would share one row of A
  // tiles and sweep all of B; in groups of kBlockGroupRows tile rows,
  // walked column by column, the blocks in flight share a few A rows and
  // B columns, which stay in L2.
  int64_t tilesM = c.loopRanges[c.m] / blockM;
  int64_t tilesN = c.loopRanges[c.n] / blockN;
  int64_t groupRows = std::min<int64_t>(kBlockGroupRows, tilesM);
  Value linear = arith::AddIOp::create(
      b,
      arith::MulIOp::create(b, launch.getBlockIds().y, index(tilesN))
          .getResult(),
      launch.getBlockIds().x);
  int64_t perGroup = groupRows * tilesN;
  Value group = arith::DivUIOp::create(b, linear, index(perGroup));
  Value inGroup = arith::RemUIOp::create(b, linear, index(perGroup));
  Value firstRow = arith::MulIOp::create(b, group, index(groupRows));
  // The last group may have fewer rows.
  Value rows = arith::MinUIOp::create(
      b, index(groupRows),
      arith::SubIOp::create(b, index(tilesM), firstRow).getResult());
  Value tileM = arith::AddIOp::create(
      b, firstRow, arith::RemUIOp::create(b, inGroup, rows).getResult());
  Value tileN = arith::DivUIOp::create(b, inGroup, rows);
  return {tileM, tileN};
}

SmallVector<Value> mlir::stl::getOuterLoopValues(ImplicitLocOpBuilder &b,
                                                 const MatmulContraction &c,
                                                 gpu::LaunchOp launch) {
  SmallVector<Value> loopValues(c.getOp().getNumLoops());
  Value batchIndex = launch.getBlockIds().z;
  // A named vector: llvm::reverse of a temporary would outlive it.
  SmallVector<unsigned> outerLoops = c.getOuterLoops();
  for (unsigned loop : llvm::reverse(outerLoops)) {
    Value range = arith::ConstantIndexOp::create(b, c.loopRanges[loop]);
    loopValues[loop] = arith::RemUIOp::create(b, batchIndex, range);
    batchIndex = arith::DivUIOp::create(b, batchIndex, range);
  }
  return loopValues;
}

void mlir::stl::storeAccumulator(ImplicitLocOpBuilder &b,
                                 const MatmulContraction &c,
                                 ArrayRef<Value> loopValues, Value sum,
                                 bool zeroDestination) {
  linalg::LinalgOp op = c.getOp();
  OpOperand &init = op.getDpsInitsMutable()[0];
  Value dest = init.get();
  Type destType = c.getAccumulatorType();
  SmallVector<Value> indices;
  for (AffineExpr expr : op.getMatchingIndexingMap(&init).getResults())
    indices.push_back(loopValues[cast<AffineDimExpr>(expr).getPosition()]);
  if (!zeroDestination) {
    Value old = memref::LoadOp::create(b, dest, indices);
    if (!destType.isF32())
      old = arith::ExtFOp::create(b, b.getF32Type(), old);
    sum = arith::AddFOp::create(b, old, sum);
  }
  if (!destType.isF32())
    sum = arith::TruncFOp::create(b, destType, sum);
  memref::StoreOp::create(b, sum, dest, indices);
}

linalg::FillOp mlir::stl::getZeroFillBefore(linalg::LinalgOp op) {
  auto fill = dyn_cast_or_null<linalg::FillOp>(op->getPrevNode());
  if (!fill || !fill.hasPureBufferSemantics() ||
      fill.getDpsInitOperand(0)->get() != op.getDpsInitOperand(0)->get())
    return nullptr;
  Attribute value;
  if (!matchPattern(fill.getDpsInputOperand(0)->get(), m_Constant(&value)))
    return nullptr;
  auto zero = dyn_cast<FloatAttr>(value);
  return zero && zero.getValue().isZero() ? fill : nullptr;
}
