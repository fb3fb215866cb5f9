//===- MmaSyncContraction.cpp - Tensor-core kernels with mma.sync ---------===//
//
// The kernel is built directly as `gpu`, `scf`, `arith`, `memref` and
// `nvvm` ops inside a `gpu.launch`: shared memory is the launch's dynamic
// shared memory, addressed through raw pointers (`!llvm.ptr<3>`), and the
// inputs through their aligned pointers in the global address space
// (`!llvm.ptr<1>`), so that the copies, matrix loads and MMAs are the PTX
// instructions the strategy is about, with no lowering in between that
// could pick others.
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/GPU/MmaSyncContraction.h"
#include "stl/Codegen/GPU/TensorCoreKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

using namespace mlir;
using namespace mlir::stl;

using InputLayout = TensorCoreInputLayout;

static bool isSixteenBitFloat(Type type) {
  return type.isF16() || type.isBF16();
}

std::string mlir::stl::checkMmaSyncContraction(const MatmulContraction &c) {
  if (!c.hasBufferSemantics())
    return "not on buffers";
  if (!c.hasStaticShape())
    return "dynamic shape";
  if (c.dims.k.size() != 1)
    return "several K loops";
  linalg::LinalgOp op = c.getOp();
  if (c.dims.batch.size() + c.dims.m.size() + c.dims.n.size() + 1 !=
      op.getNumLoops())
    return "loops that are neither batch, M, N nor K";
  Type lhs = getElementTypeOrSelf(op.getDpsInputOperand(0)->get().getType());
  Type rhs = getElementTypeOrSelf(op.getDpsInputOperand(1)->get().getType());
  Type acc = c.getAccumulatorType();
  if (lhs != rhs || !isSixteenBitFloat(lhs))
    return "inputs are not both f16 or both bf16";
  if (!acc.isF32() && !isSixteenBitFloat(acc))
    return "the destination is not f32, f16 or bf16";
  std::string why;
  if (failed(getTensorCoreInputLayout(c, 0, why)) ||
      failed(getTensorCoreInputLayout(c, 1, why)))
    return why;
  return "";
}

std::string mlir::stl::checkMmaSyncTiling(const MatmulContraction &c,
                                          const GPUMmaTileConfig &config) {
  std::string why;
  auto require = [&](unsigned loop, int64_t tile, const char *name) {
    if (why.empty() && c.loopRanges[loop] % tile != 0)
      why = std::string(name) + " = " + std::to_string(c.loopRanges[loop]) +
            " is not a multiple of " + std::to_string(tile);
  };
  require(c.m, config.blockM, "M");
  require(c.n, config.blockN, "N");
  require(c.k, config.blockK, "K");
  return why;
}

namespace {
/// Builds the kernel of one contraction inside its `gpu.launch`.
class MmaSyncKernelBuilder {
public:
  MmaSyncKernelBuilder(ImplicitLocOpBuilder &b, const MatmulContraction &c,
                       const GPUMmaTileConfig &config, InputLayout lhs,
                       InputLayout rhs, bool zeroDestination)
      : b(b), c(c), config(config), lhs(std::move(lhs)), rhs(std::move(rhs)),
        zeroDestination(zeroDestination) {}

