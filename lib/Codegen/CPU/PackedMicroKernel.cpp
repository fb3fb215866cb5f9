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
// With `parallel`, the rows of B are packed by an scf.parallel loop and
// the row blocks are one (each row block packs into an A buffer of its
// own, allocated in the loop's body); --convert-scf-to-openmp shares them
// among threads.
//
// The packed buffers are allocated for the contraction (heap, 64-byte
// aligned) and freed after it.
//
// With an exact STL scheme (the strategy's `fusedScheme`, m x k x n tiles
// of rank r), the same nest computes the MatMul as r products of
// (M/m x K/k) by (K/k x N/n) blocks, Strassen's algorithm on blocks ("ABC"
// in Huang et al., "Strassen's algorithm reloaded", SC16): for each channel
// rho, the packing of A sums U[rho, a*k + b] * A[a*M/m + i][b*K/k + p]
// over the nonzero coefficients (and B likewise with V), and the
// micro-kernel's write-back adds D[a*n + c, rho] * tile into every block
// (a, c) of C the channel feeds. No encoded operand is ever stored whole.
// A scheme exact for m x k x n tiles of elements is exact for blocks too
// (the Brent condition does not depend on what the entries are), so the
// blocks may be contiguous quadrants, which the packing reads as rows.
// The coefficients and block offsets are read from small tables.
//
//===----------------------------------------------------------------------===//

#include "PackedMicroKernel.h"

#include "stl/Codegen/CPU/ContractionStrategy.h"
#include "stl/Codegen/Common/ContractionMatch.h"
#include "stl/Scheme/Scheme.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::stl;

