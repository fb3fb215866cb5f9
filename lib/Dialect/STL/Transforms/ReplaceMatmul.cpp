//===- ReplaceMatmul.cpp - Rewrite eligible MatMuls into stl.matmul -------===//

#include "stl/Codegen/CPU/CostModel.h"
#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Transforms/SchemeMap.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"
#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/CostModel.h"
#include "stl/Scheme/Format.h"
#include "stl/Scheme/SchemeIO.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLREPLACEMATMUL
#include "stl/Dialect/STL/Transforms/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

namespace {
/// Multiply-adds of a MatMul (the cost model's): dense, and in the tile
/// product of its STL form.
struct PlanMacs {
  MacCount dense, product;
  double speedup() const { return dense.approx / product.approx; }
};

/// A scheme the pass may apply. Its exactness depends on the types a MatMul
/// holds the coefficients in, and is computed once per pair of types.
struct Candidate {
  SchemeAttr attr;
  /// Residual of the coefficients as written (real arithmetic).
  double residual;
  /// Per (encoded, accumulator) type pair: the residual of the rounded
  /// coefficients, or why they cannot be held in those types.
  mutable DenseMap<std::pair<Type, Type>, std::pair<double, std::string>>
      residualInTypes{};
};

/// Where the scheme applied to a MatMul comes from.
enum class SchemeSource {
  /// Chosen by the pass among the catalog's defaults.
  Chosen,
  /// The pass option `scheme` or `scheme-file`.
  Option,
  /// The op's own `stl.scheme` attribute.
  OpAttribute,
  /// An entry of the scheme map (`scheme-map`).
  MapEntry,
};

/// The element types one MatMul computes in when rewritten.
struct ComputeTypes {
  Type encoded, accumulator;
};

/// What the pass decided for one MatMul.
struct Plan {
  const Candidate *scheme = nullptr;
  bool padded = false;
  /// Residual of the scheme in the op's types, and whether that is exact.
  double residual = 0.0;
  bool exact = true;
  /// Known when M, K and N are static (per batch when the batch size is
  /// dynamic).
  std::optional<PlanMacs> macs;
  bool perBatch = false;
  /// Padded sizes (static sizes only).
  int64_t m = 0, k = 0, n = 0;
  /// With a target CPU (static sizes): the cost model's cycles, dense and
  /// with the scheme, and whether the encodings would be fused.
  std::optional<std::pair<double, double>> cycles;
  bool fused = false;
};
} // namespace

static std::string formatCount(std::optional<int64_t> count) {
  if (count)
    return std::to_string(*count);
  return "more than 2^63 - 1";
}

