//===- WgmmaContraction.cpp - Hopper tensor-core kernels (wgmma) ----------===//
//
// Like the mma-sync kernel, built directly from `gpu`, `scf`, `arith`,
// `memref` and `nvvm` ops inside a `gpu.launch`, shared memory addressed
// through raw pointers, so that the copies, barriers and MMAs are the
// instructions the strategy is about. The tensor maps TMA copies through are
// made by the host code, right before the launch (`stl.gpu_tensor_map`).
//
//===----------------------------------------------------------------------===//

#include "stl/Codegen/GPU/WgmmaContraction.h"
#include "stl/Codegen/GPU/MmaSyncContraction.h"
#include "stl/Codegen/GPU/TensorCoreKernel.h"
#include "stl/Dialect/STL/IR/STLOps.h"

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

/// Shared-memory layout of the tiles: 128-byte rows of 64 16-bit elements
/// (the TMA box's innermost dimension), their 16-byte chunks XOR-swizzled by
/// the row modulo 8, in 1024-byte atoms of 8 rows.
static constexpr int64_t kRowBytes = 128;
static constexpr int64_t kAtomBytes = 1024;
/// An M/N-major tile is stored as 64-element wide column blocks of all 64
/// rows of K: 8 KiB each.
static constexpr int64_t kColumnBlockBytes =
    GPUWgmmaTileConfig::kBlockK * kRowBytes;
/// The K of one wgmma.mma_async with 16-bit inputs.
static constexpr int64_t kWgmmaK = 16;

/// The loops other than K and `rowLoop` that `layout` depends on (the
/// tensor map's dimensions after the first two).
static SmallVector<unsigned>
getMappedOuterLoops(const MatmulContraction &c,
                    const TensorCoreInputLayout &layout) {
  SmallVector<unsigned> loops;
  for (unsigned loop : c.getOuterLoops())
    if (layout.loopStrides[loop] != 0)
      loops.push_back(loop);
  return loops;
}

std::string mlir::stl::checkWgmmaContraction(const MatmulContraction &c) {
  std::string why = checkMmaSyncContraction(c);
  if (!why.empty())
    return why;
  for (unsigned input = 0; input < 2; ++input) {
    FailureOr<TensorCoreInputLayout> layout =
        getTensorCoreInputLayout(c, input, why);
    if (getMappedOuterLoops(c, *layout).size() > 3)
      return std::string("the ") + (input == 0 ? "lhs" : "rhs") +
             " depends on more than 3 batch loops (a tensor map has at most "
             "5 dimensions)";
  }
  return "";
}

std::string mlir::stl::checkWgmmaTiling(const MatmulContraction &c,
                                        const GPUWgmmaTileConfig &config) {
  std::string why;
  auto require = [&](unsigned loop, int64_t tile, const char *name) {
    if (why.empty() && c.loopRanges[loop] % tile != 0)
      why = std::string(name) + " = " + std::to_string(c.loopRanges[loop]) +
            " is not a multiple of " + std::to_string(tile);
  };
  require(c.m, config.blockM, "M");
  require(c.n, config.blockN, "N");
  require(c.k, GPUWgmmaTileConfig::kBlockK, "K");
  return why;
}

namespace {
/// Builds the kernel of one contraction inside its `gpu.launch`.
class WgmmaKernelBuilder {
public:
  /// One input as the kernel moves it.
  struct Operand {
    TensorCoreInputLayout layout;
    /// The M (lhs) or N (rhs) loop, and the block's rows of it.
    unsigned rowLoop;
    int64_t rows;
    /// Whether K is the contiguous dimension (otherwise M or N).
    bool contiguousK;
    /// The tensor map's outer dimensions' loops.
    SmallVector<unsigned> outerLoops;
    /// Byte offset of the operand's tile within a stage.
    int64_t stageOffset;
    /// The host's tensor map (i64 device address).
    Value tensorMap;
  };

  WgmmaKernelBuilder(ImplicitLocOpBuilder &b, const MatmulContraction &c,
                     const GPUWgmmaTileConfig &config, Operand lhs, Operand rhs,
                     bool zeroDestination)
      : b(b), c(c), config(config), lhs(std::move(lhs)), rhs(std::move(rhs)),
        zeroDestination(zeroDestination) {}

