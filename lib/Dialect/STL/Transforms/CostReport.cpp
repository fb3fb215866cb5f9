//===- CostReport.cpp - Multiply-adds and storage of STL MatMuls ----------===//

#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"
#include "stl/Scheme/CostModel.h"
#include "stl/Scheme/Format.h"

#include "mlir/IR/Matchers.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLCOSTREPORT
#include "stl/Dialect/STL/Transforms/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;
namespace json = llvm::json;

namespace {
/// One STL MatMul of the program.
struct ReportEntry {
  Operation *op;
  /// The op's scheme, held by its #stl.scheme attribute (not copied).
  const Scheme *scheme;
  /// Brent residual of the coefficients as the op holds them, and whether
  /// that is exact in its types.
  double residual;
  bool exact;
  /// No value for dynamic sizes.
  std::optional<MatmulSizes> sizes;
  bool constantWeights;
  STLCost cost;
  /// Where the scheme came from (kSchemeSourceAttrName), or empty.
  std::string source;
};
} // namespace

static std::string locationString(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  op->getLoc().print(os);
  return text;
}

static bool isConstant(Value v) { return matchPattern(v, m_Constant()); }

/// Product of the leading `n` dimensions, or no value if one is dynamic.
static std::optional<int64_t> leadingProduct(RankedTensorType t, int64_t n) {
  int64_t p = 1;
  for (int64_t i = 0; i < n; ++i) {
    if (t.isDynamicDim(i))
      return std::nullopt;
    p *= t.getDimSize(i);
  }
  return p;
}

/// Sizes of an stl.matmul.
static std::optional<MatmulSizes> getSizes(MatmulOp op) {
  auto lhs = cast<RankedTensorType>(op.getLhs().getType());
  auto rhs = cast<RankedTensorType>(op.getRhs().getType());
  if (!lhs.hasStaticShape() || !rhs.hasStaticShape())
    return std::nullopt;
  int64_t nb = lhs.getRank() - 2;
  MatmulSizes s;
  s.batch = *leadingProduct(lhs, nb);
  s.weightBatch = *leadingProduct(rhs, rhs.getRank() - 2);
  s.m = lhs.getDimSize(nb);
  s.k = lhs.getDimSize(nb + 1);
  s.n = rhs.getDimSize(rhs.getRank() - 1);
  return s;
}

/// Sizes of a decomposed STL MatMul, from its tile product.
static std::optional<MatmulSizes> getSizes(TileProductOp op, TileShape t) {
  auto lhs = cast<RankedTensorType>(op.getLhs().getType());
  auto rhs = cast<RankedTensorType>(op.getRhs().getType());
  if (!lhs.hasStaticShape() || !rhs.hasStaticShape())
    return std::nullopt;
  int64_t nb = lhs.getRank() - 3;
  MatmulSizes s;
  s.batch = *leadingProduct(lhs, nb);
  s.weightBatch = *leadingProduct(rhs, rhs.getRank() - 3);
  s.m = lhs.getDimSize(nb + 1) * t.m;
  s.k = lhs.getDimSize(nb + 2) * t.k;
  s.n = rhs.getDimSize(rhs.getRank() - 1) * t.n;
  return s;
}

/// The scheme of a decomposed STL MatMul: that of the decode of its result
/// or of the encodes of its operands.
static std::optional<SchemeAttr> findScheme(TileProductOp op) {
  for (Operation *user : op->getUsers())
    if (auto decode = dyn_cast<DecodeOp>(user))
      return decode.getScheme();
  for (Value v : {op.getLhs(), op.getRhs()})
    if (auto encode = v.getDefiningOp<EncodeOp>())
      return encode.getScheme();
  return std::nullopt;
}