static std::string typeName(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// `size` rounded up to a multiple of `tile`, or no value on overflow.
static std::optional<int64_t> roundUp(int64_t size, int64_t tile) {
  int64_t remainder = size % tile;
  if (remainder == 0)
    return size;
  return llvm::checkedAdd(size, tile - remainder);
}

/// The largest Brent residual that is exact for coefficients held in `type`:
/// none for integers, the float type's tolerance otherwise.
static double toleranceFor(Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return exactTolerance(floatType.getFloatSemantics());
  return 0.0;
}

/// Why `scheme` cannot tile the static `match` without padding, or "".
static std::string tileMismatch(const MatmulMatch &match, SchemeAttr scheme) {
  for (auto [dim, size, tile, tileName] :
       {std::tuple<const char *, int64_t, int64_t, const char *>{
            "M", match.m(), scheme.getM(), "m"},
        {"K", match.k(), scheme.getK(), "k"},
        {"N", match.n(), scheme.getN(), "n"}})
    if (size % tile != 0)
      return llvm::formatv("dimension {0} (size {1}) is not divisible by "
                           "the tile size {2} = {3}",
                           dim, size, tileName, tile)
          .str();
  return "";
}

/// The residual of `c` with its coefficients held in `types` (cached), or
/// why they cannot be.
static const std::pair<double, std::string> &
residualInTypes(const Candidate &c, ComputeTypes types) {
  auto key = std::make_pair(types.encoded, types.accumulator);
  auto it = c.residualInTypes.find(key);
  if (it != c.residualInTypes.end())
    return it->second;
  std::pair<double, std::string> value{0.0, ""};
  std::string problem =
      checkCoefficientsFit(c.attr, types.encoded, types.accumulator);
  if (!problem.empty()) {
    value.second = problem;
  } else if (isa<IntegerType>(types.encoded)) {
    // Integer coefficients are held exactly (modulo 2^w, where the Brent
    // identities still hold).
    value.first = c.residual;
  } else {
    llvm::Expected<Scheme> rounded = c.attr.getScheme().roundedTo(
        cast<FloatType>(types.encoded).getFloatSemantics(),
        cast<FloatType>(types.accumulator).getFloatSemantics());
    if (!rounded)
      value.second = llvm::toString(rounded.takeError());
    else
      value.first = rounded->brentResidual();
  }
  return c.residualInTypes.try_emplace(key, std::move(value)).first->second;
}

namespace {
struct STLReplaceMatmulPass
    : stl::impl::STLReplaceMatmulBase<STLReplaceMatmulPass> {
  using Base::Base;

  /// Resolves the scheme options. Returns no candidate (and success) when
  /// the scheme is to be chosen per op.
  FailureOr<std::optional<Candidate>> resolveScheme() {
    MLIRContext *ctx = &getContext();
    Location loc = getOperation()->getLoc();
    if (!schemeName.empty() && !schemeFile.empty()) {
      emitError(loc) << "stl-replace-matmul: the options 'scheme' and "
                        "'scheme-file' exclude each other";
      return failure();
    }
    if (minMacs < 0) {
      emitError(loc) << "stl-replace-matmul: min-macs must not be negative";
      return failure();
    }
    if (schemeName.empty() && schemeFile.empty())
      return std::optional<Candidate>();
    llvm::Expected<Scheme> scheme = schemeName.empty()
                                        ? readSchemeFile(schemeFile)
                                        : lookupCatalogScheme(schemeName);
    if (!scheme) {
      emitError(loc) << "stl-replace-matmul: "
                     << llvm::toString(scheme.takeError());
      return failure();
    }
    Candidate c{SchemeAttr::get(ctx, *scheme), scheme->brentResidual()};
    if (c.residual > kExactTolerance && !allowApproximate) {
      emitError(loc) << "stl-replace-matmul: scheme '" << scheme->getName()
                     << "' is approximate (Brent residual "
                     << formatNumber(c.residual)
                     << "); it changes what the program computes, so it is "
                        "only applied with the option 'allow-approximate'";
      return failure();
    }
    return std::optional<Candidate>(std::move(c));
  }

  /// Whether a scheme map is given, and the entry that named the scheme of
  /// the op being rewritten.
  bool hasMap = false;
  std::optional<size_t> mapEntry;

  /// The CPU cost model's target (`target-cpu`), if any.
  std::optional<CPUTargetDescription> target;
  /// The encoded element type of floating-point MatMuls (encoded-type), or
  /// null for the default.
  Type encodedType;

  /// The cost model's cycles for `match`, dense and rewritten with `c` as
  /// `plan` says (padded sizes), on `target`; whether the encodings would
  /// be fused in `plan.fused`.
  std::pair<double, double> estimateCycles(const MatmulMatch &match,
                                           ArrayRef<int64_t> batchSizes,
                                           ComputeTypes types,
                                           const Candidate &c, Plan &plan) {
    int64_t batch = 1;
    for (int64_t size : batchSizes)
      batch *= size;
    Type lhs = getElementTypeOrSelf(match.lhs().getType());
    Type rhs = getElementTypeOrSelf(match.rhs().getType());
    Type destination = getElementTypeOrSelf(match.init().getType());
    // Weights that are constants are encoded at compile time (the CPU
    // pipeline folds them), and then not fused.
    bool constantWeights = matchPattern(match.rhs(), m_Constant());
    const Scheme &scheme = c.attr.getScheme();
    plan.fused =
        !constantWeights &&
        whyNotFusedOnCPU(scheme, lhs, rhs, destination, match.hasStaticSizes(),
                         types.encoded != destination)
            .empty();
    int64_t weightBatch = match.rhsBatched ? batch : 1;
    Type computed = types.accumulator;
    double dense = estimateCPUMatmulCycles(
        *target, computed,
        MatmulSizes{batch, match.m(), match.k(), match.n(), weightBatch},
        CPUMatmulForm{});
    double stl = estimateCPUMatmulCycles(
        *target, computed,
        MatmulSizes{batch, plan.m, plan.k, plan.n, weightBatch},
        CPUMatmulForm{&scheme, plan.fused, constantWeights});
    return {dense, stl};
  }

  /// The scheme `attr` (an op's stl.scheme) names: an #stl.scheme, a
  /// catalog name (or `A*B`), or the path of a scheme file (a name with a
  /// '/' or ending in .json). Fails with an error at `op`.
  FailureOr<Candidate> resolveNamedScheme(Operation *op, Attribute attr,
                                          StringRef what) {
    llvm::Expected<SchemeAttr> scheme = lookupNamedScheme(&getContext(), attr);
    if (!scheme) {
      op->emitError() << "stl-replace-matmul: the scheme named by " << what
                      << ": " << llvm::toString(scheme.takeError());
      return failure();
    }
    return Candidate{*scheme, scheme->getScheme().brentResidual()};
  }

  /// The types `match` computes in once rewritten.
  ComputeTypes getComputeTypes(const MatmulMatch &match) {
    Type operand = getElementTypeOrSelf(match.lhs().getType());
    Type destination = getElementTypeOrSelf(match.init().getType());
    // Integers always compute in the destination's ring: a narrow encoding
    // would compute modulo a smaller power of two.
    Type encoded = narrowEncodings && isa<FloatType>(operand)
                       ? operand
                       : getDefaultEncodedElementType(operand, destination);
    if (encodedType && isa<FloatType>(operand))
      encoded = encodedType;
    return {encoded, getAccumulatorElementType(encoded, destination)};
  }

  /// Chooses the scheme for one MatMul, or says why none applies.
  FailureOr<Plan> choose(const MatmulMatch &match,
                         ArrayRef<Candidate> candidates, SchemeSource source,
                         std::string &reason) {
    bool chosenByUser = source != SchemeSource::Chosen;
    // Zero-size dimensions: nothing to multiply, the result is the init.
    for (auto [name, size] : {std::pair<const char *, int64_t>{"M", match.m()},
                              {"K", match.k()},
                              {"N", match.n()}})
      if (size == 0) {
        reason = llvm::formatv("it is empty (dimension {0} has size 0): "
                               "there is nothing to multiply",
                               name);
        return failure();
      }
    // The static batch sizes; the counts are per batch when one is dynamic.
    SmallVector<int64_t> batchSizes;
    bool perBatch = false;
    for (unsigned d : match.batchDims) {
      int64_t size = match.size(d);
      if (size == 0) {
        reason = "it is empty (a batch dimension has size 0): there is "
                 "nothing to multiply";
        return failure();
      }
      if (ShapedType::isDynamic(size))
        perBatch = true;
      else
        batchSizes.push_back(size);
    }
    if (perBatch)
      batchSizes.clear();
    ComputeTypes types = getComputeTypes(match);
    bool staticMatrix = match.hasStaticMatrixSizes();
    if (!staticMatrix && !pad) {
      reason = "it has dynamic sizes M, K or N (the option 'pad' pads them to "
               "the tile at run time)";
      return failure();
    }
    MacCount dense;
    if (staticMatrix) {
      dense = countDenseMacs(match.m(), match.k(), match.n(), batchSizes);
      if (dense.approx < static_cast<double>(minMacs)) {
        reason =
            llvm::formatv("it has {0} multiply-adds{1}, fewer than "
                          "min-macs = {2}",
                          formatCount(dense.exact),
                          perBatch ? " per batch" : "", minMacs.getValue());
        return failure();
      }
    }

    // Each scheme that cannot be used says why.
    SmallVector<std::string> problems;
    auto reject = [&](const Candidate &c, const Twine &why) {
      problems.push_back(
          (Twine("scheme '") + c.attr.getName() + "': " + why).str());
    };
    std::optional<Plan> best;
    for (const Candidate &c : candidates) {
      TileShape t = c.attr.getTile();
      const auto &[residual, unusable] = residualInTypes(c, types);
      if (!unusable.empty()) {
        reject(c, unusable);
        continue;
      }
      Plan plan;
      plan.scheme = &c;
      plan.residual = residual;
      double tolerance = toleranceFor(types.encoded);
      plan.exact = residual <= tolerance;
      if (!plan.exact && isa<IntegerType>(types.encoded)) {
        reject(c, llvm::formatv("it is not exact (Brent residual {0}); an "
                                "integer MatMul takes only exact integer "
                                "schemes",
                                formatNumber(residual)));
        continue;
      }
      // An approximate scheme named for the op (its attribute, a map
      // entry) is an explicit request.
      if (!plan.exact && !allowApproximate &&
          source != SchemeSource::OpAttribute &&
          source != SchemeSource::MapEntry) {
        reject(c, llvm::formatv("it is not exact with its coefficients held "
                                "in {0} (Brent residual {1}, more than {2}); "
                                "the option 'allow-approximate' applies it "
                                "anyway",
                                typeName(types.encoded), formatNumber(residual),
                                formatNumber(tolerance)));
        continue;
      }
      if (!staticMatrix) {
        // Sizes unknown: padded at run time; the first scheme (the best
        // bound) is taken.
        plan.padded = true;
        if (!best)
          best = plan;
        continue;
      }
      std::string mismatch = tileMismatch(match, c.attr);
      if (!mismatch.empty() && !pad) {
        reject(c, mismatch);
        continue;
      }
      plan.padded = !mismatch.empty();
      std::optional<int64_t> m = roundUp(match.m(), t.m),
                             k = roundUp(match.k(), t.k),
                             n = roundUp(match.n(), t.n);
      if (!m || !k || !n) {
        reject(c, "padding the sizes to multiples of its tile overflows "
                  "int64");
        continue;
      }
      plan.m = *m;
      plan.k = *k;
      plan.n = *n;
      plan.perBatch = perBatch;
      PlanMacs macs{dense,
                    countTileProductMacs(c.attr.getScheme(), match.m(),
                                         match.k(), match.n(), batchSizes)};
      plan.macs = macs;
      // A scheme chosen by the pass must save something.
      if (!chosenByUser && macs.product.approx >= macs.dense.approx) {
        if (plan.padded)
          reject(c, llvm::formatv("it would not save multiply-adds: its "
                                  "tile product on the operands padded to "
                                  "{0}x{1}x{2} takes {3}, the MatMul {4}",
                                  plan.m, plan.k, plan.n,
                                  formatCount(macs.product.exact),
                                  formatCount(macs.dense.exact)));
        else
          reject(c, llvm::formatv("it would not save multiply-adds: its "
                                  "tile product takes {0}, the MatMul {1}",
                                  formatCount(macs.product.exact),
                                  formatCount(macs.dense.exact)));
        continue;
      }
      if (target)
        plan.cycles = estimateCycles(match, batchSizes, types, c, plan);
      bool better =
          !best || (plan.cycles && best->cycles
                        ? plan.cycles->second < best->cycles->second
                        : macs.product.approx < best->macs->product.approx);
      if (better)
        best = plan;
    }
    // The cost model leaves dense what no scheme it may choose speeds up.
    if (best && best->cycles && !chosenByUser &&
        best->cycles->first < kCPUMinPredictedSpeedup * best->cycles->second) {
      reason = llvm::formatv(
          "the CPU cost model for {0} predicts no scheme makes it faster: "
          "the best, '{1}'{2}, {3:E2} cycles against {4:E2} dense ({5:F2}x, "
          "less than {6:F2}x)",
          target->cpu, best->scheme->attr.getName(),
          best->fused ? " (fused)" : "", best->cycles->second,
          best->cycles->first, best->cycles->first / best->cycles->second,
          kCPUMinPredictedSpeedup);
      return failure();
    }
    if (!best) {
      std::string all = llvm::join(problems, "; ");
      if (chosenByUser)
        reason = all;
      else if (staticMatrix)
        reason = llvm::formatv("no catalog scheme applies to the shape "
                               "{0}x{1}x{2} (MxKxN): {3}",
                               match.m(), match.k(), match.n(), all)
                     .str();
      else
        reason = "no catalog scheme applies: " + all;
      return failure();
    }
    return *best;
  }

  void runOnOperation() override {
    if (!encodedTypeName.empty()) {
      MLIRContext *ctx = &getContext();
      StringRef name = encodedTypeName;
      encodedType = name == "f16"    ? Type(Float16Type::get(ctx))
                    : name == "bf16" ? Type(BFloat16Type::get(ctx))
                    : name == "f32"  ? Type(Float32Type::get(ctx))
                                     : Type();
      if (!encodedType) {
        emitError(getOperation()->getLoc())
            << "stl-replace-matmul: invalid option 'encoded-type': expected "
               "f16, bf16 or f32, got '"
            << encodedTypeName << "'";
        return signalPassFailure();
      }
    }
    FailureOr<std::optional<Candidate>> fixed = resolveScheme();
    if (failed(fixed))
      return signalPassFailure();
    if (!targetCPU.empty()) {
      llvm::Expected<CPUTargetDescription> description =
          CPUTargetDescription::lookup(targetCPU);
      if (!description) {
        emitError(getOperation()->getLoc())
            << "stl-replace-matmul: "
            << llvm::toString(description.takeError());
        return signalPassFailure();
      }
      target = *description;
    }

    SmallVector<Candidate> candidates;
    if (*fixed) {
      candidates.push_back(std::move(**fixed));
    } else {
      for (const Scheme &s : getDefaultExactSchemes())
        candidates.push_back({SchemeAttr::get(&getContext(), s), 0.0});
    }

    SmallVector<linalg::LinalgOp> matmuls;
    // Quantized MatMuls are counted and said why they are left alone.
    int64_t quantized = 0;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isMatmulCandidate(op)) {
        matmuls.push_back(op);
      } else if (isa<linalg::QuantizedMatmulOp, linalg::QuantizedBatchMatmulOp>(
                     op)) {
        ++quantized;
        if (report)
          op->emitRemark()
              << "not replaced with STL: it is a quantized MatMul, which "
                 "subtracts zero points from its operands first; the rewrite "
                 "takes the MatMul of the shifted operands (an i32 "
                 "linalg.matmul of (A - zA) and (B - zB)), not this op";
      }
    });

    IRRewriter rewriter(&getContext());
    // Totals over the MatMuls of static sizes, while they fit in int64.
    std::optional<int64_t> totalDense = 0, totalProduct = 0;
    double totalDenseApprox = 0.0, totalProductApprox = 0.0;
    int64_t replaced = 0, replacedUncounted = 0;
    // Schemes named on ops or by the map, resolved once per name.
    DenseMap<Attribute, Candidate> named;
    std::optional<SchemeMap> map;
    if (!schemeMap.empty()) {
      llvm::Expected<SchemeMap> read = readSchemeMap(schemeMap);
      if (!read) {
        emitError(getOperation()->getLoc())
            << "stl-replace-matmul: " << llvm::toString(read.takeError());
        return signalPassFailure();
      }
      map = std::move(*read);
    }
    hasMap = map.has_value();
    SmallVector<bool> entryUsed(map ? map->entries.size() : 0, false);
    DenseMap<Operation *, int64_t> indexInFunction;
    for (linalg::LinalgOp op : matmuls) {
      ArrayRef<Candidate> opCandidates = candidates;
      SchemeSource source =
          *fixed ? SchemeSource::Option : SchemeSource::Chosen;
      // The op's position among its function's MatMuls, for the map.
      Operation *function = op->getParentOfType<FunctionOpInterface>();
      StringRef functionName =
          function ? cast<FunctionOpInterface>(function).getName() : "";
      int64_t index = indexInFunction[function]++;
      std::optional<size_t> entry;
      Attribute attr = op->getAttr(kSchemeAttrName);
      if (attr) {
        source = SchemeSource::OpAttribute;
      } else if (map) {
        for (auto [i, e] : llvm::enumerate(map->entries))
          if (e.matches(functionName, op->getLoc(), index)) {
            entry = i;
            break;
          }
        if (entry) {
          attr = StringAttr::get(&getContext(), map->entries[*entry].scheme);
          source = SchemeSource::MapEntry;
          entryUsed[*entry] = true;
        }
      }
      if (attr) {
        auto it = named.find(attr);
        if (it == named.end()) {
          std::string what =
              entry ? llvm::formatv("scheme-map entry #{0} ({1})", *entry,
                                    map->entries[*entry].describe())
                          .str()
                    : "the op's '" + kSchemeAttrName.str() + "' attribute";
          FailureOr<Candidate> c = resolveNamedScheme(op, attr, what);
          if (failed(c))
            return signalPassFailure();
          it = named.try_emplace(attr, std::move(*c)).first;
        }
        opCandidates = ArrayRef<Candidate>(it->second);
      }
      mapEntry = entry;
      FailureOr<std::optional<Plan>> plan =
          rewrite(rewriter, op, opCandidates, source);
      if (failed(plan))
        return signalPassFailure();
      if (!*plan)
        continue;
      ++replaced;
      std::optional<PlanMacs> macs = (*plan)->macs;
      if (!macs || (*plan)->perBatch) {
        ++replacedUncounted;
        continue;
      }
      totalDense = totalDense && macs->dense.exact
                       ? llvm::checkedAdd(*totalDense, *macs->dense.exact)
                       : std::nullopt;
      totalProduct = totalProduct && macs->product.exact
                         ? llvm::checkedAdd(*totalProduct, *macs->product.exact)
                         : std::nullopt;
      totalDenseApprox += macs->dense.approx;
      totalProductApprox += macs->product.approx;
    }
    if (report && map)
      for (auto [i, used] : llvm::enumerate(entryUsed))
        if (!used)
          mlir::emitRemark(getOperation()->getLoc())
              << "stl-replace-matmul: scheme-map entry #" << i << " ("
              << map->entries[i].describe() << ") matched no MatMul";
    if (report && matmuls.size() + quantized > 0) {
      // On the module's location only: a remark on the module op would
      // print the whole module as a note.
      InFlightDiagnostic remark = mlir::emitRemark(getOperation()->getLoc())
                                  << "stl-replace-matmul: replaced " << replaced
                                  << " of " << matmuls.size() + quantized
                                  << " MatMuls";
      if (totalProductApprox > 0.0)
        remark << llvm::formatv(": {0} tile-product multiply-adds instead "
                                "of {1} ({2:F2}x fewer)",
                                formatCount(totalProduct),
                                formatCount(totalDense),
                                totalDenseApprox / totalProductApprox);
      if (replacedUncounted)
        remark << " (" << replacedUncounted
               << " of dynamic sizes, not counted)";
    }
  }

  /// Rewrites `op` if it is eligible. Returns what was done, no value when
  /// the op was left alone, and failure on an internal error.
  FailureOr<std::optional<Plan>> rewrite(IRRewriter &rewriter,
                                         linalg::LinalgOp op,
                                         ArrayRef<Candidate> candidates,
                                         SchemeSource source) {
    std::string reason;
    FailureOr<MatmulMatch> match = matchMatmul(op, reason);
    FailureOr<Plan> plan = failure();
    if (succeeded(match))
      plan = choose(*match, candidates, source, reason);
    if (failed(plan) && source == SchemeSource::OpAttribute)
      reason += " (the scheme named by the op's stl.scheme attribute)";
    if (failed(plan) && source == SchemeSource::MapEntry)
      reason += llvm::formatv(" (the scheme named by scheme-map entry #{0})",
                              *mapEntry)
                    .str();
    if (failed(plan)) {
      if (report)
        op->emitRemark() << "not replaced with STL: " << reason;
      return std::optional<Plan>();
    }

    SchemeAttr attr = plan->scheme->attr;
    ComputeTypes types = getComputeTypes(*match);
    if (!plan->exact)
      op->emitRemark() << "applying the approximate scheme '" << attr.getName()
                       << "' (Brent residual " << formatNumber(plan->residual)
                       << " in " << typeName(types.encoded)
                       << "): the result differs from the MatMul's";
    if (report) {
      TileShape t = attr.getTile();
      InFlightDiagnostic remark =
          op->emitRemark() << llvm::formatv(
              "replaced with stl.matmul using scheme '{0}' ({1}, tile "
              "{2}x{3}x{4}, rank {5})",
              attr.getName(), plan->exact ? "exact" : "approximate", t.m, t.k,
              t.n, attr.getRank());
      if (plan->macs)
        remark << llvm::formatv(": {0} tile-product multiply-adds instead "
                                "of {1}{2} ({3:F2}x fewer)",
                                formatCount(plan->macs->product.exact),
                                formatCount(plan->macs->dense.exact),
                                plan->perBatch ? " per batch" : "",
                                plan->macs->speedup());
      if (plan->cycles)
        remark << llvm::formatv("; the CPU cost model for {0} predicts "
                                "{1:E2} cycles against {2:E2} dense ({3:F2}x, "
                                "encodings {4})",
                                target->cpu, plan->cycles->second,
                                plan->cycles->first,
                                plan->cycles->first / plan->cycles->second,
                                plan->fused ? "fused" : "unfused");
      if (plan->padded && plan->macs)
        remark << llvm::formatv("; operands padded to {0}x{1}x{2}", plan->m,
                                plan->k, plan->n);
      else if (plan->padded)
        remark << "; dynamic sizes, padded to the tile at run time";
      switch (source) {
      case SchemeSource::Chosen:
        remark << (target ? "; scheme chosen by the CPU cost model"
                          : "; scheme chosen by the pass (the fewest "
                            "multiply-adds)");
        break;
      case SchemeSource::Option:
        remark << "; scheme given by the pass option '"
               << (schemeName.empty() ? "scheme-file" : "scheme") << "'";
        break;
      case SchemeSource::OpAttribute:
        remark << "; scheme named by the op's stl.scheme attribute";
        break;
      case SchemeSource::MapEntry:
        remark << "; scheme named by scheme-map entry #" << *mapEntry;
        break;
      }
      if (hasMap && source != SchemeSource::OpAttribute &&
          source != SchemeSource::MapEntry)
        remark << " (no scheme-map entry matched it)";
    }

    // The encoded type is recorded only when it is not the default (with
    // narrow-encodings, f16/bf16 operands stay in their type).
    Type recordedType;
    Type operandType = getElementTypeOrSelf(match->lhs().getType());
    Type destinationType = getElementTypeOrSelf(match->init().getType());
    if (types.encoded !=
        getDefaultEncodedElementType(operandType, destinationType))
      recordedType = types.encoded;
    FailureOr<MatmulOp> matmul = replaceWithSTLMatmul(
        rewriter, *match, attr, plan->padded, recordedType);
    if (failed(matmul))
      return op->emitError("stl-replace-matmul: internal error: the STL "
                           "MatMul built for this op does not verify");
    // A scheme named on the op, for the cost report (the others come from
    // the pass options, which the remarks name).
    if (source == SchemeSource::OpAttribute)
      (*matmul)->setAttr(kSchemeSourceAttrName,
                         rewriter.getStringAttr("op attribute stl.scheme"));
    if (source == SchemeSource::MapEntry)
      (*matmul)->setAttr(
          kSchemeSourceAttrName,
          rewriter.getStringAttr(
              llvm::formatv("scheme map entry #{0}", *mapEntry).str()));
    return std::optional<Plan>(*plan);
  }
};
} // namespace
