//===- FoldConstantEncodings.cpp - Encode constant weights ahead of time --===//
//
// Folds stl.encode, linalg.transpose and tensor.pad of constants. The
// constants are read in their own element type from their raw data (dense
// or dense_resource) and the results written in theirs, a block of tiles at
// a time: the memory a fold takes is its result plus a few rows, whatever
// the size of the constant. Results above `max-folded-elements` are not
// folded (a remark says so).
//
//===----------------------------------------------------------------------===//

#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "llvm/ADT/bit.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLFOLDCONSTANTENCODINGS
#include "stl/Dialect/STL/Transforms/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

//===----------------------------------------------------------------------===//
// Elements in their own types
//===----------------------------------------------------------------------===//

namespace {
/// The float element types the encode fold computes with.
enum class FloatKind { F16, BF16, F32, F64 };

/// A constant float tensor of static shape and its raw data: the elements,
/// row-major, each in `elementBytes` bytes of the element type's storage
/// (host byte order); a single element when `splat`.
struct FloatConstant {
  RankedTensorType type;
  ArrayRef<char> data;
  int64_t elementBytes = 0;
  bool splat = false;
};
} // namespace

static std::optional<FloatKind> getFloatKind(Type type) {
  if (type.isF16())
    return FloatKind::F16;
  if (type.isBF16())
    return FloatKind::BF16;
  if (type.isF32())
    return FloatKind::F32;
  if (type.isF64())
    return FloatKind::F64;
  return std::nullopt;
}

/// `a * b`, or nullopt when it overflows int64 (or either is negative).
static std::optional<int64_t> mulCount(int64_t a, int64_t b) {
  if (a < 0 || b < 0)
    return std::nullopt;
  return llvm::checkedMul(a, b);
}

/// The number of elements of a static shape, or nullopt on overflow.
static std::optional<int64_t> countElements(ArrayRef<int64_t> shape) {
  std::optional<int64_t> count = 1;
  for (int64_t s : shape) {
    if (!count || ShapedType::isDynamic(s))
      return std::nullopt;
    count = mulCount(*count, s);
  }
  return count;
}

/// `attr` as a constant float tensor of static shape whose element type
/// takes whole bytes, with its raw data; nullopt for anything else (and for
/// a dense_resource whose blob is missing or of the wrong size).
static std::optional<FloatConstant> getFloatConstant(ElementsAttr attr) {
  if (!attr)
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || !type.hasStaticShape())
    return std::nullopt;
  auto elementType = dyn_cast<FloatType>(type.getElementType());
  if (!elementType || elementType.getWidth() % 8 != 0)
    return std::nullopt;
  std::optional<int64_t> count = countElements(type.getShape());
  if (!count)
    return std::nullopt;
  FloatConstant c;
  c.type = type;
  c.elementBytes = elementType.getWidth() / 8;
  if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(attr)) {
    c.data = dense.getRawData();
    c.splat = dense.isSplat();
  } else if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    c.data = blob->getData();
  } else {
    return std::nullopt;
  }
  std::optional<int64_t> bytes = mulCount(c.splat ? 1 : *count, c.elementBytes);
  if (!bytes || static_cast<uint64_t>(*bytes) != c.data.size())
    return std::nullopt;
  return c;
}

/// The constant float tensor `v` is, if it is one (see above).
static std::optional<FloatConstant> getFloatConstant(Value v) {
  ElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)))
    return std::nullopt;
  return getFloatConstant(attr);
}

/// `a * b * c * d`, or nullopt on overflow.
static std::optional<int64_t> mulCount(int64_t a, int64_t b, int64_t c,
                                       int64_t d) {
  std::optional<int64_t> ab = mulCount(a, b);
  std::optional<int64_t> abc = ab ? mulCount(*ab, c) : std::nullopt;
  return abc ? mulCount(*abc, d) : std::nullopt;
}

/// Decodes an IEEE half (binary16).
static double halfToDouble(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t exp = (h >> 10) & 0x1F, mant = h & 0x3FF;
  float f;
  if (exp == 0) {
    f = static_cast<float>(mant) * 0x1p-24f; // zero or subnormal: exact
    return (h & 0x8000) ? -static_cast<double>(f) : static_cast<double>(f);
  }
  uint32_t bits = exp == 0x1F
                      ? (sign | 0x7F800000u | (mant << 13))
                      : (sign | ((exp - 15 + 127) << 23) | (mant << 13));
  f = llvm::bit_cast<float>(bits);
  return f;
}