  void build(gpu::LaunchOp launch);

private:
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
  Value cmp(arith::CmpIPredicate predicate, Value x, Value y) {
    return arith::CmpIOp::create(b, predicate, x, y);
  }
  Value toI32(Value v) {
    return arith::IndexCastUIOp::create(b, b.getI32Type(), v);
  }
  /// Shared-memory pointer at `byteOffset` (index) from the stages' base.
  Value sharedPointer(Value byteOffset);
  /// The mbarrier "full" (`empty` false) or "empty" of stage `stage`.
  Value barrier(Value stage, bool empty);
  /// Builds `body` in an scf.if on `condition` (no results).
  void ifThen(Value condition, llvm::function_ref<void()> body);

  /// Issues the TMA copies of reduction tile `kTile` of `operand` into stage
  /// `stage`, arriving on `full`.
  void copyTile(const Operand &operand, Value stage, Value kTile, Value full,
                Value blockRow);
  /// The wgmma matrix descriptor of `operand`'s tile in stage `stage`, rows
  /// from `rowBlock` x 64 on, at reduction step `kStep` (of 16).
  Value getDescriptor(const Operand &operand, Value stage, Value rowBlock,
                      int64_t kStep);

  ImplicitLocOpBuilder &b;
  const MatmulContraction &c;
  const GPUWgmmaTileConfig &config;
  Operand lhs, rhs;
  bool zeroDestination;
  Type inputType;
  /// The 1024-byte aligned shared-memory address (i64) of stage 0.
  Value stagesBase;
  SmallVector<Value> loopValues;
};
} // namespace

Value WgmmaKernelBuilder::sharedPointer(Value byteOffset) {
  Value offset = arith::IndexCastOp::create(b, b.getI64Type(), byteOffset);
  Value address = arith::AddIOp::create(b, stagesBase, offset);
  return LLVM::IntToPtrOp::create(
      b, LLVM::LLVMPointerType::get(b.getContext(), 3), address);
}

Value WgmmaKernelBuilder::barrier(Value stage, bool empty) {
  int64_t first =
      config.stages * config.getStageBytes() + (empty ? config.stages * 8 : 0);
  return sharedPointer(add(index(first), mul(stage, 8)));
}

void WgmmaKernelBuilder::ifThen(Value condition,
                                llvm::function_ref<void()> body) {
  scf::IfOp::create(b, condition, [&](OpBuilder &thenBuilder, Location) {
    ImplicitLocOpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(thenBuilder.getInsertionBlock(),
                        thenBuilder.getInsertionPoint());
    body();
    scf::YieldOp::create(b);
  });
}

void WgmmaKernelBuilder::copyTile(const Operand &operand, Value stage,
                                  Value kTile, Value full, Value blockRow) {
  MLIRContext *ctx = b.getContext();
  Value map = LLVM::IntToPtrOp::create(b, LLVM::LLVMPointerType::get(ctx),
                                       operand.tensorMap);
  Value stageBytes = mul(stage, config.getStageBytes());
  Value kStart = mul(kTile, GPUWgmmaTileConfig::kBlockK);
  Value rowStart = mul(blockRow, operand.rows);
  SmallVector<Value> outer;
  for (unsigned loop : operand.outerLoops)
    outer.push_back(toI32(loopValues[loop]));
  auto copy = [&](int64_t byteOffset, Value inner, Value second) {
    // The CTA's own shared memory in the cluster's window (a launch
    // without clusters is a cluster of one).
    Value target = LLVM::AddrSpaceCastOp::create(
        b, LLVM::LLVMPointerType::get(ctx, 7),
        sharedPointer(
            add(stageBytes, index(operand.stageOffset + byteOffset))));
    SmallVector<Value> coordinates = {toI32(inner), toI32(second)};
    coordinates.append(outer);
    NVVM::CpAsyncBulkTensorGlobalToSharedClusterOp::create(
        b, target, map, coordinates, full, /*im2colOffsets=*/ValueRange(),
        /*multicastMask=*/Value(), /*l2CacheHint=*/Value(),
        NVVM::TMALoadMode::TILE, /*isCTAOnly=*/false,
        /*group=*/NVVM::CTAGroupKindAttr(), /*predicate=*/Value());
  };
  if (operand.contiguousK) {
    // One box: 64 of K by the block's rows.
    copy(0, kStart, rowStart);
    return;
  }
  // Column blocks of 64 rows (M or N), all 64 of K each.
  for (int64_t block = 0; block < operand.rows / 64; ++block)
    copy(block * kColumnBlockBytes, add(rowStart, index(block * 64)), kStart);
}

