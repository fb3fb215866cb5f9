//===- CoarsenParallelLoops.cpp - Iterations a thread, vector accesses ----===//
//
// A memory-bound parallel loop (the GPU's per-tile encodings and decodings)
// coarsened along the dimension its stores' last index follows: each
// iteration computes V consecutive ones, and the copies' accesses to one
// row of a buffer, consecutive elements, become aligned vector loads and
// stores. Whether the buffers are aligned enough is known only at run
// time: a condition computed before the loop chooses, in each iteration,
// between the vector accesses and the copies' own scalar ones.
//
//===----------------------------------------------------------------------===//

#include "LoopIndices.h"
#include "stl/Codegen/GPU/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/MathExtras.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLGPUCOARSENPARALLELLOOPS
#include "stl/Codegen/GPU/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using mlir::stl::AffineIndex;
using mlir::stl::getAffineIndex;

namespace {
/// One memref.load or memref.store of the loop body, its indices as affine
/// forms where they are.
struct Access {
  Operation *op;
  Value memref;
  SmallVector<std::optional<AffineIndex>> indices;
  /// For an access whose last index is `stride * i + lane` (`i` the
  /// coarsened dimension, 0 <= lane < stride) and whose other indices are
  /// affine and do not depend on `i`: stride and lane; 0 otherwise.
  int64_t stride = 0, lane = 0;

  bool isLoad() const { return isa<memref::LoadOp>(op); }
};

/// Accesses of V coarsened copies to one row: `stride * V` consecutive
/// elements of `memref` from `stride * V * i'`.
struct Row {
  Value memref;
  SmallVector<AffineIndex> outerIndices;
  int64_t stride;
  bool load;
  /// The original body's accesses, in order, and their lanes.
  SmallVector<Access *> members;
};
} // namespace

/// The buffer `value` views, through view-like ops.
static Value getRootBuffer(Value value) {
  while (auto view = value.getDefiningOp<ViewLikeOpInterface>())
    value = view.getViewSource();
  return value;
}

/// Whether `a` and `b` (accesses of one iteration) never touch the same
/// element: distinct roots one of which the function allocated, or one
/// buffer at indices that differ by a non-zero constant.
static bool areDisjoint(const Access &a, const Access &b) {
  Value rootA = getRootBuffer(a.memref), rootB = getRootBuffer(b.memref);
  if (rootA != rootB)
    return rootA.getDefiningOp<memref::AllocOp>() ||
           rootB.getDefiningOp<memref::AllocOp>();
  if (a.memref != b.memref)
    return false;
  for (auto [x, y] : llvm::zip_equal(a.indices, b.indices)) {
    if (!x || !y)
      return false;
    AffineIndex difference = x->plus(y->scaled(-1));
    if (difference.terms.empty() && difference.constant != 0)
      return true;
  }
  return false;
}

/// The bytes of `memref`'s elements, if vector accesses can read it: a
/// strided layout (whose metadata the alignment check reads) of integers or
/// floats.
static std::optional<int64_t> getElementBytes(Value memref) {
  auto type = cast<MemRefType>(memref.getType());
  Type element = type.getElementType();
  if (!type.isStrided() || !element.isIntOrFloat() ||
      element.getIntOrFloatBitWidth() % 8 != 0)
    return std::nullopt;
  return element.getIntOrFloatBitWidth() / 8;
}

/// The largest power of two dividing `n`, at most `cap`.
static int64_t getPowerOfTwoDivisor(int64_t n, int64_t cap) {
  int64_t p = 1;
  while (p < cap && n % (2 * p) == 0)
    p *= 2;
  return p;
}

namespace {
/// The coarsening of one loop.
class LoopCoarsening {
public:
  LoopCoarsening(scf::ParallelOp loop, int64_t vectorBytes, int64_t maxLanes,
                 int64_t maxLoadedElements)
      : loop(loop), vectorBytes(vectorBytes), maxLanes(maxLanes),
        maxLoadedElements(maxLoadedElements) {}

