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

int64_t mlir::stl::getMmaSyncElementBytes(const MatmulContraction &c) {
  return getElementTypeOrSelf(c.getOp().getDpsInputOperand(0)->get().getType())
             .getIntOrFloatBitWidth() /
         8;
}

std::string mlir::stl::checkMmaSyncContraction(const MatmulContraction &c,
                                               bool allowTF32) {
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
  if (lhs != rhs)
    return "inputs are not both f16, both bf16 or both f32";
  if (lhs.isF32() && !allowTF32)
    return "f32 inputs (`tf32` multiplies them on the tensor cores as TF32)";
  if (!lhs.isF32() && !isSixteenBitFloat(lhs))
    return "inputs are not both f16, both bf16 or both f32";
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
  /// `cols` elements with `cols` the contiguous dimension of the global
  /// input (K, or the block's M / N), so that copies move whole 16-byte
  /// chunks of rows.
  struct Operand {
    /// Whether the contiguous dimension is K (otherwise M or N).
    bool contiguousK;
    /// Whether fragments are read an element at a time rather than with
    /// `ldmatrix` (TF32 with M / N contiguous: no 32-bit transpose).
    bool scalarFragments;
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
  /// of `operand`.
  Value swizzle(const Operand &operand, Value row, Value chunk);
  /// The byte offset within a stage of element (row, col) of `operand`'s
  /// tile.
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
  /// The same registers for TF32 (a 16 x 8 block: rows `rowStart` + 16,
  /// reduction columns `kStart` + 8) of an operand with scalarFragments,
  /// read an element at a time.
  SmallVector<Value> loadScalarFragment(const Operand &operand, Value stage,
                                        Value rowStart, int64_t kStart,
                                        Value lane, bool lhsOrder);
  /// An f32 element's bits rounded to TF32 (to nearest, ties away).
  Value roundToTF32(Value bits);
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
  /// The reduction of one MMA: 16 (f16, bf16) or 8 (TF32).
  int64_t mmaK = 16;
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

Value MmaSyncKernelBuilder::swizzle(const Operand &operand, Value row,
                                    Value chunk) {
  // 128-byte lines hold 8 chunks: rows of at least 8 chunks XOR the low
  // three bits with the row's (an ldmatrix reads a chunk of 8 consecutive
  // rows); shorter rows share a line, and XOR with the line's index among
  // the rows that follow it. Scalar TF32 fragments read two chunks of 4
  // consecutive rows: XOR with twice the row, so that the 8 land in
  // distinct bank groups.
  int64_t chunksPerRow = operand.cols / config.getElementsPerChunk();
  if (chunksPerRow == 1)
    return chunk;
  Value key;
  if (chunksPerRow >= 8)
    key = operand.scalarFragments ? rem(mul(row, 2), 8) : rem(row, 8);
  else
    key = rem(div(row, 8 / chunksPerRow), chunksPerRow);
  return arith::XOrIOp::create(b, chunk, key);
}

Value MmaSyncKernelBuilder::getTileOffset(const Operand &operand, Value row,
                                          Value col) {
  Value chunk = swizzle(operand, row, div(col, config.getElementsPerChunk()));
  Value inChunk =
      mul(rem(col, config.getElementsPerChunk()), config.elementBytes);
  return add(
      index(operand.stageOffset),
      add(add(mul(row, operand.cols * config.elementBytes), mul(chunk, 16)),
          inChunk));
}

void MmaSyncKernelBuilder::copyTile(const Operand &operand, Value stage,
                                    Value kTile) {
  int64_t chunksPerRow = operand.cols / config.getElementsPerChunk();
  int64_t chunks = operand.rows * chunksPerRow;
  int64_t threads = config.getNumThreads();
  Value stageBytes = mul(stage, config.getSharedMemoryBytes() / config.stages);
  Value tileBase = add(operand.base, mul(kTile, operand.kTileStride));
  for (int64_t i = 0; i < chunks / threads; ++i) {
    Value id = add(threadId, index(i * threads));
    Value row = div(id, chunksPerRow);
    Value col = mul(rem(id, chunksPerRow), config.getElementsPerChunk());
    Value element = add(tileBase, add(mul(row, operand.rowStride), col));
    Value source =
        getPointer(operand.address, mul(element, config.elementBytes), 1);
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
  // Lane l gives the address of row l % 8 of 8 x 8 matrix l / 8 (of 16-bit
  // elements: 8 x 4 for TF32, c = 4 reduction columns, else c = 8). The lhs
  // (A) fragment wants the matrices (rows 0-7, k 0-c), (8-15, 0-c),
  // (0-7, c-2c), (8-15, c-2c); the rhs (B) one (n 0-7, k 0-c), (0-7, c-2c),
  // (8-15, 0-c), (8-15, c-2c): two 16 x 8 B tiles. For TF32 that is the
  // m16n8k8 fragments' order too: a 32-bit element per lane and matrix.
  Value matrix = div(lane, 8), rowInMatrix = rem(lane, 8);
  Value low = rem(matrix, 2), high = div(matrix, 2);
  Value rowOffset = mul(lhsOrder ? low : high, 8);
  Value kOffset = mul(lhsOrder ? high : low, config.getElementsPerChunk());
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
  for (int64_t i = 0; i < 4; ++i) {
    Value value = LLVM::ExtractValueOp::create(b, registers, i);
    values.push_back(inputType.isF32() ? roundToTF32(value) : value);
  }
  return values;
}

SmallVector<Value>
MmaSyncKernelBuilder::loadScalarFragment(const Operand &operand, Value stage,
                                         Value rowStart, int64_t kStart,
                                         Value lane, bool lhsOrder) {
  // m16n8k8 TF32, g = lane / 4, t = lane % 4: A's registers hold A[g][t],
  // A[g + 8][t], A[g][t + 4], A[g + 8][t + 4]; a B tile's B[t][g],
  // B[t + 4][g]. The tile's rows are K (its columns M / N).
  Value g = div(lane, 4), t = rem(lane, 4);
  Value stageBytes = mul(stage, config.getSharedMemoryBytes() / config.stages);
  SmallVector<Value> values;
  for (int64_t i = 0; i < 4; ++i) {
    // lhs: register i at (row 8 (i % 2), k 4 (i / 2)); rhs: two tiles of
    // rows 8 (i / 2), each k 0 and 4.
    int64_t rowOffset = lhsOrder ? 8 * (i % 2) : 8 * (i / 2);
    int64_t kOffset = lhsOrder ? 4 * (i / 2) : 4 * (i % 2);
    Value tileRow = add(t, index(kStart + kOffset));
    Value tileCol = add(rowStart, add(g, index(rowOffset)));
    Value pointer = getPointer(
        smemAddress, add(stageBytes, getTileOffset(operand, tileRow, tileCol)),
        3);
    Value bits = LLVM::LoadOp::create(b, b.getI32Type(), pointer);
    values.push_back(roundToTF32(bits));
  }
  return values;
}

Value MmaSyncKernelBuilder::roundToTF32(Value bits) {
  Value value = LLVM::BitcastOp::create(b, b.getF32Type(), bits);
  return NVVM::ConvertFloatToTF32Op::create(b, b.getI32Type(), value,
                                            NVVM::FPRoundingMode::RNA,
                                            NVVM::SaturationMode::NONE,
                                            /*relu=*/false);
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
  NVVM::MMATypes ptxType = inputType.isF16()    ? NVVM::MMATypes::f16
                           : inputType.isBF16() ? NVVM::MMATypes::bf16
                                                : NVVM::MMATypes::tf32;
  Type f32 = b.getF32Type();
  auto resultType = LLVM::LLVMStructType::getLiteral(ctx, {f32, f32, f32, f32});
  Value result = NVVM::MmaOp::create(
      b, resultType, asOperands(a), asOperands(bRegs), acc,
      {16, 8, static_cast<int>(mmaK)}, std::nullopt, std::nullopt,
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
  mmaK = inputType.isF32() ? 8 : 16;
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
    operand.scalarFragments = inputType.isF32() && !operand.contiguousK;
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
  Operand bOp = makeOperand(
      rhs, c.n, config.blockN, blockN, op.getDpsInputOperand(1)->get(),
      config.blockM * config.blockK * config.elementBytes);

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
        auto load = [&](const Operand &operand, Value rowStart, int64_t kStep,
                        bool lhsOrder) {
          return operand.scalarFragments
                     ? loadScalarFragment(operand, stage, rowStart, kStep, lane,
                                          lhsOrder)
                     : loadFragment(operand, stage, rowStart, kStep, lane,
                                    lhsOrder);
        };
        for (int64_t kStep = 0; kStep < config.blockK; kStep += mmaK) {
          SmallVector<SmallVector<Value>> aFragments, bFragments;
          for (int64_t fm = 0; fm < fragmentsM; ++fm)
            aFragments.push_back(
                load(a, add(mul(warpM, config.getWarpM()), index(fm * 16)),
                     kStep, /*lhsOrder=*/true));
          for (int64_t fn = 0; fn < fragmentsN; fn += 2) {
            SmallVector<Value> pair =
                load(bOp, add(mul(warpN, config.getWarpN()), index(fn * 8)),
                     kStep, /*lhsOrder=*/false);
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
  MmaSyncKernelBuilder builder(b, c, config, *lhs, *rhs, zeroFill != nullptr);
  buildAlignedInputsBranch(b, c, launch, config.blockM, config.blockN,
                           config.getNumThreads(), zeroFill != nullptr,
                           [&] { builder.build(launch); });
  gpu::TerminatorOp::create(b);
  rewriter.eraseOp(op);
  if (zeroFill)
    rewriter.eraseOp(zeroFill);
}
