//===- Passes.td - Strassen-Tile conversion passes ---------*- tablegen -*-===//

#ifndef STL_CONVERSION_PASSES_TD
#define STL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSTLToLinalg : Pass<"convert-stl-to-linalg"> {
  let summary = "Lower every stl op to linalg, tensor and arith on tensors";
  let description = [{
    `stl.matmul` is first decomposed (as by `--stl-decompose`); then

    * `stl.encode` becomes a `linalg.generic` contraction of the operand,
      viewed as a grid of tiles (`tensor.expand_shape`), with the scheme's
      `U` or `V` as an `arith.constant`, into a zero-filled destination;
    * `stl.tile_product` becomes a `linalg.generic` batched MatMul over the
      channels (with `arith.extf` when the operands are narrower than the
      accumulator);
    * `stl.decode` becomes a `linalg.generic` contraction with `D`,
      accumulating into the expanded destination, followed by a
      `tensor.collapse_shape`.

    Dynamic sizes are supported (the grid sizes are computed at run time).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // STL_CONVERSION_PASSES_TD