  /// Coarsens the loop; false (nothing changed) when it cannot.
  bool run();

private:
  bool analyze();
  int64_t chooseLanes();
  /// Elements of one vector access of `row` (consecutive, aligned to their
  /// size).
  int64_t getChunkElements(const Row &row) const;
  Value buildAlignmentCondition(OpBuilder &b, Location loc);
  /// Clones the body's V copies at `b`'s insertion point; `copies` gets
  /// each original access's clones, lane by lane.
  void cloneCopies(OpBuilder &b, ValueRange ivs,
                   DenseMap<Operation *, SmallVector<Operation *>> &copies);
  void vectorizeRows(OpBuilder &b, ValueRange ivs,
                     DenseMap<Operation *, SmallVector<Operation *>> &copies);

  scf::ParallelOp loop;
  int64_t vectorBytes, maxLanes, maxLoadedElements;
  unsigned dim = 0;
  int64_t lanes = 1;
  SmallVector<Access> accesses;
  SmallVector<Row> rows;
  /// The vectorised buffers as the vector accesses see them (innermost
  /// stride 1), set by buildAlignmentCondition.
  DenseMap<Value, Value> vectorViews;
};
} // namespace

bool LoopCoarsening::analyze() {
  if (loop.getNumReductions() != 0 || !loop.getRegion().hasOneBlock())
    return false;
  for (auto [lower, step] : llvm::zip(loop.getLowerBound(), loop.getStep()))
    if (!isConstantIntValue(lower, 0) || !isConstantIntValue(step, 1))
      return false;

  Block *body = loop.getBody();
  for (Operation &op : body->without_terminator()) {
    if (op.getNumRegions() != 0)
      return false;
    Value memref;
    ValueRange indices;
    if (auto load = dyn_cast<memref::LoadOp>(op)) {
      memref = load.getMemRef();
      indices = load.getIndices();
    } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
      memref = store.getMemRef();
      indices = store.getIndices();
    } else if (isMemoryEffectFree(&op)) {
      // (Each copy runs it as its iteration did: nothing is speculated.)
      continue;
    } else {
      return false;
    }
    if (loop->isAncestor(memref.getParentRegion()->getParentOp()))
      return false;
    Access &access = accesses.emplace_back();
    access.op = &op;
    access.memref = memref;
    for (Value index : indices)
      access.indices.push_back(getAffineIndex(index, loop));
  }

  // The coarsened dimension: the one the stores' last indices follow.
  std::optional<unsigned> storeDim;
  bool anyStore = false;
  for (Access &access : accesses) {
    if (access.isLoad() || access.indices.empty())
      continue;
    anyStore = true;
    const std::optional<AffineIndex> &last = access.indices.back();
    if (!last || last->terms.size() != 1)
      return false;
    SmallVector<Value> ivs = loop.getInductionVars();
    auto it = llvm::find(ivs, last->terms.front().first);
    if (it == ivs.end())
      return false;
    unsigned d = it - ivs.begin();
    if (storeDim && *storeDim != d)
      return false;
    storeDim = d;
  }
  if (!anyStore || !storeDim)
    return false;
  dim = *storeDim;
  Value iv = loop.getInductionVars()[dim];

  // Which accesses are in rows.
  for (Access &access : accesses) {
    if (access.indices.empty() || !getElementBytes(access.memref))
      continue;
    const std::optional<AffineIndex> &last = access.indices.back();
    if (!last || last->terms.size() != 1 || last->terms.front().first != iv)
      continue;
    int64_t stride = last->terms.front().second;
    if (stride < 1 || last->constant < 0 || last->constant >= stride)
      continue;
    if (llvm::any_of(ArrayRef(access.indices).drop_back(),
                     [&](const std::optional<AffineIndex> &index) {
                       return !index || index->getCoefficient(iv) != 0;
                     }))
      continue;
    access.stride = stride;
    access.lane = last->constant;
  }

  // Reordering: each copy's loads move before its stores and its stores
  // after its loads, so a load after a store must never read what it
  // wrote; stores keep no order, so no two may write one element.
  for (auto [i, a] : llvm::enumerate(accesses)) {
    if (a.isLoad())
      continue;
    for (const Access &b : ArrayRef(accesses).drop_front(i + 1))
      if (!areDisjoint(a, b))
        return false;
  }

  // Rows: accesses of one kind to one buffer with the same other indices
  // and stride, every lane of [0, stride) present.
  for (Access &access : accesses) {
    if (access.stride == 0)
      continue;
    SmallVector<AffineIndex> outer;
    for (const std::optional<AffineIndex> &index :
         ArrayRef(access.indices).drop_back())
      outer.push_back(*index);
    Row *row = llvm::find_if(rows, [&](const Row &r) {
      return r.memref == access.memref && r.load == access.isLoad() &&
             r.stride == access.stride && r.outerIndices == outer;
    });
    if (row == rows.end()) {
      row = &rows.emplace_back();
      row->memref = access.memref;
      row->outerIndices = std::move(outer);
      row->stride = access.stride;
      row->load = access.isLoad();
    }
    row->members.push_back(&access);
  }
  llvm::erase_if(rows, [](const Row &row) {
    llvm::SmallDenseSet<int64_t> present;
    for (Access *member : row.members)
      present.insert(member->lane);
    // A store row: one store a lane (two would write one element).
    return static_cast<int64_t>(present.size()) != row.stride ||
           (!row.load &&
            static_cast<int64_t>(row.members.size()) != row.stride);
  });
  return !rows.empty();
}