static void printCost(llvm::raw_ostream &os, const STLCost &c) {
  if (c.overflowed) {
    os << "  multiply-adds: more than 2^63 - 1 (too many to count in int64)\n";
    return;
  }
  auto ratio = [](int64_t a, int64_t b) {
    return b ? formatNumber(static_cast<double>(a) / static_cast<double>(b))
             : std::string("-");
  };
  os << "  dense multiply-adds:        " << c.denseMacs << "\n"
     << "  tile-product multiply-adds: " << c.tileProductMacs << " ("
     << ratio(c.denseMacs, c.tileProductMacs) << "x fewer)\n"
     << "  encode lhs multiply-adds:   " << c.encodeLhsMacs << " (sparse "
     << c.encodeLhsMacsSparse << ")\n"
     << "  encode rhs multiply-adds:   " << c.encodeRhsMacs << " (sparse "
     << c.encodeRhsMacsSparse << ")\n"
     << "  decode multiply-adds:       " << c.decodeMacs << " (sparse "
     << c.decodeMacsSparse << ")\n"
     << "  STL multiply-adds in all:   " << c.totalMacs() << " (sparse "
     << c.totalMacsSparse()
     << "; dense / sparse STL = " << ratio(c.denseMacs, c.totalMacsSparse())
     << ")\n"
     << "  stored weight elements:     " << c.storedWeightsDense << " -> "
     << c.storedWeightsEncoded << "\n";
}

namespace {
struct STLCostReportPass : stl::impl::STLCostReportBase<STLCostReportPass> {
  using Base::Base;

  void runOnOperation() override {
    if (format != "text" && format != "json") {
      emitError(getOperation()->getLoc())
          << "stl-cost-report: unknown format '" << format
          << "' (expected text or json)";
      return signalPassFailure();
    }

    std::vector<ReportEntry> entries;
    getOperation()->walk([&](Operation *op) {
      std::optional<SchemeAttr> scheme;
      std::optional<MatmulSizes> sizes;
      bool constantWeights = false;
      // The types the coefficients are held in.
      Type encoded, accumulator;
      if (auto matmul = dyn_cast<MatmulOp>(op)) {
        scheme = matmul.getScheme();
        sizes = getSizes(matmul);
        constantWeights = isConstant(matmul.getRhs());
        encoded = matmul.getEncodedElementType();
        accumulator = matmul.getAccumulatorElementType();
      } else if (auto product = dyn_cast<TileProductOp>(op)) {
        scheme = findScheme(product);
        if (!scheme)
          return;
        sizes = getSizes(product, scheme->getTile());
        // Weights not encoded by an stl.encode were encoded ahead of time.
        constantWeights = !product.getRhs().getDefiningOp<EncodeOp>();
        encoded = getElementTypeOrSelf(product.getLhs().getType());
        accumulator = getElementTypeOrSelf(product.getInit().getType());
      } else {
        return;
      }
      const Scheme &s = scheme->getScheme();
      // Exact as the program computes: the coefficients rounded to their
      // types (they fit: the ops verify), the type's tolerance.
      double residual = s.brentResidual();
      double tolerance = kExactTolerance;
      auto encodedFloat = dyn_cast<FloatType>(encoded);
      auto accumulatorFloat = dyn_cast<FloatType>(accumulator);
      if (encodedFloat && accumulatorFloat) {
        llvm::Expected<Scheme> rounded =
            s.roundedTo(encodedFloat.getFloatSemantics(),
                        accumulatorFloat.getFloatSemantics());
        if (rounded)
          residual = rounded->brentResidual();
        else
          llvm::consumeError(rounded.takeError());
        tolerance = exactTolerance(encodedFloat.getFloatSemantics());
      } else if (isa<IntegerType>(encoded)) {
        tolerance = 0.0;
      }
      ReportEntry e{
          op, &s, residual, residual <= tolerance, sizes, constantWeights,
          {}, ""};
      if (auto source = op->getAttrOfType<StringAttr>(kSchemeSourceAttrName))
        e.source = source.str();
      if (sizes)
        e.cost = computeSTLCost(s, *sizes, constantWeights);
      entries.push_back(std::move(e));
    });

    // The total of the MatMuls that could be counted (static sizes, counts
    // within int64).
    STLCost total;
    for (const ReportEntry &e : entries)
      if (e.sizes && !e.cost.overflowed)
        total += e.cost;

    std::string text;
    llvm::raw_string_ostream os(text);
    if (format == "json")
      printJSON(os, entries, total);
    else
      printText(os, entries, total);

    if (output.empty()) {
      llvm::errs() << text;
      return;
    }
    if (output == "-") {
      llvm::outs() << text;
      return;
    }
    std::error_code ec;
    llvm::raw_fd_ostream file(output, ec, llvm::sys::fs::OF_Text);
    if (ec) {
      emitError(getOperation()->getLoc()) << "stl-cost-report: cannot write '"
                                          << output << "': " << ec.message();
      return signalPassFailure();
    }
    file << text;
    // A failed write (a full disk, /dev/full) is an error of the pass, not
    // the stream's fatal error at destruction.
    file.close();
    if (file.has_error()) {
      emitError(getOperation()->getLoc())
          << "stl-cost-report: cannot write '" << output
          << "': " << file.error().message();
      file.clear_error();
      return signalPassFailure();
    }
  }