/// Vectors of a row of A summed per loop over a fused scheme's terms (the
/// terms' table entries read once for all of them).
static constexpr int64_t kLhsPackVectors = 4;

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
    scheme = strategy.fusedScheme;
    TileShape tile = scheme ? scheme->getTile() : TileShape{1, 1, 1};
    divisible = c.loopRanges[c.m] % tile.m == 0 &&
                c.loopRanges[c.n] % tile.n == 0 &&
                c.loopRanges[c.k] % tile.k == 0;
    sizeM = c.loopRanges[c.m] / tile.m;
    sizeN = c.loopRanges[c.n] / tile.n;
    sizeK = c.loopRanges[c.k] / tile.k;
    mr = strategy.registerTile.m;
    nr = strategy.registerTile.n;
    kr = strategy.registerTile.k;
    blockM = strategy.cacheTile.m;
    blockN = strategy.cacheTile.n;
    blockK = strategy.cacheTile.k;
    loops.assign(op.getNumLoops(), Value());
    chunk = nr > 0 ? nr & -nr : 1;
  }

  /// Whether the sizes fit what build() generates.
  bool isValid() const {
    return divisible && mr > 0 && nr > 0 && kr > 0 && blockM % mr == 0 &&
           blockN % nr == 0 && blockK % kr == 0 && sizeK % kr == 0 &&
           blockM > 0 && blockN > 0 && blockK > 0;
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
  /// The sizes of the (block) MatMul: M, N, K, or with a scheme M / m, N /
  /// n, K / k, which must divide.
  int64_t sizeM, sizeN, sizeK;
  bool divisible = true;
  int64_t mr, nr, kr;
  int64_t blockM, blockN, blockK;
  /// The value of each loop of the contraction at the point being built
  /// (the batch loops' induction variables, and M, N, K as set by the
  /// accessors).
  SmallVector<Value> loops;
  /// The packed buffers: Bp[blockN / nr][blockK][nr], Ap[blockM / mr][mr]
  /// [blockK + a cache line], and the edge tiles' accumulators [mr][nr]
  /// (with `parallel`, those of the row block being built).
  Value packedRhs, packedLhs, edgeTiles;

  /// With a fused scheme: the terms of U, V and D for every channel the
  /// nest computes (those whose three are nonzero), and the current
  /// channel's range of terms in each.
  const Scheme *scheme = nullptr;
  int64_t channels = 1;
  struct TermTables {
    /// memref<(channels + 1) x index>: the first term of each channel.
    Value starts;
    /// memref<terms x T>, memref<terms x index> (twice): coefficient and
    /// offsets of the block (rows, columns of the operand) of each term.
    Value coefficients, rowOffsets, columnOffsets;
    /// The current channel's terms [begin, end).
    Value begin, end;
  } lhsTerms, rhsTerms, outTerms;

  /// Fills the term tables (scheme only).
  void buildTermTables();
  /// Loads the current channel `channel`'s term ranges.
  void enterChannel(Value channel);
  /// Sum over the current channel's `terms` of coefficient * read(row
  /// offset, column offset); without a scheme, read(null, null). `read`
  /// returns a scalar or a row vector (rowType()).
  Value sumTerms(TermTables &terms, function_ref<Value(Value, Value)> read);
  /// The same for `count` values at once (one loop over the terms, its
  /// table entries read once for all): `read(i, row offset, column
  /// offset)` reads the i-th.
  SmallVector<Value> sumTerms(TermTables &terms, int64_t count,
                              function_ref<Value(int64_t, Value, Value)> read);
  /// Calls `body(coefficient, row offset, column offset)` for each of the
  /// current channel's `terms` (an scf.for), or only the first with
  /// `firstOnly`; without a scheme, once with nulls.
  void forEachTerm(TermTables &terms,
                   function_ref<void(Value, Value, Value)> body,
                   bool firstOnly = false);
  /// `offset + value`, or `value` when `offset` is null.
  Value offsetBy(Value offset, Value value) {
    return offset ? add(offset, value) : value;
  }

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
  /// A row of the register tile is nr / chunk vectors of `chunk` elements,
  /// the largest power of two that divides nr (LLVM splits such vectors
  /// into registers cleanly; a 24-element one it shuffles).
  int64_t chunk = 1;
  VectorType rowType() { return VectorType::get({chunk}, elementType); }
  int64_t chunks() const { return nr / chunk; }
  /// The length of a row of an A panel: the K block and one more cache
  /// line, so that the mr rows the micro-kernel streams do not fall into
  /// the same few sets of the L1 cache (rows 2 KiB apart would share two of
  /// a 32 KiB 8-way cache's 64 sets).
  int64_t lhsRowStride() {
    return blockK + 64 / (elementType.getIntOrFloatBitWidth() / 8);
  }

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
  void packLhs(Value rowBlock, Value depthBlock, Value depth, Value rows);
  void microKernel(Value rowBlock, Value columnBlock, Value depth, Value rows,
                   Value columns);
  SmallVector<Value> accumulate(Value lhsPanel, Value rhsPanel, Value depth,
                                ValueRange init);
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
/// `depth` and the `columns` columns of the block, zeros past N (with a
/// scheme: the sum of the channel's terms of V over blocks of B).
void PackedNestBuilder::packRhs(Value columnBlock, Value depthBlock,
                                Value depth, Value columns) {
  // Row by row of B (each read along its length), panel by panel.
  Value panels = arith::CeilDivSIOp::create(b, loc, columns, index(nr));
  loop(depth, 1, parallel, [&](Value p) {
    Value depthIndex = add(depthBlock, p);
    loop(panels, 1, false, [&](Value panel) {
      Value column = add(columnBlock, mul(panel, nr));
      auto wholePanel = [&] {
        // The panel's row, all its vectors summed in one loop over terms.
        SmallVector<Value> row = sumTerms(
            rhsTerms, chunks(),
            [&](int64_t c, Value rowOffset, Value columnOffset) -> Value {
              loops[contraction.k] = offsetBy(rowOffset, depthIndex);
              loops[contraction.n] =
                  offsetBy(columnOffset, add(column, c * chunk));
              return vector::TransferReadOp::create(b, loc, rowType(), rhs,
                                                    indicesOf(rhsMap), zero(),
                                                    ArrayRef<bool>{true});
            });
        for (int64_t c = 0; c < chunks(); ++c)
          vector::StoreOp::create(b, loc, row[c], packedRhs,
                                  ValueRange{panel, p, index(c * chunk)});
      };
      // The last panel: columns past N read as zeros (from a valid index).
      auto cutPanel = [&] {
        for (int64_t j = 0; j < nr; ++j) {
          Value at = add(column, j);
          Value clamped = min(at, index(sizeN - 1));
          Value element = sumTerms(
              rhsTerms, [&](Value rowOffset, Value columnOffset) -> Value {
                loops[contraction.k] = offsetBy(rowOffset, depthIndex);
                loops[contraction.n] = offsetBy(columnOffset, clamped);
                return memref::LoadOp::create(b, loc, rhs, indicesOf(rhsMap));
              });
          element =
              arith::SelectOp::create(b, loc, less(at, sizeN), element, zero());
          memref::StoreOp::create(b, loc, element, packedRhs,
                                  ValueRange{panel, p, index(j)});
        }
      };
      if (sizeN % nr == 0 && blockN % nr == 0) {
        wholePanel();
        return;
      }
      branch(lessEqual(add(column, nr), sizeN), wholePanel, cutPanel);
    });
  });
}

/// Ap[i][0:mr][p] = A[rowBlock + i*mr : +mr][depthBlock + p] for p <
/// `depth` and the `rows` rows of the block, zeros past M (with a scheme:
/// the sum of the channel's terms of U over blocks of A). The panel keeps
/// A's rows (the micro-kernel broadcasts from mr streams), so that it is
/// copied a vector at a time.
void PackedNestBuilder::packLhs(Value rowBlock, Value depthBlock, Value depth,
                                Value rows) {
  Value panels = arith::CeilDivSIOp::create(b, loc, rows, index(mr));
  bool padded = sizeM % mr != 0;
  loop(panels, 1, false, [&](Value panel) {
    for (int64_t i = 0; i < mr; ++i) {
      Value row = add(rowBlock, add(mul(panel, mr), i));
      Value valid = padded ? less(row, sizeM) : Value();
      Value clamped = padded ? min(row, index(sizeM - 1)) : row;
      // Rows of A read and written a vector of nr elements at a time,
      // then the rest of the depth element by element.
      // `count` values of `type` from p on (vectors: consecutive ones).
      auto copy = [&](Value p, Type type, int64_t count) {
        int64_t width = isa<VectorType>(type) ? chunk : 1;
        SmallVector<Value> elements = sumTerms(
            lhsTerms, count,
            [&](int64_t v, Value rowOffset, Value columnOffset) -> Value {
              loops[contraction.m] = offsetBy(rowOffset, clamped);
              loops[contraction.k] =
                  offsetBy(columnOffset, add(depthBlock, add(p, v * width)));
              if (isa<VectorType>(type))
                return vector::TransferReadOp::create(
                    b, loc, cast<VectorType>(type), lhs, indicesOf(lhsMap),
                    zero(), ArrayRef<bool>{true});
              return memref::LoadOp::create(b, loc, lhs, indicesOf(lhsMap));
            });
        for (int64_t v = 0; v < count; ++v) {
          Value element = elements[v];
          SmallVector<Value> at = {panel, index(i), add(p, v * width)};
          if (auto vectorType = dyn_cast<VectorType>(type)) {
            if (valid)
              element = arith::SelectOp::create(
                  b, loc, valid, element,
                  arith::ConstantOp::create(
                      b, loc,
                      DenseElementsAttr::get(vectorType,
                                             b.getZeroAttr(elementType))));
            vector::StoreOp::create(b, loc, element, packedLhs, at);
            continue;
          }
          if (valid)
            element = arith::SelectOp::create(b, loc, valid, element, zero());
          memref::StoreOp::create(b, loc, element, packedLhs, at);
        }
      };
      // kLhsPackVectors vectors per loop over the terms, then one, then
      // the rest of the depth element by element.
      int64_t group = scheme ? kLhsPackVectors : 1;
      Value groupDepth = arith::SubIOp::create(
          b, loc, depth,
          arith::RemSIOp::create(b, loc, depth, index(group * chunk)));
      loop(groupDepth, group * chunk, false,
           [&](Value p) { copy(p, rowType(), group); });
      Value vectorDepth = arith::SubIOp::create(
          b, loc, depth, arith::RemSIOp::create(b, loc, depth, index(chunk)));
      auto vectors =
          scf::ForOp::create(b, loc, groupDepth, vectorDepth, index(chunk));
      {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(vectors.getBody()->getTerminator());
        copy(vectors.getInductionVar(), rowType(), 1);
      }
      auto tail = scf::ForOp::create(b, loc, vectorDepth, depth, index(1));
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(tail.getBody()->getTerminator());
      copy(tail.getInductionVar(), elementType, 1);
    }
  });
}

/// The accumulators `init` (mr rows of nr, each row chunks() vectors) plus
/// Ap panel * Bp panel over
/// `depth` (a multiple of kr), kr steps unrolled.
SmallVector<Value> PackedNestBuilder::accumulate(Value lhsPanel, Value rhsPanel,
                                                 Value depth, ValueRange init) {
  auto step = scf::ForOp::create(b, loc, index(0), depth, index(kr), init);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(step.getBody());
  SmallVector<Value> acc(step.getRegionIterArgs());
  for (int64_t u = 0; u < kr; ++u) {
    Value p = add(step.getInductionVar(), u);
    SmallVector<Value> rhsRow;
    for (int64_t c = 0; c < chunks(); ++c)
      rhsRow.push_back(
          vector::LoadOp::create(b, loc, rowType(), packedRhs,
                                 ValueRange{rhsPanel, p, index(c * chunk)}));
    for (int64_t i = 0; i < mr; ++i) {
      Value element = memref::LoadOp::create(b, loc, packedLhs,
                                             ValueRange{lhsPanel, index(i), p});
      Value broadcast = vector::BroadcastOp::create(b, loc, rowType(), element);
      for (int64_t c = 0; c < chunks(); ++c) {
        Value &a = acc[i * chunks() + c];
        a = vector::FMAOp::create(b, loc, rowType(), broadcast, rhsRow[c], a);
      }
    }
  }
  scf::YieldOp::create(b, loc, acc);
  return SmallVector<Value>(step.getResults());
}

/// C[rows x columns] += Ap * Bp for the register tiles of one block:
/// whole tiles read and written in place, cut ones through `edgeTiles`.
void PackedNestBuilder::microKernel(Value rowBlock, Value columnBlock,
                                    Value depth, Value rows, Value columns) {
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
        return accumulate(rowPanel, columnPanel, depth,
                          SmallVector<Value>(mr * chunks(), zeros));
      };
      auto wholeTile = [&] {
        // One prefetch per 64-byte cache line of each row the tile is added
        // into.
        int64_t elementBytes = elementType.getIntOrFloatBitWidth() / 8;
        forEachTerm(
            outTerms,
            [&](Value, Value rowOffset, Value columnOffset) {
              for (int64_t i = 0; i < mr; ++i) {
                loops[contraction.m] = offsetBy(rowOffset, add(row, i));
                for (int64_t j = 0; j < nr;
                     j += std::max<int64_t>(1, 64 / elementBytes)) {
                  loops[contraction.n] = offsetBy(columnOffset, add(column, j));
                  memref::PrefetchOp::create(
                      b, loc, out, indicesOf(outMap), b.getBoolAttr(true),
                      b.getI32IntegerAttr(3), b.getBoolAttr(true));
                }
              }
            },
            /*firstOnly=*/true);
        SmallVector<Value> acc = product();
        forEachTerm(outTerms, [&](Value coefficient, Value rowOffset,
                                  Value columnOffset) {
          Value scale =
              coefficient
                  ? vector::BroadcastOp::create(b, loc, rowType(), coefficient)
                  : Value();
          for (int64_t i = 0; i < mr; ++i) {
            for (int64_t c = 0; c < chunks(); ++c) {
              loops[contraction.m] = offsetBy(rowOffset, add(row, i));
              loops[contraction.n] =
                  offsetBy(columnOffset, add(column, c * chunk));
              SmallVector<Value> at = indicesOf(outMap);
              Value tile = acc[i * chunks() + c];
              Value old = vector::TransferReadOp::create(
                  b, loc, rowType(), out, at, zero(), ArrayRef<bool>{true});
              Value sum =
                  scale ? vector::FMAOp::create(b, loc, rowType(), scale, tile,
                                                old)
                              .getResult()
                        : arith::AddFOp::create(b, loc, old, tile).getResult();
              vector::TransferWriteOp::create(b, loc, sum, out, at,
                                              ArrayRef<bool>{true});
            }
          }
        });
      };
      auto cutTile = [&] {
        SmallVector<Value> acc = product();
        for (int64_t i = 0; i < mr; ++i)
          for (int64_t c = 0; c < chunks(); ++c)
            vector::StoreOp::create(b, loc, acc[i * chunks() + c], edgeTiles,
                                    ValueRange{index(i), index(c * chunk)});
        Value tileRows =
            min(index(mr), arith::SubIOp::create(b, loc, index(sizeM), row));
        Value tileColumns =
            min(index(nr), arith::SubIOp::create(b, loc, index(sizeN), column));
        forEachTerm(outTerms, [&](Value coefficient, Value rowOffset,
                                  Value columnOffset) {
          loop(tileRows, 1, false, [&](Value i) {
            loop(tileColumns, 1, false, [&](Value j) {
              loops[contraction.m] = offsetBy(rowOffset, add(row, i));
              loops[contraction.n] = offsetBy(columnOffset, add(column, j));
              SmallVector<Value> at = indicesOf(outMap);
              Value element =
                  memref::LoadOp::create(b, loc, edgeTiles, ValueRange{i, j});
              if (coefficient)
                element = arith::MulFOp::create(b, loc, coefficient, element);
              Value sum = arith::AddFOp::create(
                  b, loc, memref::LoadOp::create(b, loc, out, at), element);
              memref::StoreOp::create(b, loc, sum, out, at);
            });
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

void PackedNestBuilder::buildTermTables() {
  TileShape tile = scheme->getTile();
  int64_t rank = scheme->getRank();
  struct Entries {
    SmallVector<double> coefficients;
    SmallVector<int64_t> rowOffsets, columnOffsets, starts;
  } lhsEntries, rhsEntries, outEntries;
  for (int64_t rho = 0; rho < rank; ++rho) {
    auto channelTerms = [&](int64_t rows, int64_t columns,
                            function_ref<double(int64_t, int64_t)> at,
                            int64_t rowBlock, int64_t columnBlock,
                            Entries &entries) {
      entries.starts.push_back(entries.coefficients.size());
      for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < columns; ++j)
          if (double value = at(i, j)) {
            entries.coefficients.push_back(value);
            entries.rowOffsets.push_back(i * rowBlock);
            entries.columnOffsets.push_back(j * columnBlock);
          }
    };
    size_t lhsMark = lhsEntries.coefficients.size(),
           rhsMark = rhsEntries.coefficients.size(),
           outMark = outEntries.coefficients.size();
    channelTerms(
        tile.m, tile.k,
        [&](int64_t a, int64_t bb) { return scheme->lhs(rho, a, bb); }, sizeM,
        sizeK, lhsEntries);
    channelTerms(
        tile.k, tile.n,
        [&](int64_t bb, int64_t c) { return scheme->rhs(rho, bb, c); }, sizeK,
        sizeN, rhsEntries);
    channelTerms(
        tile.m, tile.n,
        [&](int64_t a, int64_t c) { return scheme->out(a, c, rho); }, sizeM,
        sizeN, outEntries);
    // A channel with no term in one of the three adds nothing: dropped.
    if (lhsEntries.coefficients.size() == lhsMark ||
        rhsEntries.coefficients.size() == rhsMark ||
        outEntries.coefficients.size() == outMark) {
      for (auto [entries, mark] :
           {std::pair{&lhsEntries, lhsMark}, std::pair{&rhsEntries, rhsMark},
            std::pair{&outEntries, outMark}}) {
        entries->coefficients.resize(mark);
        entries->rowOffsets.resize(mark);
        entries->columnOffsets.resize(mark);
        entries->starts.pop_back();
      }
    }
  }
  channels = static_cast<int64_t>(lhsEntries.starts.size());

  auto table = [&](ArrayRef<int64_t> values) {
    Value buffer = memref::AllocOp::create(
        b, loc,
        MemRefType::get({static_cast<int64_t>(values.size())},
                        b.getIndexType()));
    for (auto [i, value] : llvm::enumerate(values))
      memref::StoreOp::create(b, loc, index(value), buffer,
                              ValueRange{index(i)});
    return buffer;
  };
  for (auto [entries, terms] :
       {std::pair{&lhsEntries, &lhsTerms}, std::pair{&rhsEntries, &rhsTerms},
        std::pair{&outEntries, &outTerms}}) {
    entries->starts.push_back(entries->coefficients.size());
    terms->starts = table(entries->starts);
    terms->rowOffsets = table(entries->rowOffsets);
    terms->columnOffsets = table(entries->columnOffsets);
    terms->coefficients = memref::AllocOp::create(
        b, loc,
        MemRefType::get({static_cast<int64_t>(entries->coefficients.size())},
                        elementType));
    for (auto [i, value] : llvm::enumerate(entries->coefficients))
      memref::StoreOp::create(
          b, loc,
          arith::ConstantOp::create(b, loc, b.getFloatAttr(elementType, value)),
          terms->coefficients, ValueRange{index(i)});
  }
}

void PackedNestBuilder::enterChannel(Value channel) {
  for (TermTables *terms : {&lhsTerms, &rhsTerms, &outTerms}) {
    terms->begin = memref::LoadOp::create(b, loc, terms->starts, channel);
    terms->end = memref::LoadOp::create(b, loc, terms->starts, add(channel, 1));
  }
}

Value PackedNestBuilder::sumTerms(TermTables &terms,
                                  function_ref<Value(Value, Value)> read) {
  return sumTerms(terms, 1,
                  [&](int64_t, Value rowOffset, Value columnOffset) {
                    return read(rowOffset, columnOffset);
                  })
      .front();
}

SmallVector<Value>
PackedNestBuilder::sumTerms(TermTables &terms, int64_t count,
                            function_ref<Value(int64_t, Value, Value)> read) {
  SmallVector<Value> values;
  if (!scheme) {
    for (int64_t i = 0; i < count; ++i)
      values.push_back(read(i, Value(), Value()));
    return values;
  }
  auto term = [&](Value t, ValueRange sums) {
    Value coefficient =
        memref::LoadOp::create(b, loc, terms.coefficients, ValueRange{t});
    Value rowOffset =
        memref::LoadOp::create(b, loc, terms.rowOffsets, ValueRange{t});
    Value columnOffset =
        memref::LoadOp::create(b, loc, terms.columnOffsets, ValueRange{t});
    SmallVector<Value> results;
    for (int64_t i = 0; i < count; ++i) {
      Value value = read(i, rowOffset, columnOffset);
      Value sum = sums.empty() ? Value() : sums[i];
      Value scale = coefficient;
      if (auto vectorType = dyn_cast<VectorType>(value.getType())) {
        scale = vector::BroadcastOp::create(b, loc, vectorType, coefficient);
        results.push_back(
            sum ? vector::FMAOp::create(b, loc, vectorType, scale, value, sum)
                      .getResult()
                : arith::MulFOp::create(b, loc, scale, value).getResult());
        continue;
      }
      Value product = arith::MulFOp::create(b, loc, scale, value);
      results.push_back(
          sum ? arith::AddFOp::create(b, loc, sum, product).getResult()
              : product);
    }
    return results;
  };
  // Every channel kept has at least one term of each.
  SmallVector<Value> first = term(terms.begin, ValueRange{});
  auto rest = scf::ForOp::create(b, loc, add(terms.begin, 1), terms.end,
                                 index(1), first);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(rest.getBody());
  SmallVector<Value> sums =
      term(rest.getInductionVar(), rest.getRegionIterArgs());
  scf::YieldOp::create(b, loc, sums);
  return SmallVector<Value>(rest.getResults());
}

void PackedNestBuilder::forEachTerm(
    TermTables &terms, function_ref<void(Value, Value, Value)> body,
    bool firstOnly) {
  if (!scheme) {
    body(Value(), Value(), Value());
    return;
  }
  OpBuilder::InsertionGuard guard(b);
  Value end = firstOnly ? add(terms.begin, 1) : terms.end;
  auto each = scf::ForOp::create(b, loc, terms.begin, end, index(1));
  b.setInsertionPoint(each.getBody()->getTerminator());
  Value t = each.getInductionVar();
  body(memref::LoadOp::create(b, loc, terms.coefficients, ValueRange{t}),
       memref::LoadOp::create(b, loc, terms.rowOffsets, ValueRange{t}),
       memref::LoadOp::create(b, loc, terms.columnOffsets, ValueRange{t}));
}

Operation *PackedNestBuilder::build() {
  IntegerAttr alignment = b.getI64IntegerAttr(64);
  packedRhs = memref::AllocOp::create(
      b, loc, MemRefType::get({blockN / nr, blockK, nr}, elementType),
      alignment);
  // The A block and the cut tiles' buffer: one for the nest, or with
  // `parallel` one per row block, allocated by the thread that computes it
  // (memory for as many blocks as threads, not as rows).
  auto allocateRowBlockBuffers = [&] {
    packedLhs = memref::AllocOp::create(
        b, loc, MemRefType::get({blockM / mr, mr, lhsRowStride()}, elementType),
        alignment);
    edgeTiles = memref::AllocOp::create(
        b, loc, MemRefType::get({mr, nr}, elementType), alignment);
  };
  if (!parallel)
    allocateRowBlockBuffers();

  if (scheme)
    buildTermTables();
  Operation *beforeNest = &*std::prev(b.getInsertionPoint());
  // The batch loops and the other M and N loops than the innermost ones,
  // outermost first, then the blocks.
  SmallVector<unsigned> outerLoops = contraction.getOuterLoops();
  std::function<void(unsigned)> nest = [&](unsigned batch) {
    if (batch < outerLoops.size()) {
      unsigned dim = outerLoops[batch];
      loop(contraction.loopRanges[dim], 1, false, [&](Value iv) {
        loops[dim] = iv;
        nest(batch + 1);
      });
      return;
    }
    auto blocks = [&] {
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
            if (parallel)
              allocateRowBlockBuffers();
            packLhs(rowBlock, depthBlock, depth, rows);
            microKernel(rowBlock, columnBlock, depth, rows, columns);
            if (parallel)
              for (Value buffer : {packedLhs, edgeTiles})
                memref::DeallocOp::create(b, loc, buffer);
          });
        });
      });
    };
    if (!scheme) {
      blocks();
      return;
    }
    loop(channels, 1, false, [&](Value channel) {
      enterChannel(channel);
      blocks();
    });
  };
  nest(0);
  Operation *outermost = beforeNest->getNextNode();

  memref::DeallocOp::create(b, loc, packedRhs);
  if (!parallel)
    for (Value buffer : {packedLhs, edgeTiles})
      memref::DeallocOp::create(b, loc, buffer);
  if (scheme)
    for (TermTables *terms : {&lhsTerms, &rhsTerms, &outTerms})
      for (Value table : {terms->starts, terms->coefficients, terms->rowOffsets,
                          terms->columnOffsets})
        memref::DeallocOp::create(b, loc, table);
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