int64_t LoopCoarsening::chooseLanes() {
  int64_t wanted = 1;
  for (const Row &row : rows) {
    int64_t bytes = row.stride * *getElementBytes(row.memref);
    if (bytes < vectorBytes)
      wanted = std::max(wanted, static_cast<int64_t>(llvm::PowerOf2Ceil(
                                    llvm::divideCeil(vectorBytes, bytes))));
  }
  wanted = std::min(wanted, maxLanes);
  // Each copy's loaded elements are live together (the loads come first):
  // at most maxLoadedElements of them.
  int64_t loads = llvm::count_if(
      accesses, [](const Access &access) { return access.isLoad(); });
  if (loads > 0)
    wanted =
        std::min<int64_t>(wanted, llvm::bit_floor<uint64_t>(std::max<int64_t>(
                                      1, maxLoadedElements / loads)));
  // V divides the bound (a dynamic one: no coarsening).
  std::optional<int64_t> bound = getConstantIntValue(loop.getUpperBound()[dim]);
  if (!bound)
    return 1;
  while (wanted > 1 && *bound % wanted != 0)
    wanted /= 2;
  return wanted;
}

int64_t LoopCoarsening::getChunkElements(const Row &row) const {
  return getPowerOfTwoDivisor(row.stride * lanes,
                              vectorBytes / *getElementBytes(row.memref));
}

