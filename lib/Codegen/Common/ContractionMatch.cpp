//===- ContractionMatch.cpp - Linalg contractions read as MatMuls ---------===//

#include "stl/Codegen/Common/ContractionMatch.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace mlir::stl;

static Type getElementType(Value value) {
  return cast<ShapedType>(value.getType()).getElementType();
}

Type MatmulContraction::getAccumulatorType() const {
  return getElementType(getOp().getDpsInits()[0]);
}

Type MatmulContraction::getInputElementType(unsigned input) const {
  return getElementType(getOp().getDpsInputs()[input]);
}

bool MatmulContraction::hasOneElementType() const {
  Type acc = getAccumulatorType();
  return getInputElementType(0) == acc && getInputElementType(1) == acc;
}

bool MatmulContraction::hasStaticShape() const {
  return !llvm::is_contained(loopRanges, ShapedType::kDynamic);
}

bool MatmulContraction::hasBufferSemantics() const {
  return getOp().hasPureBufferSemantics();
}

bool MatmulContraction::isInnermostOf(OpOperand &operand, unsigned loop) const {
  AffineMap map = getOp().getMatchingIndexingMap(&operand);
  return map.getNumResults() > 0 &&
         map.getResults().back() == getAffineDimExpr(loop, map.getContext());
}

SmallVector<unsigned> MatmulContraction::getOuterLoops() const {
  SmallVector<unsigned> loops(dims.batch.begin(), dims.batch.end());
  for (unsigned loop : dims.m)
    if (loop != m)
      loops.push_back(loop);
  for (unsigned loop : dims.n)
    if (loop != n)
      loops.push_back(loop);
  llvm::sort(loops);
  return loops;
}

bool MatmulContraction::isRowMajor() const {
  return isInnermostOf(getOp().getDpsInitsMutable()[0], n) &&
         isInnermostOf(*getOp().getDpsInputOperand(0), k) &&
         isInnermostOf(*getOp().getDpsInputOperand(1), n);
}

std::optional<MatmulContraction>
mlir::stl::matchMatmulContraction(linalg::LinalgOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(op))
    return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty() || dims->k.empty())
    return std::nullopt;
  MatmulContraction match;
  match.op = op;
  match.dims = *dims;
  match.m = dims->m.back();
  match.n = dims->n.back();
  match.k = dims->k.back();
  match.loopRanges = op.getStaticLoopRanges();
  return match;
}