Value WgmmaKernelBuilder::getDescriptor(const Operand &operand, Value stage,
                                        Value rowBlock, int64_t kStep) {
  // K-major: 8-row atoms of 128-byte rows, 1024 bytes apart (stride
  // dimension offset); a step of K moves 32 bytes within the rows (the
  // swizzle applies to the address bits). M/N-major: column blocks of 64
  // rows 8 KiB apart (leading dimension offset), atoms of 8 rows of K 1024
  // bytes apart (stride dimension offset); a step of K moves 16 rows.
  int64_t leading = operand.contiguousK ? 16 : kColumnBlockBytes;
  int64_t strideBytes = kAtomBytes;
  int64_t rowBlockBytes =
      operand.contiguousK ? 64 * kRowBytes : kColumnBlockBytes;
  int64_t stepBytes =
      operand.contiguousK ? kStep * kWgmmaK * 2 : kStep * kWgmmaK * kRowBytes;
  Value offset = add(mul(stage, config.getStageBytes()),
                     add(mul(rowBlock, rowBlockBytes),
                         index(operand.stageOffset + stepBytes)));
  Type i64 = b.getI64Type();
  Value address = arith::AddIOp::create(
      b, stagesBase, arith::IndexCastOp::create(b, i64, offset).getResult());
  Value encoded = arith::AndIOp::create(
      b,
      arith::ShRUIOp::create(b, address,
                             arith::ConstantIntOp::create(b, i64, 4))
          .getResult(),
      arith::ConstantIntOp::create(b, i64, 0x3FFF));
  uint64_t fields = (uint64_t(leading >> 4) << 16) |
                    (uint64_t(strideBytes >> 4) << 32) |
                    (uint64_t(1) << 62); // 128-byte swizzle
  return arith::OrIOp::create(
      b, encoded,
      arith::ConstantIntOp::create(b, i64, static_cast<int64_t>(fields)));
}

