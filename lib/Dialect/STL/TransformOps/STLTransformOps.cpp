//===- STLTransformOps.cpp - Transform dialect ops for STL ----------------===//

#include "stl/Dialect/STL/TransformOps/STLTransformOps.h"
#include "stl/Conversion/Passes.h"
#include "stl/Dialect/STL/IR/STLDialect.h"
#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/MatmulMatch.h"
#include "stl/Dialect/STL/Transforms/Passes.h"
#include "stl/Dialect/STL/Transforms/SchemeMap.h"
#include "stl/Dialect/STL/Transforms/Transforms.h"
#include "stl/Scheme/Scheme.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace mlir::stl;

//===----------------------------------------------------------------------===//
// ReplaceMatmulOp
//===----------------------------------------------------------------------===//

LogicalResult ReplaceMatmulTransformOp::verify() {
  if (!isa<StringAttr, SchemeAttr>(getScheme()))
    return emitOpError("'scheme' must be a string (a catalog scheme's name "
                       "or a scheme file's path) or an #stl.scheme");
  return success();
}

DiagnosedSilenceableFailure
ReplaceMatmulTransformOp::applyToOne(transform::TransformRewriter &rewriter,
                                     Operation *target,
                                     transform::ApplyToEachResultList &results,
                                     transform::TransformState &state) {
  llvm::Expected<SchemeAttr> scheme =
      lookupNamedScheme(getContext(), getScheme());
  if (!scheme)
    return emitDefiniteFailure() << llvm::toString(scheme.takeError());
  auto linalgOp = dyn_cast<linalg::LinalgOp>(target);
  std::string reason = "it is not a linalg op";
  FailureOr<MatmulMatch> match =
      linalgOp ? matchMatmul(linalgOp, reason) : FailureOr<MatmulMatch>();
  if (failed(match)) {
    DiagnosedSilenceableFailure diag =
        emitSilenceableError()
        << "not a MatMul --stl-replace-matmul takes: " << reason;
    diag.attachNote(target->getLoc()) << "the payload op";
    return diag;
  }
  if (!scheme->getScheme().isExact() && !getAllowApproximate())
    return emitSilenceableError()
           << "scheme '" << scheme->getName()
           << "' is approximate (it changes what the program computes); "
              "add allow_approximate to apply it";
  TileShape tile = scheme->getTile();
  if (!getPad() && match->hasStaticMatrixSizes() &&
      (match->m() % tile.m || match->k() % tile.k || match->n() % tile.n))
    return emitSilenceableError()
           << "the tile " << tile.m << "x" << tile.k << "x" << tile.n
           << " of scheme '" << scheme->getName() << "' does not divide the "
           << match->m() << "x" << match->k() << "x" << match->n()
           << " MatMul (MxKxN); add pad to pad it";
  if (!getPad() && !match->hasStaticMatrixSizes())
    return emitSilenceableError()
           << "the MatMul has dynamic sizes M, K or N; add pad to pad them "
              "to the tile at run time";
  rewriter.setInsertionPoint(target);
  FailureOr<MatmulOp> matmul =
      replaceWithSTLMatmul(rewriter, *match, *scheme, getPad());
  if (failed(matmul))
    return emitDefiniteFailure() << "internal error: the stl.matmul built "
                                    "for the payload op does not verify";
  results.push_back(*matmul);
  return DiagnosedSilenceableFailure::success();
}

//===----------------------------------------------------------------------===//
// DecomposeOp
//===----------------------------------------------------------------------===//

DiagnosedSilenceableFailure
DecomposeTransformOp::applyToOne(transform::TransformRewriter &rewriter,
                                 Operation *target,
                                 transform::ApplyToEachResultList &results,
                                 transform::TransformState &state) {
  auto matmul = dyn_cast<MatmulOp>(target);
  if (!matmul) {
    DiagnosedSilenceableFailure diag = emitSilenceableError()
                                       << "expected an stl.matmul";
    diag.attachNote(target->getLoc()) << "the payload op";
    return diag;
  }
  rewriter.setInsertionPoint(matmul);
  DecodeOp decode = decomposeMatmul(rewriter, matmul);
  auto product = decode.getInput().getDefiningOp<TileProductOp>();
  results.push_back(product.getLhs().getDefiningOp<EncodeOp>());
  results.push_back(product.getRhs().getDefiningOp<EncodeOp>());
  results.push_back(product);
  results.push_back(decode);
  return DiagnosedSilenceableFailure::success();
}

//===----------------------------------------------------------------------===//
// Passes on handles
//===----------------------------------------------------------------------===//

/// Runs `pass` on `target` (isolated from above) and returns it in
/// `results`.
static DiagnosedSilenceableFailure
runPass(Operation *transformOp, Operation *target, std::unique_ptr<Pass> pass,
        transform::ApplyToEachResultList &results) {
  if (!target->hasTrait<OpTrait::IsIsolatedFromAbove>())
    return emitDefiniteFailure(transformOp)
           << "the payload op must be isolated from above (e.g. a "
              "func.func), got '"
           << target->getName() << "'";
  PassManager pm(target->getContext(), target->getName().getStringRef());
  pm.addPass(std::move(pass));
  if (failed(pm.run(target)))
    return emitDefiniteFailure(transformOp)
           << "the pass failed on the payload op";
  results.push_back(target);
  return DiagnosedSilenceableFailure::success();
}

DiagnosedSilenceableFailure FoldConstantEncodingsTransformOp::applyToOne(
    transform::TransformRewriter &rewriter, Operation *target,
    transform::ApplyToEachResultList &results,
    transform::TransformState &state) {
  return runPass(*this, target, createSTLFoldConstantEncodings(), results);
}

DiagnosedSilenceableFailure
LowerToLinalgTransformOp::applyToOne(transform::TransformRewriter &rewriter,
                                     Operation *target,
                                     transform::ApplyToEachResultList &results,
                                     transform::TransformState &state) {
  return runPass(*this, target, createConvertSTLToLinalg(), results);
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

#define GET_OP_CLASSES
#include "stl/Dialect/STL/TransformOps/STLTransformOps.cpp.inc"

namespace {
class STLTransformDialectExtension
    : public transform::TransformDialectExtension<
          STLTransformDialectExtension> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(STLTransformDialectExtension)

  STLTransformDialectExtension() {
    declareGeneratedDialect<STLDialect>();
    declareGeneratedDialect<arith::ArithDialect>();
    declareGeneratedDialect<linalg::LinalgDialect>();
    declareGeneratedDialect<tensor::TensorDialect>();
    registerTransformOps<
#define GET_OP_LIST
#include "stl/Dialect/STL/TransformOps/STLTransformOps.cpp.inc"
        >();
  }
};
} // namespace

void mlir::stl::registerTransformDialectExtension(DialectRegistry &registry) {
  registry.addExtensions<STLTransformDialectExtension>();
}