  void build(gpu::LaunchOp launch);

private:
  /// One input as the kernel moves it: its shared-memory tile is `rows` x
  /// `cols` 16-bit elements with `cols` the contiguous dimension of the
  /// global input (K, or the block's M / N), so that copies move whole
  /// 16-byte chunks of rows.
  struct Operand {
    /// Whether the contiguous dimension is K (otherwise M or N).
    bool contiguousK;
    int64_t rows, cols;
    /// Element strides in the global input of a tile row and of one
    /// reduction tile.
    int64_t rowStride, kTileStride;
    /// Byte offset of the operand's tile within a stage.
    int64_t stageOffset;
    /// Element offset of the block's tile origin in the global input, and
    /// the input's aligned address (i64).
    Value base, address;
  };

  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, x, y); }
  Value mul(Value x, int64_t y) {
    return arith::MulIOp::create(b, x, index(y));
  }
  Value div(Value x, int64_t y) {
    return arith::DivUIOp::create(b, x, index(y));
  }
  Value rem(Value x, int64_t y) {
    return arith::RemUIOp::create(b, x, index(y));
  }
  /// The aligned address of `memref` as an i64.
  Value getAddress(Value memref);
  /// `address` (i64) plus `byteOffset` (index) as a pointer in
  /// `addressSpace` (1: global, 3: shared).
  Value getPointer(Value address, Value byteOffset, unsigned addressSpace);

  /// The physical 16-byte chunk of logical chunk `chunk` in tile row `row`
  /// of an operand with `chunksPerRow` chunks a row.
  Value swizzle(Value row, Value chunk, int64_t chunksPerRow);
  /// The byte offset within a stage of element (row, col) (col a multiple
  /// of 8) of `operand`'s tile.
  Value getTileOffset(const Operand &operand, Value row, Value col);

  /// Copies reduction tile `kTile` of `operand` into stage buffer `stage`.
  void copyTile(const Operand &operand, Value stage, Value kTile);
  /// The four registers of an `ldmatrix.x4` of `operand`'s tile in stage
  /// `stage`: the 16 x 16 block at tile row `rowStart` (M or N) and
  /// reduction column `kStart`, its four 8 x 8 matrices in the order of an
  /// A fragment (`lhsOrder`) or of two B fragments; `lane` is the thread's
  /// lane, which gives the address of one row of one matrix.
  SmallVector<Value> loadFragment(const Operand &operand, Value stage,
                                  Value rowStart, int64_t kStart, Value lane,
                                  bool lhsOrder);
  /// acc += a * b on one 16 x 8 tile.
  SmallVector<Value> multiply(ArrayRef<Value> a, ArrayRef<Value> bRegs,
                              ArrayRef<Value> acc);

  ImplicitLocOpBuilder &b;
  const MatmulContraction &c;
  const GPUMmaTileConfig &config;
  InputLayout lhs, rhs;
  /// Whether the destination holds zeros (its fill was dropped): the
  /// epilogue stores the sums without reading it.
  bool zeroDestination;
  Type inputType;
  Value threadId, smemAddress;
};
} // namespace

Value MmaSyncKernelBuilder::getAddress(Value memref) {
  Value pointer = memref::ExtractAlignedPointerAsIndexOp::create(b, memref);
  return arith::IndexCastOp::create(b, b.getI64Type(), pointer);
}

Value MmaSyncKernelBuilder::getPointer(Value address, Value byteOffset,
                                       unsigned addressSpace) {
  Value offset = arith::IndexCastOp::create(b, b.getI64Type(), byteOffset);
  Value sum = arith::AddIOp::create(b, address, offset);
  MLIRContext *ctx = b.getContext();
  if (addressSpace == 3)
    return LLVM::IntToPtrOp::create(b, LLVM::LLVMPointerType::get(ctx, 3), sum);
  // Global memory: a generic pointer cast into the global space
  // (cvta.to.global), which the kernel's buffers are in.
  Value generic =
      LLVM::IntToPtrOp::create(b, LLVM::LLVMPointerType::get(ctx), sum);
  return LLVM::AddrSpaceCastOp::create(
      b, LLVM::LLVMPointerType::get(ctx, addressSpace), generic);
}

Value MmaSyncKernelBuilder::swizzle(Value row, Value chunk,
                                    int64_t chunksPerRow) {
  // 128-byte lines hold 8 chunks: rows of at least 8 chunks XOR the low
  // three bits with the row's; shorter rows share a line, and XOR with the
  // line's index among the rows that follow it.
  if (chunksPerRow == 1)
    return chunk;
  Value key = chunksPerRow >= 8 ? rem(row, 8)
                                : rem(div(row, 8 / chunksPerRow), chunksPerRow);
  return arith::XOrIOp::create(b, chunk, key);
}

Value MmaSyncKernelBuilder::getTileOffset(const Operand &operand, Value row,
                                          Value col) {
  int64_t chunksPerRow = operand.cols / 8;
  Value chunk = swizzle(row, div(col, 8), chunksPerRow);
  return add(index(operand.stageOffset),
             add(mul(row, operand.cols * 2), mul(chunk, 16)));
}