void WgmmaKernelBuilder::build(gpu::LaunchOp launch) {
  linalg::LinalgOp op = c.getOp();
  MLIRContext *ctx = b.getContext();
  Type i64 = b.getI64Type(), i32 = b.getI32Type(), f32 = b.getF32Type();
  inputType = getElementTypeOrSelf(op.getDpsInputOperand(0)->get().getType());
  int64_t consumers = config.getConsumerGroups();
  Value threadId = launch.getThreadIds().x;
  Value warpgroup = div(threadId, 128);
  // Named, not bound: lambdas below capture them (C++17).
  Value tileM, tileN;
  std::tie(tileM, tileN) =
      getGroupedBlockTile(b, c, config.blockM, config.blockN, launch);
  loopValues = getOuterLoopValues(b, c, launch);

  // The stages from the first 1024-byte boundary of the dynamic shared
  // memory on, then the mbarriers.
  auto smemType = MemRefType::get(
      {ShapedType::kDynamic}, b.getI8Type(), MemRefLayoutAttrInterface(),
      gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup));
  Value smem = arith::IndexCastOp::create(
      b, i64,
      memref::ExtractAlignedPointerAsIndexOp::create(
          b, gpu::DynamicSharedMemoryOp::create(b, smemType))
          .getResult());
  stagesBase = arith::AndIOp::create(
      b,
      arith::AddIOp::create(b, smem, arith::ConstantIntOp::create(b, i64, 1023))
          .getResult(),
      arith::ConstantIntOp::create(b, i64, ~int64_t(1023)));

  int64_t stages = config.stages;
  Value zero = index(0);
  ifThen(cmp(arith::CmpIPredicate::eq, threadId, zero), [&] {
    for (int64_t s = 0; s < stages; ++s) {
      NVVM::MBarrierInitOp::create(b, barrier(index(s), false),
                                   arith::ConstantIntOp::create(b, i32, 1),
                                   Value());
      NVVM::MBarrierInitOp::create(
          b, barrier(index(s), true),
          arith::ConstantIntOp::create(b, i32, consumers * 128), Value());
    }
    NVVM::FenceMbarrierInitOp::create(b);
  });
  gpu::BarrierOp::create(b);

  int64_t kTiles = c.loopRanges[c.k] / GPUWgmmaTileConfig::kBlockK;
  auto parity = [&](Value use) {
    return arith::IndexCastUIOp::create(b, i32, rem(use, 2)).getResult();
  };
  Value ticks = arith::ConstantIntOp::create(b, i32, 0x989680);

  // Producer: one thread of the last warpgroup.
  ifThen(cmp(arith::CmpIPredicate::eq, threadId, index(consumers * 128)), [&] {
    scf::ForOp::create(
        b, zero, index(kTiles), index(1), ValueRange(),
        [&](OpBuilder &nested, Location, Value kTile, ValueRange) {
          ImplicitLocOpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(),
                              nested.getInsertionPoint());
          Value stage = rem(kTile, stages), use = div(kTile, stages);
          // The stage's previous tile released by every consumer (its
          // use - 1-th phase of "empty").
          ifThen(cmp(arith::CmpIPredicate::uge, kTile, index(stages)), [&] {
            NVVM::MBarrierTryWaitParityOp::create(
                b, barrier(stage, true), parity(add(use, index(1))), ticks);
          });
          Value full = barrier(stage, false);
          NVVM::MBarrierArriveExpectTxOp::create(
              b, Type(), full,
              arith::ConstantIntOp::create(b, i32, config.getStageBytes()),
              NVVM::MemScopeKind::CTA, /*relaxed=*/false, Value());
          copyTile(lhs, stage, kTile, full, tileM);
          copyTile(rhs, stage, kTile, full, tileN);
          scf::YieldOp::create(b);
        });
  });

  // Consumers: warpgroup g computes rows 64 g to 64 g + 63 of the tile.
  int64_t accumulators = config.blockN / 2;
  auto accType = LLVM::LLVMStructType::getLiteral(
      ctx, SmallVector<Type>(accumulators, f32));
  NVVM::WGMMATypes ptxType =
      inputType.isF16() ? NVVM::WGMMATypes::f16 : NVVM::WGMMATypes::bf16;
  auto layoutA = lhs.contiguousK ? NVVM::MMALayout::row : NVVM::MMALayout::col;
  auto layoutB = rhs.contiguousK ? NVVM::MMALayout::col : NVVM::MMALayout::row;
  ifThen(cmp(arith::CmpIPredicate::ult, warpgroup, index(consumers)), [&] {
    Value init = LLVM::ZeroOp::create(b, accType);
    auto loop = scf::ForOp::create(
        b, zero, index(kTiles), index(1), ValueRange{init},
        [&](OpBuilder &nested, Location, Value kTile, ValueRange acc) {
          ImplicitLocOpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nested.getInsertionBlock(),
                              nested.getInsertionPoint());
          Value stage = rem(kTile, stages), use = div(kTile, stages);
          NVVM::MBarrierTryWaitParityOp::create(b, barrier(stage, false),
                                                parity(use), ticks);
          NVVM::WgmmaFenceAlignedOp::create(b);
          Value sums = acc[0];
          for (int64_t step = 0; step < GPUWgmmaTileConfig::kBlockK / kWgmmaK;
               ++step) {
            Value descA = getDescriptor(lhs, stage, warpgroup, step);
            Value descB = getDescriptor(rhs, stage, zero, step);
            sums = NVVM::WgmmaMmaAsyncOp::create(
                b, accType, sums, descA, descB,
                NVVM::MMAShapeAttr::get(ctx, 64, config.blockN, kWgmmaK),
                NVVM::WGMMATypesAttr::get(ctx, ptxType),
                NVVM::WGMMATypesAttr::get(ctx, ptxType),
                NVVM::WGMMATypesAttr::get(ctx, NVVM::WGMMATypes::f32),
                NVVM::WGMMAScaleOutAttr::get(ctx, NVVM::WGMMAScaleOut::one),
                NVVM::WGMMAScaleInAttr::get(ctx, NVVM::WGMMAScaleIn::one),
                NVVM::WGMMAScaleInAttr::get(ctx, NVVM::WGMMAScaleIn::one),
                NVVM::MMALayoutAttr::get(ctx, layoutA),
                NVVM::MMALayoutAttr::get(ctx, layoutB),
                NVVM::MMAIntOverflowAttr());
          }
          NVVM::WgmmaGroupSyncAlignedOp::create(b);
          // The previous tile's wgmmas are done: release its stage.
          NVVM::WgmmaWaitGroupSyncOp::create(b, 1);
          ifThen(cmp(arith::CmpIPredicate::ugt, kTile, zero), [&] {
            Value previous = rem(add(kTile, index(stages - 1)), stages);
            NVVM::MBarrierArriveOp::create(b, TypeRange(),
                                           barrier(previous, true),
                                           /*count=*/Value());
          });
          scf::YieldOp::create(b, sums);
        });
    NVVM::WgmmaWaitGroupSyncOp::create(b, 0);

    // Epilogue: register i of a thread holds row 16 w + lane / 4 +
    // 8 ((i / 2) % 2) of its warp w's 16 rows, column 8 (i / 4) +
    // 2 (lane % 4) + i % 2.
    Value lane = rem(threadId, 32), warp = rem(div(threadId, 32), 4);
    Value rowBase = add(add(mul(tileM, config.blockM), mul(warpgroup, 64)),
                        add(mul(warp, 16), div(lane, 4)));
    Value colBase = add(mul(tileN, config.blockN), mul(rem(lane, 4), 2));
    Value result = loop.getResult(0);
    for (int64_t i = 0; i < accumulators; ++i) {
      loopValues[c.m] = add(rowBase, index(8 * ((i / 2) % 2)));
      loopValues[c.n] = add(colBase, index(8 * (i / 4) + i % 2));
      Value sum = LLVM::ExtractValueOp::create(b, result, i);
      storeAccumulator(b, c, loopValues, sum, zeroDestination);
    }
  });
}