/// Rounds `x` to the nearest value, ties to even, of a 16-bit binary format
/// with `precision` significand bits (the implicit bit included) and
/// exponent bias `bias` (bf16: 8 and 127, f16: 11 and 15), directly from
/// double (no intermediate rounding); returns its bits.
static uint16_t roundToBits16(double x, int precision, int bias) {
  uint64_t bits = llvm::bit_cast<uint64_t>(x);
  uint32_t sign = (bits >> 63) ? 0x8000u : 0u;
  uint32_t mantBits = precision - 1;
  uint32_t expField = ((1u << (15 - mantBits)) - 1) << mantBits;
  int biased = static_cast<int>((bits >> 52) & 0x7FF);
  uint64_t frac = bits & ((uint64_t(1) << 52) - 1);
  if (biased == 0x7FF) // infinity or NaN (quiet)
    return sign | expField | (frac ? (1u << (mantBits - 1)) : 0u);
  if (biased == 0) // zero, or a double subnormal: far below half the
    return sign;   // smallest subnormal of either format
  // x = sig * 2^(e - 52), sig in [2^52, 2^53).
  int e = biased - 1023;
  uint64_t sig = frac | (uint64_t(1) << 52);
  // The format's quantum at this magnitude is 2^q.
  int q = std::max(e, 1 - bias) - static_cast<int>(mantBits);
  int shift = q - (e - 52); // at least 53 - precision > 0
  uint64_t kept = 0;
  if (shift < 64) {
    kept = sig >> shift;
    uint64_t rem = sig & ((uint64_t(1) << shift) - 1);
    uint64_t half = uint64_t(1) << (shift - 1);
    if (rem > half || (rem == half && (kept & 1)))
      ++kept;
  } // else: x is below 2^(q - 11), below half the quantum: zero.
  // The result is kept * 2^q.
  if (kept == 0)
    return sign;
  if (kept >> precision) { // the rounding carried into a new bit
    kept >>= 1;
    ++q;
  }
  if (!(kept >> mantBits)) // subnormal
    return sign | static_cast<uint32_t>(kept);
  int exponent = q + static_cast<int>(mantBits);
  if (exponent > bias) // overflow
    return sign | expField;
  return sign | (static_cast<uint32_t>(exponent + bias) << mantBits) |
         static_cast<uint32_t>(kept - (uint64_t(1) << mantBits));
}

/// Element `i` of raw data of kind `kind`, exactly, in double.
static double readElement(const char *data, FloatKind kind, int64_t i) {
  switch (kind) {
  case FloatKind::F64: {
    double d;
    std::memcpy(&d, data + 8 * i, 8);
    return d;
  }
  case FloatKind::F32: {
    float f;
    std::memcpy(&f, data + 4 * i, 4);
    return f;
  }
  case FloatKind::BF16: {
    uint16_t h;
    std::memcpy(&h, data + 2 * i, 2);
    return llvm::bit_cast<float>(static_cast<uint32_t>(h) << 16);
  }
  case FloatKind::F16: {
    uint16_t h;
    std::memcpy(&h, data + 2 * i, 2);
    return halfToDouble(h);
  }
  }
  llvm_unreachable("unknown float kind");
}

/// Writes `x`, rounded once (to nearest, ties to even), as element `i` of a
/// buffer of kind `kind`.
static void writeElement(char *data, FloatKind kind, int64_t i, double x) {
  switch (kind) {
  case FloatKind::F64:
    std::memcpy(data + 8 * i, &x, 8);
    return;
  case FloatKind::F32: {
    float f = static_cast<float>(x);
    std::memcpy(data + 4 * i, &f, 4);
    return;
  }
  case FloatKind::BF16: {
    uint16_t h = roundToBits16(x, 8, 127);
    std::memcpy(data + 2 * i, &h, 2);
    return;
  }
  case FloatKind::F16: {
    uint16_t h = roundToBits16(x, 11, 15);
    std::memcpy(data + 2 * i, &h, 2);
    return;
  }
  }
  llvm_unreachable("unknown float kind");
}

/// `x` rounded to kind `kind` (to nearest, ties to even), in double.
static double roundTo(double x, FloatKind kind) {
  char buffer[8];
  writeElement(buffer, kind, 0, x);
  return readElement(buffer, kind, 0);
}

