//===- STLOps.cpp - Strassen-Tile operations ------------------------------===//

#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Scheme/Format.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::stl;

#define GET_OP_CLASSES
#include "stl/Dialect/STL/IR/STLOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shape checks shared by the verifiers
//===----------------------------------------------------------------------===//

namespace {
/// Checks shape relations between the operands of one op and reports the
/// first violation. Dynamic sizes match anything.
class ShapeChecker {
public:
  explicit ShapeChecker(Operation *op) : op(op) {}

  /// `operand`'s dimension `dim` must equal `expected` (`why` explains).
  LogicalResult equal(StringRef operand, RankedTensorType type, int64_t dim,
                      int64_t expected, StringRef why) {
    int64_t size = type.getDimSize(dim);
    if (ShapedType::isDynamic(size) || ShapedType::isDynamic(expected) ||
        size == expected)
      return success();
    return op->emitOpError()
           << "dimension " << dim << " of the " << operand << " (size " << size
           << ") must be " << expected << " (" << why << ")";
  }

  /// Two dimensions of two operands must have equal sizes.
  LogicalResult same(StringRef operandA, RankedTensorType a, int64_t dimA,
                     StringRef operandB, RankedTensorType b, int64_t dimB,
                     StringRef what) {
    int64_t sa = a.getDimSize(dimA), sb = b.getDimSize(dimB);
    if (ShapedType::isDynamic(sa) || ShapedType::isDynamic(sb) || sa == sb)
      return success();
    return op->emitOpError()
           << what << " mismatch: dimension " << dimA << " of the " << operandA
           << " is " << sa << " but dimension " << dimB << " of the "
           << operandB << " is " << sb;
  }

  /// `operand`'s dimension `dim` must be divisible by the tile size.
  LogicalResult divisible(StringRef operand, RankedTensorType type, int64_t dim,
                          int64_t tileSize, StringRef tileName) {
    int64_t size = type.getDimSize(dim);
    if (ShapedType::isDynamic(size) || size % tileSize == 0)
      return success();
    return op->emitOpError()
           << "dimension " << dim << " of the " << operand << " (size " << size
           << ") is not divisible by the scheme's tile size " << tileName
           << " = " << tileSize;
  }

  /// Leading batch dimensions of two operands must agree.
  LogicalResult batch(StringRef operandA, RankedTensorType a,
                      StringRef operandB, RankedTensorType b,
                      int64_t numBatch) {
    for (int64_t i = 0; i < numBatch; ++i)
      if (failed(same(operandA, a, i, operandB, b, i, "batch dimension")))
        return failure();
    return success();
  }

  LogicalResult rank(StringRef operand, RankedTensorType type, int64_t expected,
                     StringRef why) {
    if (type.getRank() == expected)
      return success();
    return op->emitOpError()
           << "expected the " << operand << " to have rank " << expected << " ("
           << why << "), got " << type.getRank();
  }

  LogicalResult minRank(StringRef operand, RankedTensorType type,
                        int64_t minimum, StringRef layout) {
    if (type.getRank() >= minimum)
      return success();
    return op->emitOpError()
           << "expected the " << operand << " to have rank " << minimum
           << " or more (" << layout << "), got " << type.getRank();
  }

  /// A dimension that must be the product of a grid size and a tile size.
  LogicalResult gridTimesTile(StringRef fullOperand, RankedTensorType full,
                              int64_t fullDim, StringRef gridOperand,
                              RankedTensorType grid, int64_t gridDim,
                              int64_t tileSize, StringRef tileName) {
    if (failed(divisible(fullOperand, full, fullDim, tileSize, tileName)))
      return failure();
    int64_t size = full.getDimSize(fullDim);
    int64_t expected =
        ShapedType::isDynamic(size) ? ShapedType::kDynamic : size / tileSize;
    std::string why = (Twine(fullOperand) + " dimension " + Twine(fullDim) +
                       " / tile " + tileName)
                          .str();
    return equal(gridOperand, grid, gridDim, expected, why);
  }

private:
  Operation *op;
};
} // namespace

static RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

/// The widest of `types` (the first of equal widths).
static Type widest(std::initializer_list<Type> types) {
  Type best;
  for (Type t : types)
    if (!best || t.getIntOrFloatBitWidth() > best.getIntOrFloatBitWidth())
      best = t;
  return best;
}

Type mlir::stl::getDefaultEncodedElementType(Type operand, Type destination) {
  // Integers: the destination's ring (modulo 2^w), where an integer scheme
  // is exact.
  if (isa<IntegerType>(destination))
    return widest({destination, operand});
  return widest({operand, destination, Float32Type::get(operand.getContext())});
}

