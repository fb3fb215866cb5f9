//===- MatmulMatch.cpp - Recognising MatMuls in linalg --------------------===//

#include "stl/Dialect/STL/Transforms/MatmulMatch.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::stl;

int64_t MatmulMatch::groupSize(ArrayRef<unsigned> dims) const {
  int64_t product = 1;
  for (unsigned d : dims) {
    if (ShapedType::isDynamic(size(d)))
      return ShapedType::kDynamic;
    product *= size(d);
  }
  return product;
}

bool MatmulMatch::hasStaticSizes() const {
  return llvm::none_of(loopSizes,
                       [](int64_t s) { return ShapedType::isDynamic(s); });
}

bool MatmulMatch::hasStaticMatrixSizes() const {
  return !ShapedType::isDynamic(m()) && !ShapedType::isDynamic(k()) &&
         !ShapedType::isDynamic(n());
}

bool mlir::stl::isMatmulCandidate(linalg::LinalgOp op) {
  return op.getNumDpsInputs() == 2 && op.getNumDpsInits() == 1 &&
         linalg::isaContractionOpInterface(op);
}

static bool isSupportedFloat(Type t) {
  return t.isF16() || t.isBF16() || t.isF32() || t.isF64();
}

static bool isSupportedInteger(Type t) {
  return t.isSignlessInteger(8) || t.isSignlessInteger(16) ||
         t.isSignlessInteger(32) || t.isSignlessInteger(64);
}

namespace {
/// How a multiply-add body extends its inputs.
enum class Extension { None, Signed, Unsigned, Mixed };
} // namespace

/// The body must be `out + ext?(in0) * ext?(in1)`: with float arithmetic
/// (arith.extf, mulf, addf) or integer arithmetic (arith.extsi / extui,
/// muli, addi). Returns how the inputs are extended, or no value.
static std::optional<Extension> matchMultiplyAddBody(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  Extension extension = Extension::None;
  auto noteExtension = [&](Extension e) {
    if (extension == Extension::None || extension == e)
      extension = e;
    else
      extension = Extension::Mixed;
  };
  // The input block argument a multiplicand reads, or -1.
  auto inputArg = [&](Value v) -> int {
    if (auto ext = v.getDefiningOp<arith::ExtFOp>()) {
      v = ext.getIn();
    } else if (auto ext = v.getDefiningOp<arith::ExtSIOp>()) {
      v = ext.getIn();
      noteExtension(Extension::Signed);
    } else if (auto ext = v.getDefiningOp<arith::ExtUIOp>()) {
      v = ext.getIn();
      noteExtension(Extension::Unsigned);
    }
    auto arg = dyn_cast<BlockArgument>(v);
    if (!arg || arg.getOwner() != body || arg.getArgNumber() >= 2)
      return -1;
    return arg.getArgNumber();
  };
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  Operation *add = yield.getValues()[0].getDefiningOp();
  if (!isa_and_nonnull<arith::AddFOp, arith::AddIOp>(add))
    return std::nullopt;
  Value acc = add->getOperand(0), prod = add->getOperand(1);
  if (!isa_and_nonnull<arith::MulFOp, arith::MulIOp>(prod.getDefiningOp()))
    std::swap(acc, prod);
  Operation *mul = prod.getDefiningOp();
  auto accArg = dyn_cast<BlockArgument>(acc);
  if (!isa_and_nonnull<arith::MulFOp, arith::MulIOp>(mul) || !accArg ||
      accArg.getOwner() != body || accArg.getArgNumber() != 2)
    return std::nullopt;
  int lhsArg = inputArg(mul->getOperand(0)),
      rhsArg = inputArg(mul->getOperand(1));
  if (lhsArg < 0 || rhsArg < 0 || lhsArg == rhsArg)
    return std::nullopt;
  // Nothing else: extensions, the product, the sum and the yield.
  for (Operation &o : body->getOperations())
    if (!isa<arith::ExtFOp, arith::ExtSIOp, arith::ExtUIOp, arith::MulFOp,
             arith::MulIOp, arith::AddFOp, arith::AddIOp, linalg::YieldOp>(o))
      return std::nullopt;
  if (body->getOperations().size() > 5)
    return std::nullopt;
  return extension;
}

/// The permutation taking an operand whose indexing map is `map` (a
/// projected permutation) to the loop dimensions `wanted`, or failure when
/// the operand's dimensions are not exactly those.
static FailureOr<SmallVector<int64_t>>
permutationTo(AffineMap map, ArrayRef<unsigned> wanted) {
  if (map.getNumResults() != wanted.size())
    return failure();
  SmallVector<int64_t> perm;
  for (unsigned d : wanted) {
    std::optional<unsigned> pos =
        map.getResultPosition(getAffineDimExpr(d, map.getContext()));
    if (!pos)
      return failure();
    perm.push_back(*pos);
  }
  return perm;
}