Value LoopCoarsening::buildAlignmentCondition(OpBuilder &b, Location loc) {
  // Per buffer, the largest alignment its vector accesses assume.
  llvm::MapVector<Value, int64_t> alignments;
  for (const Row &row : rows) {
    int64_t bytes = getChunkElements(row) * *getElementBytes(row.memref);
    alignments[row.memref] = std::max(alignments[row.memref], bytes);
  }
  auto index = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  auto isMultiple = [&](Value v, int64_t divisor) -> Value {
    Value remainder = arith::RemUIOp::create(b, loc, v, index(divisor));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, remainder,
                                 index(0));
  };
  Value condition = arith::ConstantIntOp::create(b, loc, 1, /*width=*/1);
  auto conjoin = [&](Value c) {
    condition = arith::AndIOp::create(b, loc, condition, c);
  };
  for (auto [memref, alignment] : alignments) {
    auto type = cast<MemRefType>(memref.getType());
    int64_t elementBytes = *getElementBytes(memref);
    auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
    Value pointer =
        memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
    Value offsetBytes = arith::MulIOp::create(b, loc, metadata.getOffset(),
                                              index(elementBytes));
    conjoin(isMultiple(arith::AddIOp::create(b, loc, pointer, offsetBytes),
                       alignment));
    int64_t rank = type.getRank();
    for (int64_t d = 0; d + 1 < rank; ++d)
      conjoin(isMultiple(arith::MulIOp::create(b, loc, metadata.getStrides()[d],
                                               index(elementBytes)),
                         alignment));
    conjoin(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                  metadata.getStrides()[rank - 1], index(1)));

    // The view the vector accesses use: innermost stride 1 in its type.
    SmallVector<int64_t> strides;
    int64_t offset;
    if (succeeded(type.getStridesAndOffset(strides, offset)) &&
        strides.back() == 1) {
      vectorViews[memref] = memref;
      continue;
    }
    SmallVector<int64_t> viewStrides(rank, ShapedType::kDynamic);
    viewStrides.back() = 1;
    auto viewType =
        MemRefType::get(type.getShape(), type.getElementType(),
                        StridedLayoutAttr::get(
                            b.getContext(), ShapedType::kDynamic, viewStrides),
                        type.getMemorySpace());
    SmallVector<OpFoldResult> sizes;
    for (auto [size, value] :
         llvm::zip_equal(type.getShape(), metadata.getSizes()))
      sizes.push_back(ShapedType::isDynamic(size)
                          ? OpFoldResult(value)
                          : OpFoldResult(b.getIndexAttr(size)));
    SmallVector<OpFoldResult> viewStrideValues =
        getAsOpFoldResult(metadata.getStrides());
    viewStrideValues.back() = b.getIndexAttr(1);
    vectorViews[memref] = memref::ReinterpretCastOp::create(
        b, loc, viewType, metadata.getBaseBuffer(), metadata.getOffset(), sizes,
        viewStrideValues);
  }
  return condition;
}

void LoopCoarsening::cloneCopies(
    OpBuilder &b, ValueRange ivs,
    DenseMap<Operation *, SmallVector<Operation *>> &copies) {
  Location loc = loop.getLoc();
  SmallVector<Value> originalIvs = loop.getInductionVars();
  SmallVector<IRMapping> mappings(lanes);
  Value first = arith::MulIOp::create(
      b, loc, ivs[dim], arith::ConstantIndexOp::create(b, loc, lanes));
  for (auto [copy, mapping] : llvm::enumerate(mappings)) {
    for (auto [original, coarse] : llvm::zip_equal(originalIvs, ivs))
      mapping.map(original, coarse);
    mapping.map(originalIvs[dim],
                copy == 0 ? first
                          : arith::AddIOp::create(
                                b, loc, first,
                                arith::ConstantIndexOp::create(b, loc, copy))
                                .getResult());
  }
  // Op by op, each op's copies together: a row's elements are computed
  // close to one another (and to their vector store).
  for (Operation &op : loop.getBody()->without_terminator())
    for (IRMapping &mapping : mappings) {
      Operation *clone = b.clone(op, mapping);
      if (isa<memref::LoadOp, memref::StoreOp>(op))
        copies[&op].push_back(clone);
    }
}

/// `index` computed at `b`'s insertion point, `ivs` standing for `loop`'s
/// induction variables.
static Value materialize(OpBuilder &b, Location loc, const AffineIndex &index,
                         scf::ParallelOp loop, ValueRange ivs) {
  SmallVector<Value> originalIvs = loop.getInductionVars();
  Value sum = arith::ConstantIndexOp::create(b, loc, index.constant);
  for (auto [term, coefficient] : index.terms) {
    Value value = term;
    if (auto *it = llvm::find(originalIvs, term); it != originalIvs.end())
      value = ivs[it - originalIvs.begin()];
    sum = arith::AddIOp::create(
        b, loc, sum,
        arith::MulIOp::create(
            b, loc, value,
            arith::ConstantIndexOp::create(b, loc, coefficient)));
  }
  return sum;
}

