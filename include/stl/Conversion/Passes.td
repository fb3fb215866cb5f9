//===- Passes.td - Strassen-Tile conversion passes ---------*- tablegen -*-===//

#ifndef STL_CONVERSION_PASSES_TD
#define STL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSTLToLinalg : Pass<"convert-stl-to-linalg"> {
  let summary = "Lower every stl op to linalg, tensor and arith on tensors";
  let description = [{
    `stl.matmul` is first decomposed (as by `--stl-decompose`); then each op
    becomes MatMul-shaped linalg ops, so that code generators treat all
    three like MatMuls (row-major operands, the long dimension innermost):

    * `stl.encode`: the operand viewed as a grid of tiles
      (`tensor.expand_shape`) is copied so that each tile is a column
      (`columns[(a,b), G1, G2] = in[G1, a, G2, b]`), then multiplied by the
      scheme's `U` or `V` (an `r x (tile size)` `arith.constant`) in a
      `linalg.generic` MatMul into the zero-filled destination;
    * `stl.tile_product` becomes a `linalg.generic` batched MatMul over the
      channels (with `arith.extf` when the operands are narrower than the
      accumulator);
    * `stl.decode`: `D` (`(m*n) x r`) times the products, a MatMul into a
      fresh buffer `q`, then added to the destination's tiles, reading
      `q[a*n + c, I, J]`.

    Accumulators are never reshaped (no `collapse_shape` / `expand_shape`
    of a MatMul's destination), so that the CPU code generator can hold
    them in registers.

    Dynamic sizes are supported (the grid sizes are computed at run time);
    with dynamic sizes, encodings and decodings are each one
    `linalg.generic` contraction on the tiled view instead. Operands whose
    types are dynamic but whose sizes are known (`tensor.cast` from static
    types) are refined first.

    Run on a module, stl ops that occur more than once with the same
    attributes, types and destination form are outlined into one private
    function each and lowered once (a model with many identical layers
    compiles its kernels once); an op that occurs once stays inline.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // STL_CONVERSION_PASSES_TD