/// Whether every value of kind `from` is a value of kind `to`.
static bool isExactIn(FloatKind from, FloatKind to) {
  if (from == to || to == FloatKind::F64)
    return true;
  return to == FloatKind::F32 &&
         (from == FloatKind::F16 || from == FloatKind::BF16);
}

/// `x` rounded to `sem` as the run-time lowering rounds the scheme's
/// coefficients (APFloat, to nearest, ties to even).
static double roundCoefficient(double x, const llvm::fltSemantics &sem) {
  APFloat f(x);
  bool losesInfo = false;
  f.convert(sem, APFloat::rmNearestTiesToEven, &losesInfo);
  f.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &losesInfo);
  return f.convertToDouble();
}

namespace {
/// An uninitialised buffer of bytes (a fold's result before it becomes an
/// attribute).
struct RawBuffer {
  explicit RawBuffer(size_t size) : bytes(new char[size]), size(size) {}
  char *data() { return bytes.get(); }
  operator ArrayRef<char>() const { return {bytes.get(), size}; }
  std::unique_ptr<char[]> bytes;
  size_t size;
};
} // namespace

/// Copies one element of `w` bytes.
static void copyElement(char *dst, const char *src, int64_t w) {
  switch (w) {
  case 2:
    std::memcpy(dst, src, 2);
    return;
  case 4:
    std::memcpy(dst, src, 4);
    return;
  case 8:
    std::memcpy(dst, src, 8);
    return;
  default:
    std::memcpy(dst, src, w);
  }
}

/// Writes `count` copies of the element `value` of `w` bytes at `dst`.
static void fillElements(char *dst, int64_t count, const char *value,
                         int64_t w) {
  if (count <= 0)
    return;
  copyElement(dst, value, w);
  // Double a block up to 64 KiB, then repeat it.
  int64_t block = 1, maxBlock = std::max<int64_t>(1, (64 << 10) / w);
  while (block < count && block < maxBlock) {
    int64_t n = std::min(block, count - block);
    std::memcpy(dst + block * w, dst, n * w);
    block += n;
  }
  for (int64_t done = block; done < count; done += block)
    std::memcpy(dst + done * w, dst, std::min(block, count - done) * w);
}

/// A dense constant of `type` from a raw buffer of its storage (one element
/// for a splat); a null attribute when the buffer does not fit the type.
static DenseElementsAttr fromRawBuffer(RankedTensorType type,
                                       ArrayRef<char> buffer) {
  bool splat = false;
  if (!DenseElementsAttr::isValidRawBuffer(type, buffer, splat))
    return {};
  return DenseElementsAttr::getFromRawBuffer(type, buffer);
}

//===----------------------------------------------------------------------===//
// The folds
//===----------------------------------------------------------------------===//

namespace {
/// What an encode of a constant computes, and how large it is.
struct EncodePlan {
  RankedTensorType outType;
  FloatKind inKind, outKind;
  /// The type the run time sums in: f32 for f16 / bf16 encodings (rounded
  /// once into them), the encoded type otherwise.
  FloatKind sumKind;
  int64_t rowTile, colTile, rank;
  int64_t batch, rows, cols, gridRows, gridCols;
  /// The coefficients rounded to the summation type, [r, row, col].
  SmallVector<double> coeffs;
  /// The number of elements of the result.
  int64_t elements;
};
} // namespace

