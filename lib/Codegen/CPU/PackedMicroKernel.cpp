//===- PackedMicroKernel.cpp - Packed operands and a register kernel ------===//
//
// The CPU strategy "packed-micro-kernel" for a MatMul-like contraction on
// buffers C[b, m, n] += A[b, m, k] * B[b, k, n] (batch loops optional, and
// possibly absent from an input), generated as BLAS libraries compute a
// MatMul (the GotoBLAS / BLIS loop nest):
//
//   for each batch index
//     for jc in [0, N) step NC                         a column block
//       for pc in [0, K) step KC                       a depth block
//         Bp[j][p][0:nr] = B[pc + p][jc + j*nr : +nr]  panels of nr columns
//         for ic in [0, M) step MC                     a row block
//           Ap[i][p][0:mr] = A[ic + i*mr : +mr][pc + p]  panels of mr rows
//           for j, i: C[mr x nr tile] += Ap[i] * Bp[j]  the micro-kernel
//
// The micro-kernel holds the mr x nr accumulator tile in registers (mr
// vectors of nr elements) across the K block; each step of K loads one
// row of the B panel and broadcasts mr elements of the A panel, both read
// contiguously from the packed buffers. The panels are zero padded to whole
// register tiles, so that any sizes are taken: a tile of C that the sizes
// cut is accumulated in a small buffer and added element by element.
//
// With `parallel`, the panels of B are packed by an scf.parallel loop and
// the row blocks are one (each row block packs into its own part of the A
// buffer); --convert-scf-to-openmp shares them among threads.
//
// The packed buffers are allocated once for the contraction (heap, 64-byte
// aligned) and freed after it.
//
//===----------------------------------------------------------------------===//

#include "PackedMicroKernel.h"

#include "stl/Codegen/CPU/ContractionStrategy.h"
#include "stl/Codegen/Common/ContractionMatch.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::stl;

namespace {
/// Builds the loop nest of one contraction.
class PackedNestBuilder {
public:
  PackedNestBuilder(RewriterBase &rewriter, const MatmulContraction &c,
                    const CPUContractionStrategy &strategy, bool parallel)
      : b(rewriter), loc(c.getOp().getLoc()), contraction(c),
        parallel(parallel) {
    linalg::LinalgOp op = c.getOp();
    lhs = op.getDpsInputOperand(0)->get();
    rhs = op.getDpsInputOperand(1)->get();
    out = op.getDpsInitsMutable()[0].get();
    lhsMap = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
    rhsMap = op.getMatchingIndexingMap(op.getDpsInputOperand(1));
    outMap = op.getMatchingIndexingMap(&op.getDpsInitsMutable()[0]);
    elementType = c.getAccumulatorType();
    sizeM = c.loopRanges[c.m];
    sizeN = c.loopRanges[c.n];
    sizeK = c.loopRanges[c.k];
    mr = strategy.registerTile.m;
    nr = strategy.registerTile.n;
    kr = strategy.registerTile.k;
    blockM = strategy.cacheTile.m;
    blockN = strategy.cacheTile.n;
    blockK = strategy.cacheTile.k;
    loops.assign(op.getNumLoops(), Value());
  }

  /// Whether the sizes fit what build() generates.
  bool isValid() const {
    return mr > 0 && nr > 0 && kr > 0 && blockM % mr == 0 && blockN % nr == 0 &&
           blockK % kr == 0 && sizeK % kr == 0 && blockM > 0 && blockN > 0 &&
           blockK > 0;
  }

  /// Generates the nest (between the allocations of the packed buffers and
  /// their deallocations) at the insertion point; returns its outermost
  /// loop.
  Operation *build();

private:
  RewriterBase &b;
  Location loc;
  const MatmulContraction &contraction;
  bool parallel;
  Value lhs, rhs, out;
  AffineMap lhsMap, rhsMap, outMap;
  Type elementType;
  int64_t sizeM, sizeN, sizeK;
  int64_t mr, nr, kr;
  int64_t blockM, blockN, blockK;
  /// The value of each loop of the contraction at the point being built
  /// (the batch loops' induction variables, and M, N, K as set by the
  /// accessors).
  SmallVector<Value> loops;
  /// The packed buffers: Bp[blockN / nr][blockK][nr], Ap[rowBlocks][blockM /
  /// mr][blockK][mr], and the edge tiles' accumulators [rowBlocks][mr][nr]
  /// (one row block of them without `parallel`).
  Value packedRhs, packedLhs, edgeTiles;

