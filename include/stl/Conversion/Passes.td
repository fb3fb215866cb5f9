//===- Passes.td - Strassen-Tile conversion passes ---------*- tablegen -*-===//

#ifndef STL_CONVERSION_PASSES_TD
#define STL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSTLToLinalg : Pass<"convert-stl-to-linalg"> {
  let summary = "Lower every stl op to linalg, tensor and arith on tensors";
  let description = [{
    `stl.matmul` is first decomposed (as by `--stl-decompose`); then each op
    becomes one target-neutral `linalg.generic` contraction on the tiled
    views of the matrices (`tensor.expand_shape`), with the scheme's
    coefficients as `arith.constant`s:

    * `stl.encode`: `out[rho, G1, G2] = sum_{a,b} C[rho, a, b] *
      in[G1, a, G2, b]` into the zero-filled destination, `C` being the
      scheme's `U` or `V` (`r x (tile rows) x (tile columns)`);
    * `stl.tile_product`: a batched MatMul over the channels,
      `out[rho, I, J] += lhs[rho, I, P] * rhs[rho, P, J]`;
    * `stl.decode`: `out[I, a, J, c] += sum_rho D[a, c, rho] * in[rho, I, J]`,
      accumulated into the destination's tiles (`D` is `m x n x r`), which
      are collapsed back into the matrix.

    Narrow inputs are extended to the accumulator's type in the bodies
    (`arith.extf`, or `arith.extsi` / `arith.extui` for integers). Batch
    dimensions are kept as leading dimensions. Layouts for a code
    generator are a target's concern: the CPU pipeline packs these
    contractions into row-major MatMuls (`--stl-cpu-pack-contractions`),
    the GPU pipeline takes them as they are.

    Dynamic sizes are supported (the grid sizes are computed at run time).
    Operands whose types are dynamic but whose sizes are known
    (`tensor.cast` from static types) are refined first.

    Run on a module, stl ops that occur more than once with the same
    attributes, types and destination form are outlined into one private
    function each and lowered once (a model with many identical layers
    compiles its kernels once); an op that occurs once stays inline.

    With `per-tile-encodings` (the GPU pipelines'), `stl.encode` and
    `stl.decode` of float data become instead one `scf.parallel` over the
    grid of tiles (`[B..., M/m, N/n]`) storing into a fresh buffer (the
    result, as `bufferization.to_tensor restrict writable`): an iteration
    reads one tile and stores its channels, or the reverse, the
    coefficients folded into the arithmetic (zeros skipped, +-1 as
    additions and subtractions), summed in f32 (f64 for f64 data) and
    rounded once. The decomposition then decodes straight into a float
    destination, in its type, and a decoding into a `linalg.fill` adds its
    scalar instead of reading the destination: no coefficient tensors,
    accumulators or reduction loops, each element read and written once
    (for code generators that give each iteration a thread). Integer data
    keeps the contraction form.
  }];
  let options = [
    Option<"perTileEncodings", "per-tile-encodings", "bool",
           /*default=*/"false",
           "Lower float encodings and decodings to parallel loops over the "
           "grid of tiles (a tile an iteration), coefficients folded">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // STL_CONVERSION_PASSES_TD