void MmaSyncKernelBuilder::copyTile(const Operand &operand, Value stage,
                                    Value kTile) {
  int64_t chunksPerRow = operand.cols / 8;
  int64_t chunks = operand.rows * chunksPerRow;
  int64_t threads = config.getNumThreads();
  Value stageBytes = mul(stage, config.getSharedMemoryBytes() / config.stages);
  Value tileBase = add(operand.base, mul(kTile, operand.kTileStride));
  for (int64_t i = 0; i < chunks / threads; ++i) {
    Value id = add(threadId, index(i * threads));
    Value row = div(id, chunksPerRow);
    Value col = mul(rem(id, chunksPerRow), 8);
    Value element = add(tileBase, add(mul(row, operand.rowStride), col));
    Value source = getPointer(operand.address, mul(element, 2), 1);
    Value target = getPointer(
        smemAddress, add(stageBytes, getTileOffset(operand, row, col)), 3);
    NVVM::CpAsyncOp::create(b, target, source, /*size=*/16u,
                            NVVM::LoadCacheModifierKind::CG,
                            /*cpSize=*/Value());
  }
}

SmallVector<Value>
MmaSyncKernelBuilder::loadFragment(const Operand &operand, Value stage,
                                   Value rowStart, int64_t kStart, Value lane,
                                   bool lhsOrder) {
  // Lane l gives the address of row l % 8 of 8 x 8 matrix l / 8. The lhs
  // (A) fragment wants the matrices (rows 0-7, k 0-7), (8-15, 0-7),
  // (0-7, 8-15), (8-15, 8-15); the rhs (B) one (n 0-7, k 0-7), (0-7, 8-15),
  // (8-15, 0-7), (8-15, 8-15): two 16 x 8 B tiles.
  Value matrix = div(lane, 8), rowInMatrix = rem(lane, 8);
  Value first = mul(rem(matrix, 2), 8), second = mul(div(matrix, 2), 8);
  Value rowOffset = lhsOrder ? first : second;
  Value kOffset = lhsOrder ? second : first;
  Value tileRow, tileCol;
  if (operand.contiguousK) {
    // Rows of M / N in shared memory: ldmatrix as is.
    tileRow = add(rowStart, add(rowOffset, rowInMatrix));
    tileCol = add(index(kStart), kOffset);
  } else {
    // Rows of K: ldmatrix.trans.
    tileRow = add(index(kStart), add(kOffset, rowInMatrix));
    tileCol = add(rowStart, rowOffset);
  }
  Value stageBytes = mul(stage, config.getSharedMemoryBytes() / config.stages);
  Value pointer =
      getPointer(smemAddress,
                 add(stageBytes, getTileOffset(operand, tileRow, tileCol)), 3);
  MLIRContext *ctx = b.getContext();
  Type i32 = b.getI32Type();
  auto resultType = LLVM::LLVMStructType::getLiteral(ctx, {i32, i32, i32, i32});
  auto layout =
      operand.contiguousK ? NVVM::MMALayout::row : NVVM::MMALayout::col;
  Value registers = NVVM::LdMatrixOp::create(
      b, resultType, pointer, b.getI32IntegerAttr(4),
      NVVM::MMALayoutAttr::get(ctx, layout),
      NVVM::LdStMatrixShapeAttr::get(ctx, 8, 8),
      NVVM::LdStMatrixEltTypeAttr::get(ctx, NVVM::LdStMatrixEltType::B16));
  SmallVector<Value> values;
  for (int64_t i = 0; i < 4; ++i)
    values.push_back(LLVM::ExtractValueOp::create(b, registers, i));
  return values;
}

SmallVector<Value> MmaSyncKernelBuilder::multiply(ArrayRef<Value> a,
                                                  ArrayRef<Value> bRegs,
                                                  ArrayRef<Value> acc) {
  MLIRContext *ctx = b.getContext();
  // mma.sync takes f16 pairs as vector<2xf16>, bf16 pairs as i32.
  auto asOperands = [&](ArrayRef<Value> registers) {
    SmallVector<Value> operands;
    for (Value r : registers)
      operands.push_back(inputType.isF16()
                             ? LLVM::BitcastOp::create(
                                   b, VectorType::get({2}, b.getF16Type()), r)
                                   .getResult()
                             : r);
    return operands;
  };
  NVVM::MMATypes ptxType =
      inputType.isF16() ? NVVM::MMATypes::f16 : NVVM::MMATypes::bf16;
  Type f32 = b.getF32Type();
  auto resultType = LLVM::LLVMStructType::getLiteral(ctx, {f32, f32, f32, f32});
  Value result =
      NVVM::MmaOp::create(b, resultType, asOperands(a), asOperands(bRegs), acc,
                          {16, 8, 16}, std::nullopt, std::nullopt,
                          std::array<NVVM::MMATypes, 2>{ptxType, ptxType},
                          std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                                         NVVM::MMALayout::col});
  SmallVector<Value> values;
  for (int64_t i = 0; i < 4; ++i)
    values.push_back(LLVM::ExtractValueOp::create(b, result, i));
  return values;
}