  Value index(int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value add(Value x, int64_t y) { return y ? add(x, index(y)) : x; }
  Value mul(Value x, int64_t y) {
    return arith::MulIOp::create(b, loc, x, index(y));
  }
  Value min(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }
  Value less(Value x, int64_t y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x,
                                 index(y));
  }
  Value lessEqual(Value x, int64_t y) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, x,
                                 index(y));
  }
  Value zero() {
    return arith::ConstantOp::create(b, loc, b.getZeroAttr(elementType));
  }
  VectorType rowType() { return VectorType::get({nr}, elementType); }

  /// The indices of an operand with indexing map `map` at `loops`.
  SmallVector<Value> indicesOf(AffineMap map) {
    SmallVector<Value> indices;
    for (AffineExpr result : map.getResults())
      indices.push_back(loops[cast<AffineDimExpr>(result).getPosition()]);
    return indices;
  }

  /// An scf.for (or, with `isParallel`, an scf.parallel) over [0, upper)
  /// by `step`, `body` called inside with the induction variable.
  void loop(Value upper, int64_t step, bool isParallel,
            function_ref<void(Value)> body);
  void loop(int64_t upper, int64_t step, bool isParallel,
            function_ref<void(Value)> body) {
    loop(index(upper), step, isParallel, body);
  }
  /// scf.if (no results); `elseBody` may be null.
  void branch(Value condition, function_ref<void()> thenBody,
              function_ref<void()> elseBody);

  void packRhs(Value columnBlock, Value depthBlock, Value depth, Value columns);
  void packLhs(Value rowBlock, Value depthBlock, Value depth, Value rows,
               Value part);
  void microKernel(Value rowBlock, Value columnBlock, Value depth, Value rows,
                   Value columns, Value part);
  SmallVector<Value> accumulate(Value lhsPanel, Value rhsPanel, Value part,
                                Value depth, ValueRange init);
};
} // namespace

void PackedNestBuilder::loop(Value upper, int64_t step, bool isParallel,
                             function_ref<void(Value)> body) {
  OpBuilder::InsertionGuard guard(b);
  Value lower = index(0), stepValue = index(step);
  if (isParallel) {
    auto op = scf::ParallelOp::create(b, loc, ValueRange{lower},
                                      ValueRange{upper}, ValueRange{stepValue});
    b.setInsertionPoint(op.getBody()->getTerminator());
    body(op.getInductionVars().front());
    return;
  }
  auto op = scf::ForOp::create(b, loc, lower, upper, stepValue);
  b.setInsertionPoint(op.getBody()->getTerminator());
  body(op.getInductionVar());
}

void PackedNestBuilder::branch(Value condition, function_ref<void()> thenBody,
                               function_ref<void()> elseBody) {
  OpBuilder::InsertionGuard guard(b);
  auto op = scf::IfOp::create(b, loc, condition, /*withElseRegion=*/!!elseBody);
  b.setInsertionPoint(op.thenBlock()->getTerminator());
  thenBody();
  if (elseBody) {
    b.setInsertionPoint(op.elseBlock()->getTerminator());
    elseBody();
  }
}

/// Bp[j][p][0:nr] = B[depthBlock + p][columnBlock + j*nr : +nr] for p <
/// `depth` and the `columns` columns of the block, zeros past N.
void PackedNestBuilder::packRhs(Value columnBlock, Value depthBlock,
                                Value depth, Value columns) {
  Value panels = arith::CeilDivSIOp::create(b, loc, columns, index(nr));
  loop(panels, 1, parallel, [&](Value panel) {
    Value column = add(columnBlock, mul(panel, nr));
    auto copyRows = [&](bool whole) {
      loop(depth, 1, false, [&](Value p) {
        loops[contraction.k] = add(depthBlock, p);
        if (whole) {
          loops[contraction.n] = column;
          Value row = vector::TransferReadOp::create(b, loc, rowType(), rhs,
                                                     indicesOf(rhsMap), zero(),
                                                     ArrayRef<bool>{true});
          vector::StoreOp::create(b, loc, row, packedRhs,
                                  ValueRange{panel, p, index(0)});
          return;
        }
        // The last panel: columns past N read as zeros (from a valid
        // index).
        for (int64_t j = 0; j < nr; ++j) {
          Value at = add(column, j);
          loops[contraction.n] = min(at, index(sizeN - 1));
          Value element =
              memref::LoadOp::create(b, loc, rhs, indicesOf(rhsMap));
          element =
              arith::SelectOp::create(b, loc, less(at, sizeN), element, zero());
          memref::StoreOp::create(b, loc, element, packedRhs,
                                  ValueRange{panel, p, index(j)});
        }
      });
    };
    if (sizeN % nr == 0 && blockN % nr == 0) {
      copyRows(true);
      return;
    }
    branch(
        lessEqual(add(column, nr), sizeN), [&] { copyRows(true); },
        [&] { copyRows(false); });
  });
}