FailureOr<MatmulMatch> mlir::stl::matchMatmul(linalg::LinalgOp op,
                                              std::string &reason) {
  if (!isMatmulCandidate(op)) {
    reason = "it is not a contraction of two operands into one (a MatMul)";
    return failure();
  }
  if (!op.hasPureTensorSemantics()) {
    reason = "it operates on buffers, not tensors";
    return failure();
  }
  // A tensor encoding (sparsity, layouts of other dialects) says how the
  // values are stored or what they mean; the rewrite would drop it.
  for (OpOperand &operand : op->getOpOperands())
    if (auto type = dyn_cast<RankedTensorType>(operand.get().getType());
        type && type.getEncoding()) {
      std::string text;
      llvm::raw_string_ostream os(text);
      os << type.getEncoding();
      reason = llvm::formatv("operand {0} has the tensor encoding {1}, which "
                             "an STL MatMul would drop (sparse and other "
                             "encoded tensors are left alone)",
                             operand.getOperandNumber(), text);
      return failure();
    }
  Type lhsElt = getElementTypeOrSelf(op.getDpsInputs()[0].getType());
  Type rhsElt = getElementTypeOrSelf(op.getDpsInputs()[1].getType());
  Type outElt = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  bool floats = isSupportedFloat(lhsElt) && isSupportedFloat(outElt);
  bool integers = isSupportedInteger(lhsElt) && isSupportedInteger(outElt);
  if (lhsElt != rhsElt || !(floats || integers) ||
      lhsElt.getIntOrFloatBitWidth() > outElt.getIntOrFloatBitWidth()) {
    reason = llvm::formatv("its element types ({0}, {1} -> {2}) are not "
                           "supported (f16, bf16, f32 or f64, or i8, i16, "
                           "i32 or i64, operands of one type, accumulated in "
                           "the same or a wider type of the same kind)",
                           lhsElt, rhsElt, outElt);
    return failure();
  }
  std::optional<Extension> extension = matchMultiplyAddBody(op);
  if (!extension) {
    reason = integers ? "its body is not an integer multiply-add"
                      : "its body is not a floating-point multiply-add";
    return failure();
  }
  if (*extension == Extension::Mixed) {
    reason = "it sign-extends one operand and zero-extends the other";
    return failure();
  }
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims)) {
    reason = "its loops do not form a contraction";
    return failure();
  }
  if (dims->m.empty() || dims->n.empty() || dims->k.empty()) {
    reason = llvm::formatv("it has {0} M, {1} N and {2} K dimensions (a "
                           "matrix product needs at least one of each: this "
                           "is a matrix-vector, vector-matrix or outer "
                           "product)",
                           dims->m.size(), dims->n.size(), dims->k.size());
    return failure();
  }

  MatmulMatch match;
  match.op = op;
  match.zeroExtend = *extension == Extension::Unsigned;
  match.loopSizes = op.getStaticLoopRanges();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  auto dimsOf = [](AffineMap map) {
    SmallVector<unsigned> result;
    for (AffineExpr e : map.getResults())
      result.push_back(cast<AffineDimExpr>(e).getPosition());
    return result;
  };
  // M is the innermost M dimension of the result; other M dimensions (in the
  // left operand and the result but not in the weights) are batch
  // dimensions that the weights do not have. Batch dimensions are taken in
  // the order the result has them; N dimensions too, K dimensions in the
  // order of the left operand.
  SmallVector<unsigned> resultDims = dimsOf(maps[2]);
  for (unsigned d : llvm::reverse(resultDims))
    if (llvm::is_contained(dims->m, d)) {
      match.mDim = d;
      break;
    }
  for (unsigned d : resultDims) {
    if (llvm::is_contained(dims->n, d))
      match.nDims.push_back(d);
    else if (d != match.mDim)
      match.batchDims.push_back(d);
  }
  for (unsigned d : dimsOf(maps[0]))
    if (llvm::is_contained(dims->k, d))
      match.kDims.push_back(d);
  // A grouped N or K is one dimension of the product of their sizes.
  for (auto [name, group] :
       {std::pair<const char *, ArrayRef<unsigned>>{"N", match.nDims},
        {"K", match.kDims}}) {
    std::optional<int64_t> product = 1;
    for (unsigned d : group)
      if (product && !ShapedType::isDynamic(match.size(d)))
        product = llvm::checkedMul(*product, match.size(d));
    if (!product) {
      reason = llvm::formatv("the product of its {0} dimensions overflows "
                             "int64",
                             name);
      return failure();
    }
  }

  auto concat = [](ArrayRef<unsigned> a, ArrayRef<unsigned> b,
                   ArrayRef<unsigned> c = {}) {
    SmallVector<unsigned> all(a);
    all.append(b.begin(), b.end());
    all.append(c.begin(), c.end());
    return all;
  };
  unsigned m = match.mDim;
  FailureOr<SmallVector<int64_t>> lhsPerm = permutationTo(
      maps[0], concat(match.batchDims, ArrayRef<unsigned>(m), match.kDims));
  FailureOr<SmallVector<int64_t>> outPerm = permutationTo(
      maps[2], concat(match.batchDims, ArrayRef<unsigned>(m), match.nDims));
  FailureOr<SmallVector<int64_t>> rhsPerm =
      permutationTo(maps[1], concat(match.batchDims, match.kDims, match.nDims));
  if (failed(rhsPerm) && !match.batchDims.empty()) {
    rhsPerm = permutationTo(maps[1], concat(match.kDims, match.nDims));
    match.rhsBatched = false;
  }
  if (failed(lhsPerm) || failed(rhsPerm) || failed(outPerm)) {
    reason = "its operands are not matrices over its batch, M, N and K "
             "dimensions (broadcast left operand)";
    return failure();
  }
  match.lhsPerm = std::move(*lhsPerm);
  match.rhsPerm = std::move(*rhsPerm);
  match.outPerm = std::move(*outPerm);
  return match;
}