void MmaSyncKernelBuilder::build(gpu::LaunchOp launch) {
  linalg::LinalgOp op = c.getOp();
  MLIRContext *ctx = b.getContext();
  inputType = getElementTypeOrSelf(op.getDpsInputOperand(0)->get().getType());
  threadId = launch.getThreadIds().x;
  Value lane = rem(threadId, 32), warp = div(threadId, 32);
  Value warpM = div(warp, config.warpsN), warpN = rem(warp, config.warpsN);
  auto [blockM, blockN] =
      getGroupedBlockTile(b, c, config.blockM, config.blockN, launch);

  // The outer loops' values from the block's z index.
  SmallVector<Value> loopValues = getOuterLoopValues(b, c, launch);
  SmallVector<unsigned> outerLoops = c.getOuterLoops();
  auto batchOffset = [&](const InputLayout &layout) {
    Value offset = index(layout.offset);
    for (unsigned loop : outerLoops)
      if (layout.loopStrides[loop] != 0)
        offset = add(offset, mul(loopValues[loop], layout.loopStrides[loop]));
    return offset;
  };

  auto smemType = MemRefType::get(
      {ShapedType::kDynamic}, b.getI8Type(), MemRefLayoutAttrInterface(),
      gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup));
  smemAddress = getAddress(gpu::DynamicSharedMemoryOp::create(b, smemType));

  auto makeOperand = [&](const InputLayout &layout, unsigned rowLoop,
                         int64_t blockRows, Value blockIndex, Value memref,
                         int64_t stageOffset) {
    Operand operand;
    operand.contiguousK = layout.contiguousLoop == c.k;
    int64_t blockK = config.blockK;
    operand.rows = operand.contiguousK ? blockRows : blockK;
    operand.cols = operand.contiguousK ? blockK : blockRows;
    operand.rowStride = layout.loopStrides[operand.contiguousK ? rowLoop : c.k];
    operand.kTileStride = blockK * layout.loopStrides[c.k];
    operand.stageOffset = stageOffset;
    operand.base =
        add(batchOffset(layout),
            mul(blockIndex, blockRows * layout.loopStrides[rowLoop]));
    operand.address = getAddress(memref);
    return operand;
  };
  Operand a = makeOperand(lhs, c.m, config.blockM, blockM,
                          op.getDpsInputOperand(0)->get(), 0);
  Operand bOp = makeOperand(rhs, c.n, config.blockN, blockN,
                            op.getDpsInputOperand(1)->get(),
                            config.blockM * config.blockK * 2);

  int64_t kTiles = c.loopRanges[c.k] / config.blockK;
  int64_t stages = config.stages;
  // Prologue: the first stages - 1 tiles in flight, one group each.
  for (int64_t s = 0; s + 1 < stages; ++s) {
    if (s < kTiles) {
      copyTile(a, index(s), index(s));
      copyTile(bOp, index(s), index(s));
    }
    NVVM::CpAsyncCommitGroupOp::create(b);
  }

  int64_t fragmentsM = config.getWarpM() / 16;
  int64_t fragmentsN = config.getWarpN() / 8;
  Value zero = arith::ConstantOp::create(b, b.getF32FloatAttr(0.0f));
  SmallVector<Value> init(fragmentsM * fragmentsN * 4, zero);
  auto loop = scf::ForOp::create(
      b, index(0), index(kTiles), index(1), init,
      [&](OpBuilder &nested, Location loc, Value kTile, ValueRange acc) {
        ImplicitLocOpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nested.getInsertionBlock(),
                            nested.getInsertionPoint());
        // Tile kTile has landed (its group and all before it) and every
        // warp is done with the stage the next copy overwrites.
        NVVM::CpAsyncWaitGroupOp::create(b, b.getI32IntegerAttr(stages - 2));
        gpu::BarrierOp::create(b);
        Value next = add(kTile, index(stages - 1));
        Value inRange = arith::CmpIOp::create(b, arith::CmpIPredicate::ult,
                                              next, index(kTiles));
        scf::IfOp::create(b, inRange, [&](OpBuilder &thenBuilder, Location) {
          ImplicitLocOpBuilder::InsertionGuard thenGuard(b);
          b.setInsertionPoint(thenBuilder.getInsertionBlock(),
                              thenBuilder.getInsertionPoint());
          Value stage = rem(next, stages);
          copyTile(a, stage, next);
          copyTile(bOp, stage, next);
          scf::YieldOp::create(b);
        });
        NVVM::CpAsyncCommitGroupOp::create(b);

        Value stage = rem(kTile, stages);
        SmallVector<Value> sums(acc.begin(), acc.end());
        for (int64_t kStep = 0; kStep < config.blockK; kStep += 16) {
          SmallVector<SmallVector<Value>> aFragments, bFragments;
          for (int64_t fm = 0; fm < fragmentsM; ++fm)
            aFragments.push_back(loadFragment(
                a, stage, add(mul(warpM, config.getWarpM()), index(fm * 16)),
                kStep, lane, /*lhsOrder=*/true));
          for (int64_t fn = 0; fn < fragmentsN; fn += 2) {
            SmallVector<Value> pair = loadFragment(
                bOp, stage, add(mul(warpN, config.getWarpN()), index(fn * 8)),
                kStep, lane,
                /*lhsOrder=*/false);
            bFragments.push_back({pair[0], pair[1]});
            bFragments.push_back({pair[2], pair[3]});
          }
          for (int64_t fm = 0; fm < fragmentsM; ++fm)
            for (int64_t fn = 0; fn < fragmentsN; ++fn) {
              int64_t at = (fm * fragmentsN + fn) * 4;
              SmallVector<Value> tile =
                  multiply(aFragments[fm], bFragments[fn],
                           ArrayRef<Value>(sums).slice(at, 4));
              llvm::copy(tile, sums.begin() + at);
            }
        }
        scf::YieldOp::create(b, sums);
      });
  NVVM::CpAsyncWaitGroupOp::create(b, b.getI32IntegerAttr(0));

  // Epilogue: destination (+)= accumulators. Register 2h + e of a 16 x 8
  // tile holds row lane / 4 + 8h, column 2 (lane % 4) + e.
  Value laneRow = div(lane, 4), laneCol = mul(rem(lane, 4), 2);
  Value rowBase = add(mul(blockM, config.blockM),
                      add(mul(warpM, config.getWarpM()), laneRow));
  Value colBase = add(mul(blockN, config.blockN),
                      add(mul(warpN, config.getWarpN()), laneCol));
  for (int64_t fm = 0; fm < fragmentsM; ++fm)
    for (int64_t fn = 0; fn < fragmentsN; ++fn)
      for (int64_t r = 0; r < 4; ++r) {
        loopValues[c.m] = add(rowBase, index(fm * 16 + (r / 2) * 8));
        loopValues[c.n] = add(colBase, index(fn * 8 + r % 2));
        storeAccumulator(b, c, loopValues,
                         loop.getResult((fm * fragmentsN + fn) * 4 + r),
                         zeroDestination);
      }
}