/// The encode of `input` by `op`, or failure when it cannot be evaluated
/// (types, shapes).
static FailureOr<EncodePlan> planEncode(EncodeOp op,
                                        const FloatConstant &input) {
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto outType = cast<RankedTensorType>(op.getInit().getType());
  if (input.type != inType || !inType.hasStaticShape() ||
      !outType.hasStaticShape() || inType.getRank() < 2)
    return failure();
  std::optional<FloatKind> inKind = getFloatKind(inType.getElementType());
  std::optional<FloatKind> outKind = getFloatKind(outType.getElementType());
  if (!inKind || !outKind)
    return failure();
  SchemeAttr s = op.getScheme();
  EncodePlan p;
  p.outType = outType;
  p.inKind = *inKind;
  p.outKind = *outKind;
  bool narrow = p.outKind == FloatKind::F16 || p.outKind == FloatKind::BF16;
  p.sumKind = narrow ? FloatKind::F32 : p.outKind;
  std::tie(p.rowTile, p.colTile) = s.getOperandTile(op.getOperand());
  p.rank = s.getRank();
  int64_t rank = inType.getRank();
  p.rows = inType.getDimSize(rank - 2);
  p.cols = inType.getDimSize(rank - 1);
  std::optional<int64_t> batch = countElements(inType.getShape().drop_back(2));
  std::optional<int64_t> elements = countElements(outType.getShape());
  if (!batch || !elements || p.rowTile <= 0 || p.colTile <= 0 ||
      p.rows % p.rowTile != 0 || p.cols % p.colTile != 0)
    return failure();
  p.batch = *batch;
  p.gridRows = p.rows / p.rowTile;
  p.gridCols = p.cols / p.colTile;
  p.elements = *elements;
  std::optional<int64_t> expected =
      mulCount(p.batch, p.rank, p.gridRows, p.gridCols);
  if (!expected || *expected != p.elements)
    return failure();
  ArrayRef<double> coeffs = s.getOperandCoefficients(op.getOperand());
  if (static_cast<int64_t>(coeffs.size()) != p.rank * p.rowTile * p.colTile)
    return failure();
  const llvm::fltSemantics &sem =
      narrow ? llvm::APFloat::IEEEsingle()
             : cast<FloatType>(outType.getElementType()).getFloatSemantics();
  for (double c : coeffs)
    p.coeffs.push_back(roundCoefficient(c, sem));
  return p;
}

/// Input element `i` of `p`'s encode as the run time reads it: rounded to
/// the summation type, in double.
static double loadInput(const EncodePlan &p, const FloatConstant &input,
                        int64_t i) {
  double x = readElement(input.data.data(), p.inKind, i);
  return isExactIn(p.inKind, p.sumKind) ? x : roundTo(x, p.sumKind);
}

/// The encoding of a splat `input`: every tile is the same, so each channel
/// holds one value; their bytes in the encoded type, channel by channel.
static SmallVector<char> getSplatChannels(const EncodePlan &p,
                                          const FloatConstant &input) {
  int64_t outBytes = p.outType.getElementTypeBitWidth() / 8;
  int64_t tileSize = p.rowTile * p.colTile;
  double x = loadInput(p, input, 0);
  SmallVector<char> channelValues(p.rank * outBytes);
  for (int64_t rho = 0; rho < p.rank; ++rho) {
    double sum = 0.0;
    for (int64_t q = 0; q < tileSize; ++q) {
      double coeff = p.coeffs[rho * tileSize + q];
      if (coeff != 0.0)
        sum += coeff * x;
    }
    writeElement(channelValues.data(), p.outKind, rho, sum);
  }
  return channelValues;
}

/// Whether every channel of a splat's encoding holds the same value.
static bool isSplat(const EncodePlan &p, ArrayRef<char> channelValues) {
  int64_t outBytes = p.outType.getElementTypeBitWidth() / 8;
  for (int64_t rho = 1; rho < p.rank; ++rho)
    if (std::memcmp(channelValues.data() + rho * outBytes, channelValues.data(),
                    outBytes) != 0)
      return false;
  return true;
}

/// Whether the fold of `p` on `input` stays within `limit` elements: a
/// result of at most `limit` elements, or a splat.
static bool isWithinLimit(const EncodePlan &p, const FloatConstant &input,
                          int64_t limit) {
  return p.elements <= limit ||
         (input.splat && isSplat(p, getSplatChannels(p, input)));
}

