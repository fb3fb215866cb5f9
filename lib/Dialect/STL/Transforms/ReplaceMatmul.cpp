//===- ReplaceMatmul.cpp - Rewrite eligible MatMuls into stl.matmul -------===//

#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"
#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/SchemeIO.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/FormatVariadic.h"

#include <cstdio>

namespace mlir {
namespace stl {
#define GEN_PASS_DEF_STLREPLACEMATMUL
#include "stl/Dialect/STL/Transforms/Passes.h.inc"
} // namespace stl
} // namespace mlir

using namespace mlir;
using namespace mlir::stl;

namespace {
/// Multiply-adds of a MatMul: dense, and in the tile product of its STL form.
struct MacCount {
  int64_t dense = 0, product = 0;
  double speedup() const {
    return static_cast<double>(dense) / static_cast<double>(product);
  }
};

/// A scheme the pass may apply, with its exactness computed once.
struct Candidate {
  SchemeAttr attr;
  double residual;
  bool isExact() const { return residual <= kExactTolerance; }
};

/// What the pass decided for one MatMul.
struct Plan {
  const Candidate *scheme = nullptr;
  bool padded = false;
  /// Known when the sizes are static.
  std::optional<MacCount> macs;
  /// Padded sizes (static sizes only).
  int64_t m = 0, k = 0, n = 0;
};
} // namespace

static std::string formatResidual(double residual) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", residual);
  return buffer;
}