void mlir::stl::generateMmaSyncContraction(RewriterBase &rewriter,
                                           const MatmulContraction &c,
                                           const GPUMmaTileConfig &config) {
  linalg::LinalgOp op = c.getOp();
  linalg::FillOp zeroFill = getZeroFillBefore(op);
  std::string why;
  FailureOr<InputLayout> lhs = getTensorCoreInputLayout(c, 0, why);
  FailureOr<InputLayout> rhs = getTensorCoreInputLayout(c, 1, why);
  assert(succeeded(lhs) && succeeded(rhs) && "checked by the strategy");

  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  b.setInsertionPoint(op);
  int64_t batch = 1;
  for (unsigned loop : c.getOuterLoops())
    batch *= c.loopRanges[loop];
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, v);
  };
  Value one = index(1);
  Value smem = arith::ConstantOp::create(
      b, b.getI32IntegerAttr(config.getSharedMemoryBytes()));
  auto launch = gpu::LaunchOp::create(
      b, index(c.loopRanges[c.n] / config.blockN),
      index(c.loopRanges[c.m] / config.blockM), index(batch),
      index(config.getNumThreads()), one, one, smem);
  b.setInsertionPointToStart(&launch.getBody().front());
  MmaSyncKernelBuilder(b, c, config, *lhs, *rhs, zeroFill != nullptr)
      .build(launch);
  gpu::TerminatorOp::create(b);
  rewriter.eraseOp(op);
  if (zeroFill)
    rewriter.eraseOp(zeroFill);
}
