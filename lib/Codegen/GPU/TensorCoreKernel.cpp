//===- TensorCoreKernel.cpp - What the tensor-core kernels share ----------===//

#include "stl/Codegen/GPU/TensorCoreKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
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
  int64_t chunk = 128 / type.getElementTypeBitWidth();
  if (offset % chunk != 0 ||
      llvm::any_of(llvm::enumerate(layout.loopStrides), [&](auto stride) {
        return stride.index() != layout.contiguousLoop &&
               stride.value() % chunk != 0;
      })) {
    why = std::string("the ") + name + "'s offset or strides are not " +
          "multiples of " + std::to_string(chunk) +
          " elements (16-byte copies)";
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

/// Whether both inputs of `c` start on a 16-byte boundary (i1).
static Value buildInputsAligned(ImplicitLocOpBuilder &b,
                                const MatmulContraction &c) {
  linalg::LinalgOp op = c.getOp();
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, v);
  };
  Value aligned;
  for (unsigned input = 0; input < 2; ++input) {
    Value memref = op.getDpsInputOperand(input)->get();
    std::string why;
    FailureOr<TensorCoreInputLayout> layout =
        getTensorCoreInputLayout(c, input, why);
    assert(succeeded(layout) && "checked by the strategy");
    int64_t elementBytes =
        cast<MemRefType>(memref.getType()).getElementTypeBitWidth() / 8;
    Value first = memref::ExtractAlignedPointerAsIndexOp::create(b, memref);
    if (layout->offset != 0)
      first =
          arith::AddIOp::create(b, first, index(layout->offset * elementBytes));
    Value isAligned = arith::CmpIOp::create(
        b, arith::CmpIPredicate::eq,
        arith::RemUIOp::create(b, first, index(16)).getResult(), index(0));
    aligned = aligned ? arith::AndIOp::create(b, aligned, isAligned).getResult()
                      : isAligned;
  }
  return aligned;
}

/// The scalar tile of buildAlignedInputsBranch.
static void buildScalarTile(ImplicitLocOpBuilder &b, const MatmulContraction &c,
                            gpu::LaunchOp launch, int64_t blockM,
                            int64_t blockN, int64_t numThreads,
                            bool zeroDestination) {
  linalg::LinalgOp op = c.getOp();
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, v);
  };
  auto [tileM, tileN] = getGroupedBlockTile(b, c, blockM, blockN, launch);
  SmallVector<Value> loopValues = getOuterLoopValues(b, c, launch);
  Value threadId = launch.getThreadIds().x;
  Value rowBase = arith::MulIOp::create(b, tileM, index(blockM));
  Value colBase = arith::MulIOp::create(b, tileN, index(blockN));
  int64_t elements = blockM * blockN;
  int64_t steps = llvm::divideCeil(elements, numThreads);
  Type f32 = b.getF32Type();
  auto loadInput = [&](OpBuilder &builder, Location loc, unsigned input,
                       ArrayRef<Value> values) -> Value {
    OpOperand *operand = op.getDpsInputOperand(input);
    SmallVector<Value> indices;
    for (AffineExpr expr : op.getMatchingIndexingMap(operand).getResults())
      indices.push_back(values[cast<AffineDimExpr>(expr).getPosition()]);
    Value value = memref::LoadOp::create(builder, loc, operand->get(), indices);
    if (!value.getType().isF32())
      value = arith::ExtFOp::create(builder, loc, f32, value);
    return value;
  };
  // Consecutive threads on consecutive N: coalesced where N is contiguous.
  scf::ForOp::create(
      b, index(0), index(steps), index(1), ValueRange(),
      [&](OpBuilder &nested, Location loc, Value step, ValueRange) {
        ImplicitLocOpBuilder body(loc, nested);
        Value element = arith::AddIOp::create(
            body, arith::MulIOp::create(body, step, index(numThreads)),
            threadId);
        auto compute = [&](ImplicitLocOpBuilder &eb) {
          SmallVector<Value> values(loopValues);
          values[c.m] = arith::AddIOp::create(
              eb, rowBase,
              arith::DivUIOp::create(eb, element, index(blockN)).getResult());
          values[c.n] = arith::AddIOp::create(
              eb, colBase,
              arith::RemUIOp::create(eb, element, index(blockN)).getResult());
          Value zero = arith::ConstantOp::create(eb, eb.getF32FloatAttr(0.0f));
          auto reduction = scf::ForOp::create(
              eb, index(0), index(c.loopRanges[c.k]), index(1),
              ValueRange{zero},
              [&](OpBuilder &kb, Location kloc, Value k, ValueRange acc) {
                SmallVector<Value> at(values);
                at[c.k] = k;
                Value lhs = loadInput(kb, kloc, 0, at);
                Value rhs = loadInput(kb, kloc, 1, at);
                Value product = arith::MulFOp::create(kb, kloc, lhs, rhs);
                scf::YieldOp::create(
                    kb, kloc,
                    ValueRange{arith::AddFOp::create(kb, kloc, acc[0], product)
                                   .getResult()});
              });
          storeAccumulator(eb, c, values, reduction.getResult(0),
                           zeroDestination);
        };
        if (elements % numThreads == 0) {
          compute(body);
        } else {
          Value inTile = arith::CmpIOp::create(body, arith::CmpIPredicate::ult,
                                               element, index(elements));
          scf::IfOp::create(body, inTile, [&](OpBuilder &tb, Location tloc) {
            ImplicitLocOpBuilder then(tloc, tb);
            compute(then);
            scf::YieldOp::create(then);
          });
        }
        scf::YieldOp::create(body);
      });
}

void mlir::stl::buildAlignedInputsBranch(
    ImplicitLocOpBuilder &b, const MatmulContraction &c, gpu::LaunchOp launch,
    int64_t blockM, int64_t blockN, int64_t numThreads, bool zeroDestination,
    llvm::function_ref<void()> tensorCoreBody) {
  Value aligned = buildInputsAligned(b, c);
  scf::IfOp::create(
      b, aligned,
      [&](OpBuilder &thenBuilder, Location) {
        ImplicitLocOpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(thenBuilder.getInsertionBlock(),
                            thenBuilder.getInsertionPoint());
        tensorCoreBody();
        scf::YieldOp::create(b);
      },
      [&](OpBuilder &elseBuilder, Location) {
        ImplicitLocOpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(elseBuilder.getInsertionBlock(),
                            elseBuilder.getInsertionPoint());
        buildScalarTile(b, c, launch, blockM, blockN, numThreads,
                        zeroDestination);
        scf::YieldOp::create(b);
      });
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
