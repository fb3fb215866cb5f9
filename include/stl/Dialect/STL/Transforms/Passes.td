//===- Passes.td - Strassen-Tile transformation passes -----*- tablegen -*-===//

#ifndef STL_DIALECT_STL_TRANSFORMS_PASSES_TD
#define STL_DIALECT_STL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def STLReplaceMatmul : Pass<"stl-replace-matmul"> {
  let summary = "Replace eligible MatMuls with Strassen-Tile MatMuls";
  let description = [{
    Rewrites `linalg.matmul` and `linalg.batch_matmul` ops on tensors into
    `stl.matmul` with a bilinear scheme, when

    * the operands are ranked tensors with static shapes,
    * the op uses the default indexing maps (no transposition),
    * the element types are floating point (f16, bf16, f32, f64) and the two
      operands share one,
    * the scheme's tile divides M, K and N.

    The scheme comes from `scheme=<catalog name>` or `scheme-file=<path>`
    (the JSON format of STL.md); with neither, the exact catalog scheme
    with the largest speedup bound that fits each op is chosen
    (`strassen-4x4x4` where 4 divides every size, `winograd-2x2x2` where
    only 2 does). An approximate scheme (non-zero Brent residual) changes
    what the program computes: it is refused unless `allow-approximate` is
    set, and each op it is then applied to gets a remark.

    With `report`, each MatMul gets a remark saying what was done: the
    scheme used and the multiply-adds saved, or why the op was left alone.

    Example:

    ```
    stl-opt --stl-replace-matmul="scheme=strassen-2x2x2 report" in.mlir
    ```
  }];
  let dependentDialects = ["::mlir::stl::STLDialect"];
  let options = [
    Option<"schemeName", "scheme", "std::string", /*default=*/"\"\"",
           "Catalog name of the scheme to apply (e.g. strassen-4x4x4, "
           "winograd-2x2x2, naive-2x2x2, strassen-2x2x2*naive-1x1x2)">,
    Option<"schemeFile", "scheme-file", "std::string", /*default=*/"\"\"",
           "Path of a JSON scheme file to apply">,
    Option<"allowApproximate", "allow-approximate", "bool",
           /*default=*/"false",
           "Allow a scheme that is not exact (changes the program's results)">,
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark for every MatMul: what was done, or why not">,
  ];
}

def STLDecompose : Pass<"stl-decompose"> {
  let summary = "Split stl.matmul into encode, tile product and decode";
  let description = [{
    Rewrites every `stl.matmul` into `stl.encode lhs`, `stl.encode rhs`,
    `stl.tile_product` (into a zero-filled accumulator) and `stl.decode`
    (accumulating into the MatMul's destination). The encoded operands keep
    the operands' element type; the product accumulates in the
    destination's element type.
  }];
  let dependentDialects = [
    "::mlir::stl::STLDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::arith::ArithDialect"
  ];
}

#endif // STL_DIALECT_STL_TRANSFORMS_PASSES_TD