static int64_t roundUp(int64_t size, int64_t tile) {
  return (size + tile - 1) / tile * tile;
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
                           "the tile size {2} = {3} of scheme '{4}'",
                           dim, size, tileName, tile, scheme.getName())
          .str();
  return "";
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
    if (!c.isExact() && !allowApproximate) {
      emitError(loc) << "stl-replace-matmul: scheme '" << scheme->getName()
                     << "' is approximate (Brent residual "
                     << formatResidual(c.residual)
                     << "); it changes what the program computes, so it is "
                        "only applied with the option 'allow-approximate'";
      return failure();
    }
    return std::optional<Candidate>(c);
  }

  /// Chooses the scheme for one MatMul, or says why none applies.
  FailureOr<Plan> choose(const MatmulMatch &match,
                         ArrayRef<Candidate> candidates, bool chosenByUser,
                         std::string &reason) {
    if (!match.hasStaticSizes()) {
      if (!pad) {
        reason = "it has dynamic sizes (the option 'pad' pads them to the "
                 "tile at run time)";
        return failure();
      }
      // Sizes unknown: the best bound, padded at run time.
      Plan plan;
      plan.scheme = &candidates.front();
      plan.padded = true;
      return plan;
    }
    int64_t batch = match.batchSize();
    int64_t dense = batch * match.m() * match.k() * match.n();
    if (dense < minMacs) {
      reason = llvm::formatv("it has {0} multiply-adds, fewer than min-macs "
                             "= {1}",
                             dense, minMacs.getValue());
      return failure();
    }
    std::optional<Plan> best;
    for (const Candidate &c : candidates) {
      TileShape t = c.attr.getTile();
      std::string mismatch = tileMismatch(match, c.attr);
      if (!mismatch.empty() && !pad) {
        if (reason.empty())
          reason = mismatch;
        continue;
      }
      Plan plan;
      plan.scheme = &c;
      plan.padded = !mismatch.empty();
      plan.m = roundUp(match.m(), t.m);
      plan.k = roundUp(match.k(), t.k);
      plan.n = roundUp(match.n(), t.n);
      plan.macs = MacCount{dense, batch * c.attr.getRank() * (plan.m / t.m) *
                                      (plan.k / t.k) * (plan.n / t.n)};
      // A scheme chosen by the pass must save something.
      if (!chosenByUser && plan.macs->product >= dense) {
        if (reason.empty())
          reason = llvm::formatv("scheme '{0}' would not save multiply-adds "
                                 "({1} instead of {2}{3})",
                                 c.attr.getName(), plan.macs->product, dense,
                                 plan.padded ? " after padding" : "")
                       .str();
        continue;
      }
      if (!best || plan.macs->product < best->macs->product)
        best = plan;
    }
    if (!best) {
      if (!chosenByUser)
        reason = llvm::formatv("no catalog scheme fits the shape {0}x{1}x{2} "
                               "({3})",
                               match.m(), match.k(), match.n(), reason)
                     .str();
      return failure();
    }
    return *best;
  }

  void runOnOperation() override {
    FailureOr<std::optional<Candidate>> fixed = resolveScheme();
    if (failed(fixed))
      return signalPassFailure();

    SmallVector<Candidate> candidates;
    if (*fixed) {
      candidates.push_back(**fixed);
    } else {
      for (const Scheme &s : getDefaultExactSchemes())
        candidates.push_back({SchemeAttr::get(&getContext(), s), 0.0});
    }

    SmallVector<linalg::LinalgOp> matmuls;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (isMatmulCandidate(op))
        matmuls.push_back(op);
    });

    IRRewriter rewriter(&getContext());
    MacCount total;
    int64_t replaced = 0, replacedDynamic = 0;
    for (linalg::LinalgOp op : matmuls) {
      FailureOr<std::optional<Plan>> plan =
          rewrite(rewriter, op, candidates, fixed->has_value());
      if (failed(plan))
        return signalPassFailure();
      if (!*plan)
        continue;
      ++replaced;
      if (std::optional<MacCount> macs = (*plan)->macs) {
        total.dense += macs->dense;
        total.product += macs->product;
      } else {
        ++replacedDynamic;
      }
    }
    if (report && !matmuls.empty()) {
      InFlightDiagnostic remark = getOperation()->emitRemark()
                                  << "stl-replace-matmul: replaced " << replaced
                                  << " of " << matmuls.size() << " MatMuls";
      if (total.product)
        remark << llvm::formatv(": {0} tile-product multiply-adds instead "
                                "of {1} ({2:F2}x fewer)",
                                total.product, total.dense, total.speedup());
      if (replacedDynamic)
        remark << " (" << replacedDynamic << " of dynamic sizes, not counted)";
    }
  }

  /// Rewrites `op` if it is eligible. Returns what was done, no value when
  /// the op was left alone, and failure on an internal error.
  FailureOr<std::optional<Plan>> rewrite(IRRewriter &rewriter,
                                         linalg::LinalgOp op,
                                         ArrayRef<Candidate> candidates,
                                         bool chosenByUser) {
    std::string reason;
    FailureOr<MatmulMatch> match = matchMatmul(op, reason);
    FailureOr<Plan> plan = failure();
    if (succeeded(match))
      plan = choose(*match, candidates, chosenByUser, reason);
    if (failed(plan)) {
      if (report)
        op->emitRemark() << "not replaced with STL: " << reason;
      return std::optional<Plan>();
    }

    SchemeAttr attr = plan->scheme->attr;
    if (!plan->scheme->isExact())
      op->emitRemark() << "applying the approximate scheme '" << attr.getName()
                       << "' (Brent residual "
                       << formatResidual(plan->scheme->residual)
                       << "): the result differs from the MatMul's";
    if (report) {
      TileShape t = attr.getTile();
      InFlightDiagnostic remark =
          op->emitRemark() << llvm::formatv(
              "replaced with stl.matmul using scheme '{0}' ({1}, tile "
              "{2}x{3}x{4}, rank {5})",
              attr.getName(), plan->scheme->isExact() ? "exact" : "approximate",
              t.m, t.k, t.n, attr.getRank());
      if (plan->macs)
        remark << llvm::formatv(": {0} tile-product multiply-adds instead "
                                "of {1} ({2:F2}x fewer)",
                                plan->macs->product, plan->macs->dense,
                                plan->macs->speedup());
      if (plan->padded && plan->macs)
        remark << llvm::formatv("; operands padded to {0}x{1}x{2}", plan->m,
                                plan->k, plan->n);
      else if (plan->padded)
        remark << "; dynamic sizes, padded to the tile at run time";
    }

    // Mixed precision: with narrow-encodings, encoded operands keep the
    // operands' type (by default they are widened to the destination's).
    Type encodedType;
    Type operandType = getElementTypeOrSelf(match->lhs().getType());
    if (narrowEncodings &&
        operandType != getElementTypeOrSelf(match->init().getType()))
      encodedType = operandType;
    if (failed(replaceWithSTLMatmul(rewriter, *match, attr, plan->padded,
                                    encodedType)))
      return op->emitError("stl-replace-matmul: internal error: the STL "
                           "MatMul built for this op does not verify");
    return std::optional<Plan>(*plan);
  }
};
} // namespace
