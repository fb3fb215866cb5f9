//===- Passes.td - Strassen-Tile transformation passes -----*- tablegen -*-===//

#ifndef STL_DIALECT_STL_TRANSFORMS_PASSES_TD
#define STL_DIALECT_STL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def STLReplaceMatmul : Pass<"stl-replace-matmul"> {
  let summary = "Replace every eligible MatMul with a Strassen-Tile MatMul";
  let description = [{
    Rewrites into `stl.matmul` the linalg ops on tensors that compute a
    (batched) matrix product, recognised by structure: `linalg.matmul` and
    `linalg.batch_matmul` with any indexing maps (transposed operands),
    `linalg.contract` and `linalg.generic` contractions whose body is a
    floating-point multiply-add (with `arith.extf` of narrow inputs for
    mixed precision). Operands whose maps are transposed are brought to the
    canonical layouts with `linalg.transpose`; weights shared by every batch
    stay unbatched. The destination (init) is kept: the result is
    `init + A * B` as before, in the original op's types.

    An op is eligible when its operands are f16, bf16, f32 or f64, or i8,
    i16, i32 or i64 (one type for both, the accumulator the same or wider,
    of the same kind; integer bodies use arith.extsi / extui, muli, addi,
    as `linalg.matmul` with and without `cast_unsigned` has them) and the
    scheme's tile divides M, K and N. With `pad`, other sizes are padded
    with zeros to the tile multiple and the result is sliced back; dynamic
    sizes are then
    padded at run time. Without `pad`, such ops are left alone; a dynamic
    batch with static M, K and N needs no padding. Empty MatMuls (a size of
    0) and tensors with an encoding (sparse tensors) are left alone.

    A scheme is exact for an op when its coefficients, rounded to the types
    the op holds them in (U and V in the encoded type, D in the accumulator
    type), have a Brent residual within the encoded type's tolerance (16
    units of roundoff, at least 1e-13: `exactTolerance`); coefficients that
    are not finite in those types are never applied. Integer MatMuls take
    only exact schemes with integer coefficients and compute in the
    destination's integer type (modulo 2^w, exactly like the dense MatMul).

    The scheme comes from `scheme=<catalog name>` or `scheme-file=<path>`
    (the JSON format of STL.md); `stl-opt --stl-list-schemes` lists the
    catalog (docs/schemes.md). With neither, each op gets, of the catalog's
    default schemes (marked `[default]` in the list, all exact), the one
    that saves the most multiply-adds for its shape, and ops where no scheme
    saves anything are left alone. With `target-cpu` (as `--stl-cpu-pipeline`
    takes it: `host` or a CPU name), the choice is the CPU cost model's
    instead (`stl/Codegen/CPU/CostModel.h`): the cycles the CPU code
    generation would take, dense and with each scheme (encodings fused
    into the packed micro-kernel where it fuses them), from the
    multiply-adds at the target's peak and the elements the packing,
    encodings and write-back move; an op gets the fastest scheme if it is
    predicted at least 1.05x faster than the dense MatMul, and is left
    dense otherwise (small MatMuls, skinny ones whose B packing the
    scheme's encodings multiply), the remark under `report` giving the
    predicted cycles. A scheme named with `scheme` or `scheme-file` is
    applied whatever the model says (its remark gives the prediction).

    An approximate scheme (non-zero Brent residual) changes what the
    program computes: it is refused unless `allow-approximate` is set, and
    each op it is then applied to gets a remark. `min-macs` leaves small
    MatMuls alone (encode and decode overhead dominates them).

    Per-op schemes: a MatMul-like op carrying the discardable attribute
    `stl.scheme` gets that scheme, whatever the options say: a string
    naming a catalog scheme (or a composition `A*B`) or, when it holds a
    '/' or ends in `.json`, a scheme file, or a full `#stl.scheme`. An
    approximate scheme named on an op is an explicit request: it is
    applied without `allow-approximate`, with its remark. A name that
    names no scheme is an error at the op. Ops without the attribute
    follow the options. Under `report` each op's remark says where its
    scheme came from (the op's attribute, the option, or the pass's
    choice); the stl.matmul of a per-op scheme keeps
    `stl.scheme_source = "op attribute stl.scheme"`, which
    `--stl-cost-report` prints.

    Scheme maps, for models exported without annotations: `scheme-map`
    names a JSON file
    `{"schemes": [{"loc": "layer3.fc1", "scheme": "fitted/fc1.json"},
    {"function": "forward", "index": 2, "scheme": "winograd-2x2x2"} ] }`
    (`stl/Dialect/STL/Transforms/SchemeMap.h`). An entry matches an op
    when every key it gives matches: `function`, the enclosing function's
    name; `loc`, a name in the op's location (torch-mlir's fused names);
    `index`, the op's position among its function's MatMuls (from 0). The
    first matching entry names the op's scheme, as `stl.scheme` would
    (files relative to the map's directory; an approximate scheme is an
    explicit request there too); an op's own `stl.scheme` wins over the
    map. Under `report`, entries that matched no MatMul and
    MatMuls that no entry matched are said.

    Precision: f16/bf16 operands are encoded into f32 and the tile product
    and decode run in f32 (STL.md section 7), also for an f16/bf16
    destination, which gets the result rounded once; `narrow-encodings`
    keeps the encoded operands in the operands' type instead, and
    `encoded-type=f16|bf16|f32` names the type of every floating-point
    MatMul's encoded operands (tensor cores take f16 or bf16: bf16 keeps
    the range of bf16 inputs, f16 three more bits of every encoded value).

    With `report`, each MatMul gets a remark saying what was done (scheme,
    multiply-adds saved) or why it was left alone, and the module a summary.

    Example:

    ```
    stl-opt --stl-replace-matmul="scheme=strassen-2x2x2 pad report" in.mlir
    ```
  }];
  let dependentDialects = [
    "::mlir::stl::STLDialect",
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
  let options = [
    Option<"schemeName", "scheme", "std::string", /*default=*/"\"\"",
           "Catalog name of the scheme to apply (stl-opt --stl-list-schemes "
           "lists them; A*B composes two)">,
    Option<"schemeFile", "scheme-file", "std::string", /*default=*/"\"\"",
           "Path of a JSON scheme file to apply">,
    Option<"allowApproximate", "allow-approximate", "bool",
           /*default=*/"false",
           "Allow a scheme that is not exact (changes the program's results)">,
    Option<"pad", "pad", "bool", /*default=*/"false",
           "Pad sizes the tile does not divide (and dynamic sizes, at run "
           "time) with zeros">,
    Option<"minMacs", "min-macs", "int64_t", /*default=*/"0",
           "Leave MatMuls with fewer multiply-adds than this alone">,
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark for every MatMul: what was done, or why not">,
    Option<"schemeMap", "scheme-map", "std::string", /*default=*/"\"\"",
           "Path of a scheme map (JSON): per-op schemes keyed by function, "
           "location name or position, for ops without stl.scheme">,
    Option<"targetCPU", "target-cpu", "std::string", /*default=*/"\"\"",
           "Choose by the CPU cost model for this CPU (host or an llc -mcpu "
           "name): MatMuls that no scheme would make faster are left dense "
           "(only when the pass chooses the scheme)">,
    Option<"narrowEncodings", "narrow-encodings", "bool", /*default=*/"false",
           "Store the encoded operands of f16/bf16 MatMuls in the operands' "
           "type rather than f32: half the storage, but the encoding's sums "
           "are rounded to (and must fit in) the narrow type (sets "
           "encoded_type)">,
    Option<"encodedTypeName", "encoded-type", "std::string",
           /*default=*/"\"\"",
           "The type of the encoded operands of floating-point MatMuls "
           "(f16, bf16 or f32; default: f32 for f16/bf16 operands, or "
           "theirs with narrow-encodings): each encoding is summed in f32 "
           "and rounded once into it (sets encoded_type)">,
  ];
}