/// The tensor map of `operand`'s input, made by the host code before the
/// launch: dimensions (contiguous, other of K / rows, outer loops).
static Value createTensorMap(ImplicitLocOpBuilder &b,
                             const MatmulContraction &c,
                             const WgmmaKernelBuilder::Operand &operand,
                             Value memref) {
  const TensorCoreInputLayout &layout = operand.layout;
  unsigned inner = operand.contiguousK ? c.k : operand.rowLoop;
  unsigned second = operand.contiguousK ? operand.rowLoop : c.k;
  SmallVector<int64_t> sizes = {c.loopRanges[inner], c.loopRanges[second]};
  SmallVector<int64_t> strides = {layout.loopStrides[second]};
  SmallVector<int64_t> box = {64, operand.contiguousK ? operand.rows : 64};
  for (unsigned loop : operand.outerLoops) {
    sizes.push_back(c.loopRanges[loop]);
    strides.push_back(layout.loopStrides[loop]);
    box.push_back(1);
  }
  return stl::GPUTensorMapOp::create(
      b, b.getI64Type(), memref, b.getDenseI64ArrayAttr(sizes),
      b.getDenseI64ArrayAttr(strides), b.getDenseI64ArrayAttr(box),
      b.getI64IntegerAttr(layout.offset), b.getI64IntegerAttr(128));
}

void mlir::stl::generateWgmmaContraction(RewriterBase &rewriter,
                                         const MatmulContraction &c,
                                         const GPUWgmmaTileConfig &config) {
  linalg::LinalgOp op = c.getOp();
  linalg::FillOp zeroFill = getZeroFillBefore(op);
  ImplicitLocOpBuilder b(op.getLoc(), rewriter);
  b.setInsertionPoint(op);

  auto makeOperand = [&](unsigned input) {
    std::string why;
    FailureOr<TensorCoreInputLayout> layout =
        getTensorCoreInputLayout(c, input, why);
    assert(succeeded(layout) && "checked by the strategy");
    WgmmaKernelBuilder::Operand operand;
    operand.layout = *layout;
    operand.rowLoop = input == 0 ? c.m : c.n;
    operand.rows = input == 0 ? config.blockM : config.blockN;
    operand.contiguousK = layout->contiguousLoop == c.k;
    operand.outerLoops = getMappedOuterLoops(c, *layout);
    operand.stageOffset =
        input == 0 ? 0 : config.blockM * GPUWgmmaTileConfig::kBlockK * 2;
    operand.tensorMap =
        createTensorMap(b, c, operand, op.getDpsInputOperand(input)->get());
    return operand;
  };
  WgmmaKernelBuilder::Operand lhs = makeOperand(0), rhs = makeOperand(1);

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
  // TMA's global addresses must be 16-byte aligned too: the tensor map of a
  // misaligned input is null (stlCudaTensorMap), and unused.
  WgmmaKernelBuilder builder(b, c, config, std::move(lhs), std::move(rhs),
                             zeroFill != nullptr);
  buildAlignedInputsBranch(b, c, launch, config.blockM, config.blockN,
                           config.getNumThreads(), zeroFill != nullptr,
                           [&] { builder.build(launch); });
  gpu::TerminatorOp::create(b);
  rewriter.eraseOp(op);
  if (zeroFill)
    rewriter.eraseOp(zeroFill);
}
