//===- ReplaceMatmul.cpp - Rewrite eligible MatMuls into stl.matmul -------===//

#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/SchemeIO.h"

#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/TypeSwitch.h"
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
/// Sizes of a (batched) MatMul: B x [M x K] * [K x N].
struct MatmulShape {
  int64_t batch = 1, m = 0, k = 0, n = 0;
};

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

std::string formatResidual(double residual) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%g", residual);
  return buffer;
}

bool isSupportedFloat(Type t) {
  return t.isF16() || t.isBF16() || t.isF32() || t.isF64();
}

/// Checks that `op` (linalg.matmul or linalg.batch_matmul) can be computed
/// by stl.matmul; returns the reason when it cannot.
FailureOr<MatmulShape> analyzeMatmul(linalg::LinalgOp op, bool hasUserMaps,
                                     std::string &reason) {
  if (!op.hasPureTensorSemantics()) {
    reason = "it operates on buffers, not tensors";
    return failure();
  }
  if (hasUserMaps) {
    reason = "it has non-default indexing maps (transposed or broadcast "
             "operands)";
    return failure();
  }
  auto lhs = dyn_cast<RankedTensorType>(op.getDpsInputs()[0].getType());
  auto rhs = dyn_cast<RankedTensorType>(op.getDpsInputs()[1].getType());
  auto out = dyn_cast<RankedTensorType>(op.getDpsInits()[0].getType());
  if (!lhs || !rhs || !out) {
    reason = "its operands are not ranked tensors";
    return failure();
  }
  if (!lhs.hasStaticShape() || !rhs.hasStaticShape() || !out.hasStaticShape()) {
    reason = "it has dynamic shapes";
    return failure();
  }
  if (lhs.getElementType() != rhs.getElementType() ||
      !isSupportedFloat(lhs.getElementType()) ||
      !isSupportedFloat(out.getElementType())) {
    reason = llvm::formatv("its element types ({0}, {1} -> {2}) are not "
                           "supported (f16, bf16, f32, f64 operands of one "
                           "type)",
                           lhs.getElementType(), rhs.getElementType(),
                           out.getElementType());
    return failure();
  }
  MatmulShape s;
  int64_t nb = lhs.getRank() - 2;
  for (int64_t i = 0; i < nb; ++i)
    s.batch *= lhs.getDimSize(i);
  s.m = lhs.getDimSize(nb);
  s.k = lhs.getDimSize(nb + 1);
  s.n = rhs.getDimSize(nb + 1);
  return s;
}

/// Why `scheme` cannot tile `shape`, or "" when it can.
std::string tileMismatch(const MatmulShape &shape, const SchemeAttr &scheme) {
  for (auto [dim, size, tile, tileName] :
       {std::tuple<const char *, int64_t, int64_t, const char *>{
            "M", shape.m, scheme.getM(), "m"},
        {"K", shape.k, scheme.getK(), "k"},
        {"N", shape.n, scheme.getN(), "n"}})
    if (size % tile != 0)
      return llvm::formatv("dimension {0} (size {1}) is not divisible by "
                           "the tile size {2} = {3} of scheme '{4}'",
                           dim, size, tileName, tile, scheme.getName())
          .str();
  return "";
}

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
      if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op))
        matmuls.push_back(op);
    });

    IRRewriter rewriter(&getContext());
    MacCount total;
    int64_t replaced = 0;
    for (linalg::LinalgOp op : matmuls) {
      std::optional<MacCount> macs = rewrite(rewriter, op, candidates);
      if (!macs)
        continue;
      ++replaced;
      total.dense += macs->dense;
      total.product += macs->product;
    }
    if (report && !matmuls.empty()) {
      InFlightDiagnostic remark = getOperation()->emitRemark()
                                  << "stl-replace-matmul: replaced " << replaced
                                  << " of " << matmuls.size() << " MatMuls";
      if (replaced)
        remark << llvm::formatv(": {0} tile-product multiply-adds instead "
                                "of {1} ({2:F2}x fewer)",
                                total.product, total.dense, total.speedup());
    }
  }

  /// Rewrites `op` if it is eligible; returns its multiply-add counts then.
  std::optional<MacCount> rewrite(IRRewriter &rewriter, linalg::LinalgOp op,
                                  ArrayRef<Candidate> candidates) {
    bool hasUserMaps =
        TypeSwitch<Operation *, bool>(op)
            .Case<linalg::MatmulOp, linalg::BatchMatmulOp>(
                [](auto matmul) { return matmul.hasUserDefinedMaps(); })
            .Default([](Operation *) { return true; });
    std::string reason;
    FailureOr<MatmulShape> shape = analyzeMatmul(op, hasUserMaps, reason);
    if (failed(shape)) {
      if (report)
        op->emitRemark() << "not replaced with STL: " << reason;
      return std::nullopt;
    }

    const Candidate *chosen = nullptr;
    for (const Candidate &c : candidates) {
      std::string mismatch = tileMismatch(*shape, c.attr);
      if (mismatch.empty()) {
        chosen = &c;
        break;
      }
      if (reason.empty())
        reason = mismatch;
    }
    if (!chosen) {
      if (report) {
        if (candidates.size() == 1)
          op->emitRemark() << "not replaced with STL: " << reason;
        else
          op->emitRemark() << "not replaced with STL: no catalog scheme "
                              "fits the shape "
                           << shape->m << "x" << shape->k << "x" << shape->n
                           << " (" << reason << ")";
      }
      return std::nullopt;
    }

    SchemeAttr attr = chosen->attr;
    if (!chosen->isExact())
      op->emitRemark() << "applying the approximate scheme '" << attr.getName()
                       << "' (Brent residual "
                       << formatResidual(chosen->residual)
                       << "): the result differs from the MatMul's";
    TileShape t = attr.getTile();
    MacCount macs;
    macs.dense = shape->batch * shape->m * shape->k * shape->n;
    macs.product = shape->batch * attr.getRank() * (shape->m / t.m) *
                   (shape->k / t.k) * (shape->n / t.n);
    if (report)
      op->emitRemark() << llvm::formatv(
          "replaced with stl.matmul using scheme '{0}' ({1}, tile "
          "{2}x{3}x{4}, rank {5}): {6} tile-product multiply-adds instead "
          "of {7} ({8:F2}x fewer)",
          attr.getName(), chosen->isExact() ? "exact" : "approximate", t.m, t.k,
          t.n, attr.getRank(), macs.product, macs.dense, macs.speedup());

    Value lhs = op.getDpsInputs()[0], rhs = op.getDpsInputs()[1];
    Value init = op.getDpsInits()[0];
    rewriter.setInsertionPoint(op);
    rewriter.replaceOpWithNewOp<MatmulOp>(op, init.getType(), lhs, rhs, init,
                                          attr);
    return macs;
  }
};
} // namespace