/// Ap[part][i][p][0:mr] = A[rowBlock + i*mr : +mr][depthBlock + p] for p <
/// `depth` and the `rows` rows of the block, zeros past M.
void PackedNestBuilder::packLhs(Value rowBlock, Value depthBlock, Value depth,
                                Value rows, Value part) {
  Value panels = arith::CeilDivSIOp::create(b, loc, rows, index(mr));
  bool padded = sizeM % mr != 0;
  loop(panels, 1, false, [&](Value panel) {
    for (int64_t i = 0; i < mr; ++i) {
      Value row = add(rowBlock, add(mul(panel, mr), i));
      Value valid = padded ? less(row, sizeM) : Value();
      loops[contraction.m] = padded ? min(row, index(sizeM - 1)) : row;
      loop(depth, 1, false, [&](Value p) {
        loops[contraction.k] = add(depthBlock, p);
        Value element = memref::LoadOp::create(b, loc, lhs, indicesOf(lhsMap));
        if (valid)
          element = arith::SelectOp::create(b, loc, valid, element, zero());
        memref::StoreOp::create(b, loc, element, packedLhs,
                                ValueRange{part, panel, p, index(i)});
      });
    }
  });
}

/// The accumulators `init` (mr rows of nr) plus Ap panel * Bp panel over
/// `depth` (a multiple of kr), kr steps unrolled.
SmallVector<Value> PackedNestBuilder::accumulate(Value lhsPanel, Value rhsPanel,
                                                 Value part, Value depth,
                                                 ValueRange init) {
  auto step = scf::ForOp::create(b, loc, index(0), depth, index(kr), init);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(step.getBody());
  SmallVector<Value> acc(step.getRegionIterArgs());
  for (int64_t u = 0; u < kr; ++u) {
    Value p = add(step.getInductionVar(), u);
    Value rhsRow = vector::LoadOp::create(b, loc, rowType(), packedRhs,
                                          ValueRange{rhsPanel, p, index(0)});
    for (int64_t i = 0; i < mr; ++i) {
      Value element = memref::LoadOp::create(
          b, loc, packedLhs, ValueRange{part, lhsPanel, p, index(i)});
      Value broadcast = vector::BroadcastOp::create(b, loc, rowType(), element);
      acc[i] =
          vector::FMAOp::create(b, loc, rowType(), broadcast, rhsRow, acc[i]);
    }
  }
  scf::YieldOp::create(b, loc, acc);
  return SmallVector<Value>(step.getResults());
}

/// C[rows x columns] += Ap * Bp for the register tiles of one block:
/// whole tiles read and written in place, cut ones through `edgeTiles`.
void PackedNestBuilder::microKernel(Value rowBlock, Value columnBlock,
                                    Value depth, Value rows, Value columns,
                                    Value part) {
  Value rowPanels = arith::CeilDivSIOp::create(b, loc, rows, index(mr));
  Value columnPanels = arith::CeilDivSIOp::create(b, loc, columns, index(nr));
  loop(columnPanels, 1, false, [&](Value columnPanel) {
    loop(rowPanels, 1, false, [&](Value rowPanel) {
      Value row = add(rowBlock, mul(rowPanel, mr));
      Value column = add(columnBlock, mul(columnPanel, nr));
      Value zeros = arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(rowType(), b.getZeroAttr(elementType)));
      // The tile's product from zero; C is read once it is done, after
      // the prefetches issued here have brought its rows in.
      auto product = [&] {
        return accumulate(rowPanel, columnPanel, part, depth,
                          SmallVector<Value>(mr, zeros));
      };
      auto wholeTile = [&] {
        // One prefetch per 64-byte cache line of each row.
        int64_t elementBytes = elementType.getIntOrFloatBitWidth() / 8;
        for (int64_t i = 0; i < mr; ++i) {
          loops[contraction.m] = add(row, i);
          for (int64_t j = 0; j < nr;
               j += std::max<int64_t>(1, 64 / elementBytes)) {
            loops[contraction.n] = add(column, j);
            memref::PrefetchOp::create(
                b, loc, out, indicesOf(outMap), b.getBoolAttr(true),
                b.getI32IntegerAttr(3), b.getBoolAttr(true));
          }
        }
        SmallVector<Value> acc = product();
        loops[contraction.n] = column;
        for (int64_t i = 0; i < mr; ++i) {
          loops[contraction.m] = add(row, i);
          SmallVector<Value> at = indicesOf(outMap);
          Value old = vector::TransferReadOp::create(
              b, loc, rowType(), out, at, zero(), ArrayRef<bool>{true});
          vector::TransferWriteOp::create(
              b, loc, arith::AddFOp::create(b, loc, old, acc[i]), out, at,
              ArrayRef<bool>{true});
        }
      };
      auto cutTile = [&] {
        SmallVector<Value> acc = product();
        for (int64_t i = 0; i < mr; ++i)
          vector::StoreOp::create(b, loc, acc[i], edgeTiles,
                                  ValueRange{part, index(i), index(0)});
        Value tileRows =
            min(index(mr), arith::SubIOp::create(b, loc, index(sizeM), row));
        Value tileColumns =
            min(index(nr), arith::SubIOp::create(b, loc, index(sizeN), column));
        loop(tileRows, 1, false, [&](Value i) {
          loop(tileColumns, 1, false, [&](Value j) {
            loops[contraction.m] = add(row, i);
            loops[contraction.n] = add(column, j);
            SmallVector<Value> at = indicesOf(outMap);
            Value sum = arith::AddFOp::create(
                b, loc, memref::LoadOp::create(b, loc, out, at),
                memref::LoadOp::create(b, loc, edgeTiles,
                                       ValueRange{part, i, j}));
            memref::StoreOp::create(b, loc, sum, out, at);
          });
        });
      };
      if (sizeM % mr == 0 && sizeN % nr == 0) {
        wholeTile();
        return;
      }
      Value whole =
          arith::AndIOp::create(b, loc, lessEqual(add(row, mr), sizeM),
                                lessEqual(add(column, nr), sizeN));
      branch(whole, wholeTile, cutTile);
    });
  });
}