def STLDecompose : Pass<"stl-decompose"> {
  let summary = "Split stl.matmul into encode, tile product and decode";
  let description = [{
    Rewrites every `stl.matmul` into `stl.encode lhs`, `stl.encode rhs`,
    `stl.tile_product` (into a zero-filled accumulator) and `stl.decode`
    (accumulating into the MatMul's destination). The encoded operands have
    the op's encoded element type (`encoded_type`, by default the widest of
    the operands', the destination's and f32: f16 operands are encoded into
    f32); the product accumulates, and the decode sums, in the widest of
    the encoded type, the destination's and f32: an f16 or bf16 destination
    is extended before the decode and the result rounded once after it.
  }];
  let dependentDialects = [
    "::mlir::stl::STLDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::arith::ArithDialect"
  ];
}

def STLFoldConstantEncodings : Pass<"stl-fold-constant-encodings"> {
  let summary = "Encode constant operands (weights) at compile time";
  let description = [{
    In inference the weights are constants: their encoding need not run at
    run time. This pass

    * decomposes every `stl.matmul` with a constant operand (an
      `arith.constant`, or any value the folder sees as constant) into
      encode / tile product / decode,
    * folds `linalg.transpose` and `tensor.pad` of constants (the forms
      `--stl-replace-matmul` gives transposed or padded weights) into
      constants,
    * replaces every `stl.encode` of a constant by an `arith.constant`
      holding the encoded tensor, computed in double precision and rounded
      once to the encoded element type.

    Afterwards the program does no run-time encoding of constant weights;
    it stores `r * (K/k) * (N/n)` encoded values per weight matrix instead
    of `K * N`. `--stl-cpu-pipeline` runs this pass.

    Constants are `dense` or `dense_resource` tensors of f16, bf16, f32 or
    f64 (transposes and pads: any float type of whole bytes). Each encoded
    value is computed in double precision from the input rounded to the
    encoded element type and the coefficients rounded to it (as the
    run-time lowering rounds them), then rounded once, so a folded encoding
    equals the run-time encoding wherever the run-time sum is exact. The
    fold reads the constant's raw data in its own type and writes the result
    in its element type, a block of tiles at a time (memory: the result,
    twice while it becomes an attribute, plus a few rows); a splat gives a
    splat where the result is one.

    `max-folded-elements` (default 2^26 = 67108864 elements, 256 MiB of
    f32) bounds the size of a folded result: a constant whose encoding,
    transpose or pad would have more elements (and not be a splat) is left
    alone with a remark, and is then encoded at run time. The bound must be
    positive.
  }];
  let options = [
    Option<"maxFoldedElements", "max-folded-elements", "int64_t",
           /*default=*/"67108864",
           "Largest number of elements of a folded constant (> 0); larger "
           "results are computed at run time, with a remark">
  ];
  let dependentDialects = [
    "::mlir::stl::STLDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def STLCostReport : Pass<"stl-cost-report"> {
  let summary = "Report the multiply-adds and storage of every STL MatMul";
  let description = [{
    Prints, for every `stl.matmul` (and every decomposed STL MatMul, found
    from its `stl.tile_product`) and in total, the cost model of STL.md
    section 6:

    * dense multiply-adds `M*K*N` (times the batch),
    * tile-product multiply-adds `r*(M/m)*(K/k)*(N/n)`,
    * encode multiply-adds `r*M*K` (left) and `r*K*N` (right; zero at run
      time when the weights are constants or already encoded) and decode
      multiply-adds `r*M*N`, each also counting only the scheme's non-zero
      coefficients ("sparse"),
    * stored weight elements `K*N` before and `r*(K/k)*(N/n)` after,
    * the scheme's name, exactness, Brent residual and speedup bound
      `m*k*n/r`.

    MatMuls with dynamic sizes are listed but not counted; counts that do
    not fit in int64 are reported as too large (`"overflow": true` in JSON)
    and left out of the total. Exactness is judged as the program computes:
    coefficients rounded to the op's types, the type's tolerance. A failed
    write of the output file is an error of the pass. The IR is not
    changed. `format=json` gives a JSON document for tools; `output=<path>`
    writes the report to a file (`-` for standard output; the default is
    standard error, like `--mlir-pass-statistics`).

    Example:

    ```
    stl-opt model.mlir --stl-replace-matmul \
      --stl-cost-report="format=json output=cost.json" -o model.stl.mlir
    ```
  }];
  let options = [
    Option<"format", "format", "std::string", /*default=*/"\"text\"",
           "Report format: text or json">,
    Option<"output", "output", "std::string", /*default=*/"\"\"",
           "File to write the report to ('-' for standard output; default: "
           "standard error)">,
  ];
}

def STLCopyStridedReturns : Pass<"stl-copy-strided-returns",
                                 "::mlir::func::FuncOp"> {
  let summary = "Return contiguous copies of views whose strides were cast "
                "away";
  let description = [{
    One-shot bufferization with identity-layout function boundaries returns
    a view (a `memref.subview` of a larger buffer, e.g. the unpadded part of
    a padded result, or an `extract_slice` the input returns) through a
    `memref.cast` from its strided layout to the identity layout. Where the
    strides or the offset are dynamic, the cast verifies but is wrong at run
    time: a caller reading the result as a contiguous array (C code, a
    static-shaped descriptor) reads the wrong elements.

    This pass returns, in place of every such cast, a copy into a new
    contiguous buffer (`memref.alloc` + `linalg.copy`, taken just before
    the `func.return`), so that every returned memref is contiguous and
    row-major as its type says. It
    runs between bufferization and deallocation in the project's pipelines
    (the deallocation pipeline then frees the view's buffer). Casts whose
    source is contiguous (identity layout, or static sizes and contiguous
    strides) are left alone, as are the cast's other uses.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // STL_DIALECT_STL_TRANSFORMS_PASSES_TD