/// Evaluates `plan` on `input`: out[b, rho, g1, g2] = sum over the tile
/// positions (a, c) of coeff[rho, a, c] * in[b, g1 * rowTile + a,
/// g2 * colTile + c], the input rounded to the summation type as the run time
/// converts it, the sum in double (in the order of the positions) rounded
/// once. One block of `rowTile` input rows at a time.
static DenseElementsAttr evaluate(const EncodePlan &p,
                                  const FloatConstant &input) {
  int64_t outBytes = p.outType.getElementTypeBitWidth() / 8;
  bool roundInput = !isExactIn(p.inKind, p.sumKind);

  if (input.splat) {
    SmallVector<char> channelValues = getSplatChannels(p, input);
    if (p.elements == 0)
      return fromRawBuffer(p.outType, ArrayRef<char>());
    if (isSplat(p, channelValues))
      return fromRawBuffer(p.outType,
                           ArrayRef<char>(channelValues.data(), outBytes));
    RawBuffer out(static_cast<size_t>(p.elements * outBytes));
    int64_t block = p.gridRows * p.gridCols;
    for (int64_t b = 0; b < p.batch; ++b)
      for (int64_t rho = 0; rho < p.rank; ++rho)
        fillElements(out.data() + (b * p.rank + rho) * block * outBytes, block,
                     channelValues.data() + rho * outBytes, outBytes);
    return fromRawBuffer(p.outType, out);
  }

  RawBuffer out(static_cast<size_t>(p.elements * outBytes));
  // The rowTile input rows of one row of tiles, and one channel of one row
  // of encoded tiles, in double.
  std::vector<double> rows(static_cast<size_t>(p.rowTile * p.cols));
  std::vector<double> acc(static_cast<size_t>(p.gridCols));
  for (int64_t b = 0; b < p.batch; ++b)
    for (int64_t g1 = 0; g1 < p.gridRows; ++g1) {
      int64_t first = (b * p.rows + g1 * p.rowTile) * p.cols;
      for (int64_t i = 0, e = p.rowTile * p.cols; i < e; ++i)
        rows[i] = roundInput
                      ? loadInput(p, input, first + i)
                      : readElement(input.data.data(), p.inKind, first + i);
      for (int64_t rho = 0; rho < p.rank; ++rho) {
        std::fill(acc.begin(), acc.end(), 0.0);
        for (int64_t a = 0; a < p.rowTile; ++a)
          for (int64_t c = 0; c < p.colTile; ++c) {
            double coeff = p.coeffs[(rho * p.rowTile + a) * p.colTile + c];
            if (coeff == 0.0)
              continue;
            const double *row = &rows[a * p.cols + c];
            for (int64_t g2 = 0; g2 < p.gridCols; ++g2)
              acc[g2] += coeff * row[g2 * p.colTile];
          }
        int64_t dst = ((b * p.rank + rho) * p.gridRows + g1) * p.gridCols;
        for (int64_t g2 = 0; g2 < p.gridCols; ++g2)
          writeElement(out.data(), p.outKind, dst + g2, acc[g2]);
      }
    }
  return fromRawBuffer(p.outType, out);
}

FailureOr<DenseElementsAttr>
mlir::stl::evaluateEncode(EncodeOp op, DenseElementsAttr input) {
  std::optional<FloatConstant> c = getFloatConstant(ElementsAttr(input));
  if (!c)
    return failure();
  FailureOr<EncodePlan> plan = planEncode(op, *c);
  if (failed(plan))
    return failure();
  DenseElementsAttr result = evaluate(*plan, *c);
  if (!result)
    return failure();
  return result;
}

/// The result of a transpose (`perm`: output dimension i is input dimension
/// perm[i]) of `input` to `outType`: a byte copy of each element, in blocks
/// of the two innermost output dimensions.
static DenseElementsAttr transposeConstant(const FloatConstant &input,
                                           RankedTensorType outType,
                                           ArrayRef<int64_t> perm) {
  if (input.splat)
    return fromRawBuffer(outType, input.data);
  int64_t w = input.elementBytes;
  int64_t rank = outType.getRank();
  std::optional<int64_t> count = countElements(outType.getShape());
  if (!count)
    return {};
  RawBuffer out(static_cast<size_t>(*count * w));
  if (*count == 0 || rank == 0) {
    std::memcpy(out.data(), input.data.data(), out.size);
    return fromRawBuffer(outType, out);
  }
  SmallVector<int64_t> inStrides = computeStrides(input.type.getShape());
  // The strides of the input along the output's dimensions.
  SmallVector<int64_t> strides;
  for (int64_t i = 0; i < rank; ++i)
    strides.push_back(inStrides[perm[i]]);
  ArrayRef<int64_t> shape = outType.getShape();
  int64_t cols = shape[rank - 1];
  int64_t rows = rank >= 2 ? shape[rank - 2] : 1;
  int64_t colStride = strides[rank - 1];
  int64_t rowStride = rank >= 2 ? strides[rank - 2] : 0;
  int64_t outer = *count / (rows * cols);
  SmallVector<int64_t> outerShape(shape.drop_back(std::min<int64_t>(rank, 2)));
  SmallVector<int64_t> index(outerShape.size(), 0);
  const char *src = input.data.data();
  constexpr int64_t kBlock = 64;
  for (int64_t o = 0; o < outer; ++o) {
    int64_t base = 0;
    for (size_t d = 0; d < index.size(); ++d)
      base += index[d] * strides[d];
    char *dst = out.data() + o * rows * cols * w;
    for (int64_t i0 = 0; i0 < rows; i0 += kBlock)
      for (int64_t j0 = 0; j0 < cols; j0 += kBlock)
        for (int64_t i = i0, ie = std::min(rows, i0 + kBlock); i < ie; ++i)
          for (int64_t j = j0, je = std::min(cols, j0 + kBlock); j < je; ++j)
            copyElement(dst + (i * cols + j) * w,
                        src + (base + i * rowStride + j * colStride) * w, w);
    for (int64_t d = static_cast<int64_t>(index.size()) - 1; d >= 0; --d) {
      if (++index[d] < outerShape[d])
        break;
      index[d] = 0;
    }
  }
  return fromRawBuffer(outType, out);
}