Type mlir::stl::getAccumulatorElementType(Type encoded, Type destination) {
  if (isa<IntegerType>(destination))
    return widest({destination, encoded});
  return widest({destination, encoded, Float32Type::get(encoded.getContext())});
}

/// Checks that `types` are all floats or all integers.
static LogicalResult verifyOneKindOfTypes(Operation *op, ArrayRef<Type> types) {
  bool anyInteger = llvm::any_of(types, llvm::IsaPred<IntegerType>);
  bool anyFloat = llvm::any_of(types, llvm::IsaPred<FloatType>);
  if (anyInteger && anyFloat)
    return op->emitOpError()
           << "mixes integer and floating-point element types";
  return success();
}

/// Why the coefficients summed up by `facts` cannot be held in `type`, or "".
static std::string checkFits(StringRef what, const CoefficientFacts &facts,
                             Type type, StringRef role) {
  std::string typeName;
  llvm::raw_string_ostream typeOs(typeName);
  if (type)
    typeOs << type;
  if (isa_and_nonnull<IntegerType>(type)) {
    // Integer arithmetic (modulo 2^w) needs integer coefficients, converted
    // exactly: at most 2^53 in magnitude.
    if (!facts.firstNonInteger)
      return "";
    return llvm::formatv("the scheme's '{0}' coefficient {1} is not an "
                         "integer (of at most 2^53 in magnitude), as {2}, "
                         "the integer type {3}, needs",
                         what, formatNumber(*facts.firstNonInteger), typeName,
                         role)
        .str();
  }
  auto floatType = dyn_cast_or_null<FloatType>(type);
  if (!floatType)
    return "";
  // Rounding is monotonic: when the largest magnitude is finite in the type,
  // every coefficient is.
  APFloat f(facts.largestMagnitude);
  bool losesInfo = false;
  f.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
            &losesInfo);
  if (f.isFinite())
    return "";
  return llvm::formatv("the scheme's '{0}' coefficients reach {1} in "
                       "magnitude, which is not finite in {2}, the type {3}",
                       what, formatNumber(facts.largestMagnitude), typeName,
                       role)
      .str();
}

static constexpr StringLiteral kEncodingsRole = "the encodings are held in";
static constexpr StringLiteral kProductsRole = "the products are decoded in";

std::string mlir::stl::checkCoefficientsFit(SchemeAttr scheme, Type encoded,
                                            Type accumulator) {
  std::string problem =
      checkFits("lhs", scheme.getLhsFacts(), encoded, kEncodingsRole);
  if (problem.empty())
    problem = checkFits("rhs", scheme.getRhsFacts(), encoded, kEncodingsRole);
  if (problem.empty())
    problem =
        checkFits("out", scheme.getOutFacts(), accumulator, kProductsRole);
  return problem;
}

/// The names of the tile sizes of one operand's (rows, columns), as
/// SchemeAttr::getOperandTile gives them: (m, k) or (k, n).
static std::pair<StringRef, StringRef> getOperandTileNames(OperandKind kind) {
  return kind == OperandKind::Lhs ? std::make_pair("m", "k")
                                  : std::make_pair("k", "n");
}

namespace {
/// Layout of one operand, for diagnostics: batched and shared forms.
struct ProductLayouts {
  int64_t innerRank;
  StringRef lhs, rhs, rhsShared, destination;
};
/// Numbers of leading batch dimensions of the lhs (and destination) and of
/// the rhs.
struct BatchDims {
  int64_t lhs, rhs;
};
} // namespace

/// Checks what stl.matmul and stl.tile_product have in common: both multiply
/// `[B..., lhs]` by `[B..., rhs]` or, for weights shared by every batch, by
/// an unbatched rhs, into `[B..., destination]`; the operands share their
/// element type and the batch dimensions agree.
static FailureOr<BatchDims>
verifyProductOperands(Operation *op, ShapeChecker &check, RankedTensorType lhs,
                      RankedTensorType rhs, RankedTensorType out,
                      const ProductLayouts &l) {
  if (lhs.getElementType() != rhs.getElementType())
    return op->emitOpError()
           << "operands must have the same element type, got "
           << lhs.getElementType() << " and " << rhs.getElementType();
  if (failed(check.minRank("lhs", lhs, l.innerRank, l.lhs)) ||
      failed(check.rank("destination", out, lhs.getRank(), l.destination)))
    return failure();
  if (rhs.getRank() != lhs.getRank() && rhs.getRank() != l.innerRank)
    return op->emitOpError()
           << "expected the rhs to have rank " << lhs.getRank() << " (" << l.rhs
           << ") or " << l.innerRank << " (" << l.rhsShared
           << ", shared by every batch), got " << rhs.getRank();
  BatchDims dims{lhs.getRank() - l.innerRank, rhs.getRank() - l.innerRank};
  if (failed(check.batch("lhs", lhs, "destination", out, dims.lhs)) ||
      failed(check.batch("lhs", lhs, "rhs", rhs, dims.rhs)))
    return failure();
  return dims;
}