void LoopCoarsening::vectorizeRows(
    OpBuilder &b, ValueRange ivs,
    DenseMap<Operation *, SmallVector<Operation *>> &copies) {
  Location loc = loop.getLoc();
  // Stores move up to where their elements are computed when no load may
  // read what they write; otherwise they stay where the last copy stores.
  bool storesMoveUp = llvm::all_of(accesses, [&](const Access &store) {
    return store.isLoad() || llvm::all_of(accesses, [&](const Access &load) {
             return !load.isLoad() || areDisjoint(store, load);
           });
  });
  for (const Row &row : rows) {
    Value view = vectorViews.lookup(row.memref);
    int64_t chunk = getChunkElements(row);
    int64_t alignment = chunk * *getElementBytes(row.memref);
    auto vectorType = VectorType::get(
        {chunk}, cast<MemRefType>(row.memref.getType()).getElementType());
    // The row's element of (copy, lane): copy * stride + lane; chunk c
    // starts at element i' * stride * V + c * chunk of the row.
    auto position = [&](int64_t copy, Access *member) {
      return copy * row.stride + member->lane;
    };
    auto getChunkIndices = [&](int64_t c) {
      SmallVector<Value> indices;
      for (const AffineIndex &index : row.outerIndices)
        indices.push_back(materialize(b, loc, index, loop, ivs));
      AffineIndex last;
      last.constant = c * chunk;
      last.terms.push_back({loop.getInductionVars()[dim], row.stride * lanes});
      indices.push_back(materialize(b, loc, last, loop, ivs));
      return indices;
    };
    int64_t numChunks = row.stride * lanes / chunk;
    if (row.load) {
      // Where the first copy of the first member loaded.
      b.setInsertionPoint(copies[row.members.front()->op].front());
      SmallVector<Value> vectors;
      for (int64_t c = 0; c < numChunks; ++c)
        vectors.push_back(vector::LoadOp::create(
            b, loc, vectorType, view, getChunkIndices(c),
            /*nontemporal=*/false, llvm::MaybeAlign(alignment)));
      for (Access *member : row.members)
        for (auto [copy, clone] : llvm::enumerate(copies[member->op])) {
          int64_t p = position(copy, member);
          b.setInsertionPoint(clone);
          Value element =
              vector::ExtractOp::create(b, loc, vectors[p / chunk], p % chunk);
          clone->getResult(0).replaceAllUsesWith(element);
          clone->erase();
        }
      continue;
    }
    SmallVector<Value> elements(row.stride * lanes);
    for (Access *member : row.members)
      for (auto [copy, clone] : llvm::enumerate(copies[member->op]))
        elements[position(copy, member)] =
            cast<memref::StoreOp>(clone).getValueToStore();
    Operation *last = copies[row.members.back()->op].back();
    Block *block = last->getBlock();
    for (int64_t c = 0; c < numChunks; ++c) {
      ArrayRef<Value> chunkElements =
          ArrayRef(elements).slice(c * chunk, chunk);
      if (storesMoveUp) {
        // After the last of its elements computed in this block.
        b.setInsertionPointToStart(block);
        for (Value element : chunkElements) {
          Operation *def = element.getDefiningOp();
          if (def && def->getBlock() == block &&
              (b.getInsertionPoint() == block->begin() ||
               !def->isBeforeInBlock(&*std::prev(b.getInsertionPoint()))))
            b.setInsertionPointAfter(def);
        }
      } else {
        b.setInsertionPointAfter(last);
      }
      Value vector =
          vector::FromElementsOp::create(b, loc, vectorType, chunkElements);
      vector::StoreOp::create(b, loc, vector, view, getChunkIndices(c),
                              /*nontemporal=*/false,
                              llvm::MaybeAlign(alignment));
    }
    for (Access *member : row.members)
      for (Operation *clone : copies[member->op])
        clone->erase();
  }
}