/// `input` padded with `low` elements before each dimension and the bytes
/// `padValue` elsewhere, as `outType`: the rows of the input copied whole.
static DenseElementsAttr padConstant(const FloatConstant &input,
                                     RankedTensorType outType,
                                     ArrayRef<int64_t> low,
                                     ArrayRef<char> padValue) {
  int64_t w = input.elementBytes;
  std::optional<int64_t> count = countElements(outType.getShape());
  std::optional<int64_t> inCount = countElements(input.type.getShape());
  if (!count || !inCount || static_cast<int64_t>(padValue.size()) != w)
    return {};
  // One value everywhere: a splat.
  if (*count == 0)
    return fromRawBuffer(outType, ArrayRef<char>());
  if (*inCount == 0)
    return fromRawBuffer(outType, padValue);
  if (input.splat && std::memcmp(input.data.data(), padValue.data(), w) == 0)
    return fromRawBuffer(outType, input.data);
  RawBuffer out(static_cast<size_t>(*count * w));
  fillElements(out.data(), *count, padValue.data(), w);
  int64_t rank = outType.getRank();
  if (rank == 0) {
    std::memcpy(out.data(), input.data.data(), w);
    return fromRawBuffer(outType, out);
  }
  ArrayRef<int64_t> inShape = input.type.getShape();
  SmallVector<int64_t> outStrides = computeStrides(outType.getShape());
  int64_t cols = inShape[rank - 1];
  int64_t inRows = *inCount / cols;
  SmallVector<int64_t> index(rank - 1, 0);
  for (int64_t r = 0; r < inRows; ++r) {
    int64_t dst = low[rank - 1];
    for (int64_t d = 0; d < rank - 1; ++d)
      dst += (index[d] + low[d]) * outStrides[d];
    if (input.splat) {
      fillElements(out.data() + dst * w, cols, input.data.data(), w);
    } else {
      std::memcpy(out.data() + dst * w, input.data.data() + r * cols * w,
                  cols * w);
    }
    for (int64_t d = rank - 2; d >= 0; --d) {
      if (++index[d] < inShape[d])
        break;
      index[d] = 0;
    }
  }
  return fromRawBuffer(outType, out);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// The number of elements of the encoding of `operand` (the constant operand
/// `kind` of `op`) once decomposed, or nullopt on overflow.
static std::optional<int64_t> getEncodedElements(MatmulOp op, Value operand,
                                                 OperandKind kind) {
  auto type = cast<RankedTensorType>(operand.getType());
  SchemeAttr s = op.getScheme();
  auto [rowTile, colTile] = s.getOperandTile(kind);
  int64_t rank = type.getRank();
  if (rank < 2 || rowTile <= 0 || colTile <= 0)
    return std::nullopt;
  std::optional<int64_t> batch = countElements(type.getShape().drop_back(2));
  if (!batch)
    return std::nullopt;
  return mulCount(*batch, s.getRank(), type.getDimSize(rank - 2) / rowTile,
                  type.getDimSize(rank - 1) / colTile);
}

/// Whether a result of `elements` elements (nullopt: too many to count) is
/// within `limit`.
static bool withinLimit(std::optional<int64_t> elements, int64_t limit) {
  return elements && *elements <= limit;
}

namespace {
/// stl.matmul with a constant operand whose encoding is within the limit ->
/// its decomposition, so that the constant's encoding can be folded.
struct DecomposeMatmulWithConstantOperand : OpRewritePattern<MatmulOp> {
  DecomposeMatmulWithConstantOperand(MLIRContext *ctx, int64_t limit)
      : OpRewritePattern(ctx), limit(limit) {}
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    // (A splat's encoding may be a splat: decomposed whatever its size,
    // the encode's fold decides.)
    auto foldable = [&](Value operand, OperandKind kind) {
      std::optional<FloatConstant> c = getFloatConstant(operand);
      return c && (c->splat ||
                   withinLimit(getEncodedElements(op, operand, kind), limit));
    };
    if (!foldable(op.getLhs(), OperandKind::Lhs) &&
        !foldable(op.getRhs(), OperandKind::Rhs))
      return rewriter.notifyMatchFailure(op, "no foldable constant operand");
    decomposeMatmul(rewriter, op);
    return success();
  }
  int64_t limit;
};

/// stl.encode of a constant -> the encoded constant.
struct FoldEncodeOfConstant : OpRewritePattern<EncodeOp> {
  FoldEncodeOfConstant(MLIRContext *ctx, int64_t limit)
      : OpRewritePattern(ctx), limit(limit) {}
  LogicalResult matchAndRewrite(EncodeOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<FloatConstant> input = getFloatConstant(op.getInput());
    if (!input)
      return rewriter.notifyMatchFailure(op, "input is not a constant");
    FailureOr<EncodePlan> plan = planEncode(op, *input);
    if (failed(plan))
      return rewriter.notifyMatchFailure(op, "cannot evaluate");
    if (!isWithinLimit(*plan, *input, limit))
      return rewriter.notifyMatchFailure(op, "result above the limit");
    DenseElementsAttr encoded = evaluate(*plan, *input);
    if (!encoded)
      return rewriter.notifyMatchFailure(op, "cannot evaluate");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, encoded);
    return success();
  }
  int64_t limit;
};