Operation *PackedNestBuilder::build() {
  int64_t rowBlocks = parallel ? llvm::divideCeil(sizeM, blockM) : 1;
  IntegerAttr alignment = b.getI64IntegerAttr(64);
  packedRhs = memref::AllocOp::create(
      b, loc, MemRefType::get({blockN / nr, blockK, nr}, elementType),
      alignment);
  packedLhs = memref::AllocOp::create(
      b, loc,
      MemRefType::get({rowBlocks, blockM / mr, blockK, mr}, elementType),
      alignment);
  edgeTiles = memref::AllocOp::create(
      b, loc, MemRefType::get({rowBlocks, mr, nr}, elementType), alignment);

  Operation *beforeNest = edgeTiles.getDefiningOp();
  // The batch loops, outermost first, then the blocks.
  std::function<void(unsigned)> nest = [&](unsigned batch) {
    if (batch < contraction.dims.batch.size()) {
      unsigned dim = contraction.dims.batch[batch];
      loop(contraction.loopRanges[dim], 1, false, [&](Value iv) {
        loops[dim] = iv;
        nest(batch + 1);
      });
      return;
    }
    loop(sizeN, blockN, false, [&](Value columnBlock) {
      Value columns =
          min(index(blockN),
              arith::SubIOp::create(b, loc, index(sizeN), columnBlock));
      loop(sizeK, blockK, false, [&](Value depthBlock) {
        Value depth =
            min(index(blockK),
                arith::SubIOp::create(b, loc, index(sizeK), depthBlock));
        packRhs(columnBlock, depthBlock, depth, columns);
        loop(sizeM, blockM, parallel, [&](Value rowBlock) {
          Value rows =
              min(index(blockM),
                  arith::SubIOp::create(b, loc, index(sizeM), rowBlock));
          Value part =
              parallel ? arith::DivUIOp::create(b, loc, rowBlock, index(blockM))
                       : index(0);
          packLhs(rowBlock, depthBlock, depth, rows, part);
          microKernel(rowBlock, columnBlock, depth, rows, columns, part);
        });
      });
    });
  };
  nest(0);
  Operation *outermost = beforeNest->getNextNode();

  for (Value buffer : {packedRhs, packedLhs, edgeTiles})
    memref::DeallocOp::create(b, loc, buffer);
  return outermost;
}

FailureOr<Operation *> mlir::stl::generatePackedContraction(
    RewriterBase &rewriter, const MatmulContraction &contraction,
    const CPUContractionStrategy &strategy, bool parallel) {
  PackedNestBuilder builder(rewriter, contraction, strategy, parallel);
  if (!builder.isValid())
    return failure();
  linalg::LinalgOp op = contraction.getOp();
  rewriter.setInsertionPoint(op);
  Operation *first = builder.build();
  rewriter.eraseOp(op);
  return first;
}