bool LoopCoarsening::run() {
  if (!analyze())
    return false;
  lanes = chooseLanes();
  // Nothing wider than an element to access: no change.
  if (llvm::none_of(rows,
                    [&](const Row &row) { return getChunkElements(row) > 1; }))
    return false;
  llvm::erase_if(rows,
                 [&](const Row &row) { return getChunkElements(row) == 1; });

  OpBuilder b(loop);
  Location loc = loop.getLoc();
  Value aligned = buildAlignmentCondition(b, loc);
  SmallVector<Value> upper(loop.getUpperBound());
  if (lanes > 1)
    upper[dim] = arith::ConstantIndexOp::create(
        b, loc, *getConstantIntValue(upper[dim]) / lanes);
  auto coarse = scf::ParallelOp::create(b, loc, loop.getLowerBound(), upper,
                                        loop.getStep());
  coarse->setDiscardableAttrs(loop->getDiscardableAttrDictionary());

  b.setInsertionPointToStart(coarse.getBody());
  SmallVector<Value> ivs = coarse.getInductionVars();
  auto branch = scf::IfOp::create(b, loc, aligned, /*withElseRegion=*/true);
  DenseMap<Operation *, SmallVector<Operation *>> copies;
  b.setInsertionPointToStart(branch.thenBlock());
  cloneCopies(b, ivs, copies);
  vectorizeRows(b, ivs, copies);
  b.setInsertionPointToStart(branch.elseBlock());
  copies.clear();
  cloneCopies(b, ivs, copies);

  // What the vector accesses left unused (the scalar accesses' indices).
  // Last first: erasing a user may leave its operands' ops unused.
  for (Block *block : {branch.thenBlock(), branch.elseBlock()}) {
    SmallVector<Operation *> ops;
    for (Operation &op : block->without_terminator())
      ops.push_back(&op);
    for (Operation *op : llvm::reverse(ops))
      if (isOpTriviallyDead(op))
        op->erase();
  }
  loop->erase();
  return true;
}

namespace {
struct STLGPUCoarsenParallelLoopsPass
    : stl::impl::STLGPUCoarsenParallelLoopsBase<
          STLGPUCoarsenParallelLoopsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (vectorBytes < 4 || vectorBytes > 16 ||
        !llvm::isPowerOf2_64(vectorBytes)) {
      getOperation()->emitError()
          << "invalid option 'vector-bytes': expected a power of two from 4 "
             "to 16, got "
          << static_cast<int64_t>(vectorBytes);
      return signalPassFailure();
    }
    if (maxLanes < 1 || maxLanes > 16 || !llvm::isPowerOf2_64(maxLanes)) {
      getOperation()->emitError()
          << "invalid option 'max-lanes': expected a power of two from 1 to "
             "16, got "
          << static_cast<int64_t>(maxLanes);
      return signalPassFailure();
    }
    if (maxLoadedElements < 1) {
      getOperation()->emitError()
          << "invalid option 'max-loaded-elements': expected a positive "
             "number, got "
          << static_cast<int64_t>(maxLoadedElements);
      return signalPassFailure();
    }
    // Outermost loops only (a nested one is a thread's own loop).
    SmallVector<scf::ParallelOp> loops;
    getOperation()->walk([&](scf::ParallelOp loop) {
      if (!loop->getParentOfType<scf::ParallelOp>())
        loops.push_back(loop);
    });
    for (scf::ParallelOp loop : loops)
      LoopCoarsening(loop, vectorBytes, maxLanes, maxLoadedElements).run();
  }
};
} // namespace