/// linalg.transpose of a constant -> the transposed constant.
struct FoldTransposeOfConstant : OpRewritePattern<linalg::TransposeOp> {
  FoldTransposeOfConstant(MLIRContext *ctx, int64_t limit)
      : OpRewritePattern(ctx), limit(limit) {}
  LogicalResult matchAndRewrite(linalg::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<FloatConstant> input = getFloatConstant(op.getInput());
    if (!input || !op.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "input is not a constant");
    auto outType = cast<RankedTensorType>(op.getResult()[0].getType());
    if (outType.getElementType() != input->type.getElementType() ||
        !outType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "unexpected types");
    if (!input->splat && !withinLimit(countElements(outType.getShape()), limit))
      return rewriter.notifyMatchFailure(op, "result above the limit");
    DenseElementsAttr result =
        transposeConstant(*input, outType, op.getPermutation());
    if (!result)
      return rewriter.notifyMatchFailure(op, "cannot evaluate");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, result);
    return success();
  }
  int64_t limit;
};

/// The static low padding of `op` and its constant padding value's bytes,
/// when `op` pads a constant with a constant to a static shape.
static std::optional<std::pair<SmallVector<int64_t>, SmallVector<char>>>
getStaticPad(tensor::PadOp op, const FloatConstant &input) {
  Value padValue = op.getConstantPaddingValue();
  FloatAttr pad;
  if (!padValue || !matchPattern(padValue, m_Constant(&pad)) ||
      !op.getResultType().hasStaticShape() ||
      pad.getType() != input.type.getElementType())
    return std::nullopt;
  SmallVector<int64_t> low(op.getStaticLow());
  if (llvm::any_of(low, ShapedType::isDynamic))
    return std::nullopt;
  APInt bits = pad.getValue().bitcastToAPInt();
  SmallVector<char> bytes(input.elementBytes);
  for (int64_t i = 0; i < input.elementBytes; ++i)
    bytes[i] = static_cast<char>(bits.extractBitsAsZExtValue(8, 8 * i));
  return std::make_pair(std::move(low), std::move(bytes));
}

/// Whether padding `input` with the element `padValue` gives a splat.
static bool padsToSplat(const FloatConstant &input, ArrayRef<char> padValue) {
  std::optional<int64_t> inCount = countElements(input.type.getShape());
  return (inCount && *inCount == 0) ||
         (input.splat && std::memcmp(input.data.data(), padValue.data(),
                                     input.elementBytes) == 0);
}