//===----------------------------------------------------------------------===//
// EncodeOp
//===----------------------------------------------------------------------===//

LogicalResult EncodeOp::verify() {
  ShapeChecker check(*this);
  RankedTensorType in = tensorType(getInput()), out = tensorType(getInit());
  bool isLhs = getOperand() == OperandKind::Lhs;
  if (failed(check.minRank("input", in, 2,
                           isLhs ? "[B..., M, K]" : "[B..., K, N]")) ||
      failed(check.rank("destination", out, in.getRank() + 1,
                        isLhs ? "[B..., r, M/m, K/k]" : "[B..., r, K/k, N/n]")))
    return failure();
  if (failed(verifyOneKindOfTypes(*this,
                                  {in.getElementType(), out.getElementType()})))
    return failure();
  int64_t nb = in.getRank() - 2;
  SchemeAttr s = getScheme();
  auto [rowTile, colTile] = s.getOperandTile(getOperand());
  auto [rowName, colName] = getOperandTileNames(getOperand());
  if (failed(check.batch("input", in, "destination", out, nb)) ||
      failed(check.equal("destination", out, nb, s.getRank(),
                         "the scheme's rank")) ||
      failed(check.gridTimesTile("input", in, nb, "destination", out, nb + 1,
                                 rowTile, rowName)) ||
      failed(check.gridTimesTile("input", in, nb + 1, "destination", out,
                                 nb + 2, colTile, colName)))
    return failure();
  std::string problem = checkFits(stringifyOperandKind(getOperand()),
                                  s.getOperandFacts(getOperand()),
                                  out.getElementType(), kEncodingsRole);
  if (!problem.empty())
    return emitOpError() << problem;
  return success();
}

//===----------------------------------------------------------------------===//
// TileProductOp
//===----------------------------------------------------------------------===//