  void printText(llvm::raw_ostream &os, ArrayRef<ReportEntry> entries,
                 const STLCost &total) {
    os << "STL cost report: " << entries.size() << " STL MatMul"
       << (entries.size() == 1 ? "" : "s") << "\n";
    for (auto [i, e] : llvm::enumerate(entries)) {
      TileShape t = e.scheme->getTile();
      os << "#" << i << " " << e.op->getName() << " at " << locationString(e.op)
         << "\n"
         << "  scheme: " << e.scheme->getName() << " ("
         << (e.exact ? "exact" : "approximate") << ", Brent residual "
         << formatNumber(e.residual) << "), tile " << t.m << "x" << t.k << "x"
         << t.n << ", rank " << e.scheme->getRank() << ", speedup bound "
         << formatNumber(e.scheme->speedupBound()) << "x\n";
      if (!e.source.empty())
        os << "  scheme from: " << e.source << "\n";
      if (!e.sizes) {
        os << "  sizes: dynamic (not counted)\n";
        continue;
      }
      os << llvm::formatv("  sizes: batch {0}, M {1}, K {2}, N {3}, weight "
                          "batch {4}{5}\n",
                          e.sizes->batch, e.sizes->m, e.sizes->k, e.sizes->n,
                          e.sizes->weightBatch,
                          e.constantWeights ? ", constant weights" : "");
      printCost(os, e.cost);
    }
    os << "total:\n";
    printCost(os, total);
  }

  void printJSON(llvm::raw_ostream &os, ArrayRef<ReportEntry> entries,
                 const STLCost &total) {
    json::Array ops;
    for (const ReportEntry &e : entries) {
      TileShape t = e.scheme->getTile();
      json::Object o{
          {"op", e.op->getName().getStringRef()},
          {"location", locationString(e.op)},
          {"scheme", e.scheme->getName()},
          {"tile", json::Array{t.m, t.k, t.n}},
          {"rank", e.scheme->getRank()},
          {"exact", e.exact},
          {"brent_residual", e.residual},
          {"speedup_bound", e.scheme->speedupBound()},
          {"constant_weights", e.constantWeights},
      };
      if (!e.source.empty())
        o["scheme_source"] = e.source;
      if (e.sizes) {
        o["sizes"] = json::Object{{"batch", e.sizes->batch},
                                  {"m", e.sizes->m},
                                  {"k", e.sizes->k},
                                  {"n", e.sizes->n},
                                  {"weight_batch", e.sizes->weightBatch}};
        o["cost"] = toJSON(e.cost);
      } else {
        o["sizes"] = nullptr;
      }
      ops.push_back(std::move(o));
    }
    json::Object doc{{"ops", std::move(ops)}, {"total", toJSON(total)}};
    os << llvm::formatv("{0:2}", json::Value(std::move(doc))) << "\n";
  }
};
} // namespace