/// tensor.pad of a constant with a constant value and static amounts -> the
/// padded constant.
struct FoldPadOfConstant : OpRewritePattern<tensor::PadOp> {
  FoldPadOfConstant(MLIRContext *ctx, int64_t limit)
      : OpRewritePattern(ctx), limit(limit) {}
  LogicalResult matchAndRewrite(tensor::PadOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<FloatConstant> input = getFloatConstant(op.getSource());
    if (!input)
      return rewriter.notifyMatchFailure(op, "not a pad of a constant");
    auto pad = getStaticPad(op, *input);
    if (!pad)
      return rewriter.notifyMatchFailure(op, "not a static pad of a constant");
    RankedTensorType outType = op.getResultType();
    if (!padsToSplat(*input, pad->second) &&
        !withinLimit(countElements(outType.getShape()), limit))
      return rewriter.notifyMatchFailure(op, "result above the limit");
    DenseElementsAttr result =
        padConstant(*input, outType, pad->first, pad->second);
    if (!result)
      return rewriter.notifyMatchFailure(op, "cannot evaluate");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, result);
    return success();
  }
  int64_t limit;
};

struct STLFoldConstantEncodingsPass
    : stl::impl::STLFoldConstantEncodingsBase<STLFoldConstantEncodingsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (maxFoldedElements <= 0) {
      emitError(getOperation()->getLoc())
          << "stl-fold-constant-encodings: max-folded-elements must be "
             "positive (got "
          << maxFoldedElements.getValue() << ")";
      return signalPassFailure();
    }
    int64_t limit = maxFoldedElements;
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<DecomposeMatmulWithConstantOperand, FoldEncodeOfConstant,
                 FoldTransposeOfConstant, FoldPadOfConstant>(ctx, limit);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    remarkUnfolded(limit);
  }

  /// One remark per constant left unfolded because its result would be
  /// above the limit.
  void remarkUnfolded(int64_t limit) {
    auto remark = [&](Operation *op, std::optional<int64_t> elements,
                      StringRef what) {
      InFlightDiagnostic diag = op->emitRemark()
                                << "stl-fold-constant-encodings: " << what
                                << " not folded: it would have ";
      if (elements)
        diag << *elements;
      else
        diag << "more than 2^63";
      diag << " elements, more than max-folded-elements = " << limit
           << "; it is computed at run time";
    };
    getOperation()->walk([&](Operation *op) {
      if (auto matmul = dyn_cast<MatmulOp>(op)) {
        for (auto [operand, kind] :
             {std::make_pair(matmul.getLhs(), OperandKind::Lhs),
              std::make_pair(matmul.getRhs(), OperandKind::Rhs)}) {
          std::optional<FloatConstant> c = getFloatConstant(operand);
          if (!c || c->splat)
            continue;
          std::optional<int64_t> n = getEncodedElements(matmul, operand, kind);
          if (!withinLimit(n, limit))
            remark(op, n,
                   "the encoding of the constant " +
                       stringifyOperandKind(kind).str());
        }
      } else if (auto encode = dyn_cast<EncodeOp>(op)) {
        std::optional<FloatConstant> input =
            getFloatConstant(encode.getInput());
        if (!input)
          return;
        FailureOr<EncodePlan> plan = planEncode(encode, *input);
        if (succeeded(plan) && !isWithinLimit(*plan, *input, limit))
          remark(op, plan->elements, "the encoding of a constant");
      } else if (auto transpose = dyn_cast<linalg::TransposeOp>(op)) {
        std::optional<FloatConstant> input =
            getFloatConstant(transpose.getInput());
        if (!input || input->splat || !transpose.hasPureTensorSemantics())
          return;
        auto type = cast<RankedTensorType>(transpose.getResult()[0].getType());
        std::optional<int64_t> n = countElements(type.getShape());
        if (type.hasStaticShape() && !withinLimit(n, limit))
          remark(op, n, "the transpose of a constant");
      } else if (auto pad = dyn_cast<tensor::PadOp>(op)) {
        std::optional<FloatConstant> input = getFloatConstant(pad.getSource());
        if (!input)
          return;
        auto padding = getStaticPad(pad, *input);
        if (!padding || padsToSplat(*input, padding->second))
          return;
        std::optional<int64_t> n =
            countElements(pad.getResultType().getShape());
        if (!withinLimit(n, limit))
          remark(op, n, "the pad of a constant");
      }
    });
  }
};
} // namespace