LogicalResult TileProductOp::verify() {
  ShapeChecker check(*this);
  RankedTensorType lhs = tensorType(getLhs()), rhs = tensorType(getRhs()),
                   out = tensorType(getInit());
  FailureOr<BatchDims> dims =
      verifyProductOperands(*this, check, lhs, rhs, out,
                            {3, "[B..., r, I, P]", "[B..., r, P, J]",
                             "[r, P, J]", "[B..., r, I, J], like the lhs"});
  if (failed(dims) || failed(verifyOneKindOfTypes(
                          *this, {lhs.getElementType(), out.getElementType()})))
    return failure();
  int64_t nb = dims->lhs, nbRhs = dims->rhs;
  if (failed(check.same("lhs", lhs, nb, "rhs", rhs, nbRhs, "channel count")) ||
      failed(check.same("lhs", lhs, nb, "destination", out, nb,
                        "channel count")) ||
      failed(check.same("lhs", lhs, nb + 1, "destination", out, nb + 1,
                        "row grid (I)")) ||
      failed(check.same("lhs", lhs, nb + 2, "rhs", rhs, nbRhs + 1,
                        "contraction grid (P)")) ||
      failed(check.same("rhs", rhs, nbRhs + 2, "destination", out, nb + 2,
                        "column grid (J)")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// DecodeOp
//===----------------------------------------------------------------------===//

LogicalResult DecodeOp::verify() {
  ShapeChecker check(*this);
  RankedTensorType in = tensorType(getInput()), out = tensorType(getInit());
  if (failed(check.minRank("input", in, 3, "[B..., r, M/m, N/n]")) ||
      failed(check.rank("destination", out, in.getRank() - 1, "[B..., M, N]")))
    return failure();
  if (failed(verifyOneKindOfTypes(*this,
                                  {in.getElementType(), out.getElementType()})))
    return failure();
  int64_t nb = in.getRank() - 3;
  SchemeAttr s = getScheme();
  if (failed(check.batch("input", in, "destination", out, nb)) ||
      failed(check.equal("input", in, nb, s.getRank(), "the scheme's rank")) ||
      failed(check.gridTimesTile("destination", out, nb, "input", in, nb + 1,
                                 s.getM(), "m")) ||
      failed(check.gridTimesTile("destination", out, nb + 1, "input", in,
                                 nb + 2, s.getN(), "n")))
    return failure();
  std::string problem =
      checkFits("out", s.getOutFacts(), out.getElementType(), kProductsRole);
  if (!problem.empty())
    return emitOpError() << problem;
  return success();
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

Type MatmulOp::getEncodedElementType() {
  if (std::optional<Type> type = getEncodedType())
    return *type;
  return getDefaultEncodedElementType(tensorType(getLhs()).getElementType(),
                                      tensorType(getInit()).getElementType());
}

Type MatmulOp::getAccumulatorElementType() {
  return mlir::stl::getAccumulatorElementType(
      getEncodedElementType(), tensorType(getInit()).getElementType());
}

LogicalResult MatmulOp::verify() {
  ShapeChecker check(*this);
  RankedTensorType lhs = tensorType(getLhs()), rhs = tensorType(getRhs()),
                   out = tensorType(getInit());
  FailureOr<BatchDims> dims =
      verifyProductOperands(*this, check, lhs, rhs, out,
                            {2, "[B..., M, K]", "[B..., K, N]", "[K, N]",
                             "[B..., M, N], like the lhs"});
  if (failed(dims))
    return failure();
  SmallVector<Type> types = {lhs.getElementType(), out.getElementType()};
  if (std::optional<Type> encodedType = getEncodedType())
    types.push_back(*encodedType);
  if (failed(verifyOneKindOfTypes(*this, types)))
    return failure();
  int64_t nb = dims->lhs, nbRhs = dims->rhs;
  SchemeAttr s = getScheme();
  if (failed(check.same("lhs", lhs, nb, "destination", out, nb, "M")) ||
      failed(check.same("lhs", lhs, nb + 1, "rhs", rhs, nbRhs, "K")) ||
      failed(
          check.same("rhs", rhs, nbRhs + 1, "destination", out, nb + 1, "N")) ||
      failed(check.divisible("lhs", lhs, nb, s.getM(), "m")) ||
      failed(check.divisible("lhs", lhs, nb + 1, s.getK(), "k")) ||
      failed(check.divisible("rhs", rhs, nbRhs + 1, s.getN(), "n")))
    return failure();
  Type encoded = getEncodedElementType();
  std::string problem = checkCoefficientsFit(
      s, encoded,
      mlir::stl::getAccumulatorElementType(encoded, out.getElementType()));
  if (!problem.empty())
    return emitOpError() << problem;
  return success();
}

//===----------------------------------------------------------------------===//
// GPUTensorMapOp
//===----------------------------------------------------------------------===//

LogicalResult GPUTensorMapOp::verify() {
  ArrayRef<int64_t> sizes = getSizes(), strides = getStrides(), box = getBox();
  int64_t rank = sizes.size();
  if (rank < 1 || rank > 5)
    return emitOpError() << "expects 1 to 5 dimensions, got " << rank;
  if (static_cast<int64_t>(strides.size()) != rank - 1 ||
      static_cast<int64_t>(box.size()) != rank)
    return emitOpError() << "expects " << rank - 1 << " strides and " << rank
                         << " box sizes for " << rank << " dimensions, got "
                         << strides.size() << " and " << box.size();
  unsigned bits = getSource().getType().getElementTypeBitWidth();
  if (bits != 8 && bits != 16 && bits != 32)
    return emitOpError() << "expects 1-, 2- or 4-byte elements, got " << bits
                         << "-bit ones";
  int64_t bytes = bits / 8;
  for (auto [d, size] : llvm::enumerate(sizes))
    if (size < 1 || size > (int64_t(1) << 32))
      return emitOpError() << "size " << size << " of dimension " << d
                           << " is not in [1, 2^32]";
  for (auto [d, extent] : llvm::enumerate(box))
    if (extent < 1 || extent > 256 || extent > sizes[d])
      return emitOpError() << "box size " << extent << " of dimension " << d
                           << " is not in [1, min(256, " << sizes[d] << ")]";
  int64_t swizzle = getSwizzle();
  if (swizzle != 0 && swizzle != 32 && swizzle != 64 && swizzle != 128)
    return emitOpError() << "swizzle must be 0, 32, 64 or 128 bytes, got "
                         << swizzle;
  int64_t innerBytes = box[0] * bytes;
  if (innerBytes % 16 != 0 || (swizzle != 0 && innerBytes > swizzle))
    return emitOpError() << "the box's innermost " << innerBytes
                         << " bytes must be a multiple of 16"
                         << (swizzle != 0 ? " and at most the swizzle's " +
                                                std::to_string(swizzle)
                                          : std::string());
  for (int64_t stride : strides)
    if (stride < 1 || (stride * bytes) % 16 != 0 ||
        stride * bytes >= (int64_t(1) << 40))
      return emitOpError() << "stride " << stride
                           << " must be positive, a multiple of 16 bytes and "
                              "under 2^40 bytes";
  if (getOffset() < 0 || (getOffset() * bytes) % 16 != 0)
    return emitOpError() << "offset " << getOffset()
                         << " must be a non-negative multiple of 16 bytes";
  return success();
}
