//===- STLOps.td - Strassen-Tile operations ----------------*- tablegen -*-===//

#ifndef STL_DIALECT_STL_IR_STLOPS_TD
#define STL_DIALECT_STL_IR_STLOPS_TD

include "stl/Dialect/STL/IR/STLAttrs.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/TilingInterface.td"

class STL_Op<string mnemonic, list<Trait> traits = []>
    : Op<STL_Dialect, mnemonic,
         !listconcat(traits, [Pure, DestinationStyleOpInterface])> {
  let hasVerifier = 1;
  code dpsInit = [{
    MutableOperandRange getDpsInitsMutable() { return getInitMutable(); }
  }];
}

/// Ranked tensors of the element types the project supports: floats, and
/// signless integers (integer MatMuls with integer schemes).
def STL_Tensor : RankedTensorOf<[F16, BF16, F32, F64, I8, I16, I32, I64]>;
def STL_ElementType : AnyTypeOf<[F16, BF16, F32, F64, I8, I16, I32, I64]>;

def STL_EncodeOp : STL_Op<"encode", [AllTypesMatch<["init", "result"]>,
    DeclareOpInterfaceMethods<TilingInterface,
        ["getIterationDomain", "getLoopIteratorTypes",
         "getTiledImplementation", "getResultTilePosition",
         "generateResultTileValue"]>]> {
  let summary = "Tile change of basis of one MatMul operand";
  let description = [{
    Encodes every tile of one operand of a MatMul into the scheme's `r`
    channels (STL.md section 2). For the left operand (`lhs`, with the
    scheme's `U`):

    ```
    result[B..., rho, I, P] = sum_{a<m, b<k} U[rho, a*k + b] * input[B..., I*m + a, P*k + b]
    ```

    and for the right operand (`rhs`, with `V`):

    ```
    result[B..., rho, P, J] = sum_{b<k, c<n} V[rho, b*n + c] * input[B..., P*k + b, J*n + c]
    ```

    The input is `[B..., M, K]` (resp. `[B..., K, N]`) and the destination
    `[B..., r, M/m, K/k]` (resp. `[B..., r, K/k, N/n]`); its contents are
    overwritten. The result element type may be wider than the input's
    (encoding f16 data in f32, for instance).

    Integer inputs (i8, i16, i32, i64) are encoded into an integer type at
    least as wide with an integer scheme (every coefficient an integer):
    the arithmetic is that of the encoded type, modulo 2^w, in which an
    exact integer scheme is exact. Narrower inputs are sign-extended, or
    zero-extended with `zero_extend` (unsigned data).

    Tiling (TilingInterface): the loops are the batch dimensions and the
    grid of tiles (`M/m`, `K/k` for the left operand), all parallel; a
    tile encodes every channel of its tiles (the channels are the scheme's
    rows), so a fused producer tile must hold every channel.

    Example:

    ```mlir
    %xe = stl.encode lhs #stl.scheme<"strassen-2x2x2">
        ins(%x : tensor<64x32xf32>) outs(%e : tensor<7x32x16xf32>)
        -> tensor<7x32x16xf32>
    ```
  }];
  let arguments = (ins STL_Tensor:$input, STL_Tensor:$init,
                       STL_OperandKind:$operand, STL_SchemeAttr:$scheme,
                       UnitAttr:$zero_extend);
  let results = (outs STL_Tensor:$result);
  let assemblyFormat = [{
    $operand qualified($scheme) attr-dict
    `ins` `(` $input `:` type($input) `)`
    `outs` `(` $init `:` type($init) `)`
    `->` type($result)
  }];
  let extraClassDeclaration = dpsInit;
}

def STL_TileProductOp : STL_Op<"tile_product",
    [AllTypesMatch<["init", "result"]>,
    DeclareOpInterfaceMethods<TilingInterface,
        ["getIterationDomain", "getLoopIteratorTypes",
         "getTiledImplementation", "getResultTilePosition",
         "generateResultTileValue"]>]> {
  let summary = "Channel-wise product of encoded tiles (one batched MatMul)";
  let description = [{
    The element-wise product of encoded tiles, summed over the contraction
    grid: for every channel `rho`,

    ```
    result[B..., rho, I, J] = init[B..., rho, I, J]
                              + sum_P lhs[B..., rho, I, P] * rhs[B..., rho, P, J]
    ```

    i.e. one MatMul batched over the `r` channels. `lhs` is
    `[B..., r, I, P]`, `rhs` is `[B..., r, P, J]` or, for weights shared by
    every batch, `[r, P, J]`; the destination is `[B..., r, I, J]`. Both
    operands have the same element type; the destination's may be wider (the
    product then accumulates in it, e.g. f16 operands with an f32
    accumulator).

    Tiling (TilingInterface): loops `[B..., r, I, J]` parallel and `P` a
    reduction (a tile of `P` accumulates into its destination tile).

    Example:

    ```mlir
    %ce = stl.tile_product
        ins(%xe, %we : tensor<7x32x16xf32>, tensor<7x16x8xf32>)
        outs(%acc : tensor<7x32x8xf32>) -> tensor<7x32x8xf32>
    ```
  }];
  let arguments = (ins STL_Tensor:$lhs, STL_Tensor:$rhs,
                       STL_Tensor:$init);
  let results = (outs STL_Tensor:$result);
  let assemblyFormat = [{
    attr-dict
    `ins` `(` $lhs `,` $rhs `:` type($lhs) `,` type($rhs) `)`
    `outs` `(` $init `:` type($init) `)`
    `->` type($result)
  }];
  let extraClassDeclaration = dpsInit;
}

def STL_DecodeOp : STL_Op<"decode", [AllTypesMatch<["init", "result"]>,
    DeclareOpInterfaceMethods<TilingInterface,
        ["getIterationDomain", "getLoopIteratorTypes",
         "getTiledImplementation", "getResultTilePosition",
         "generateResultTileValue"]>]> {
  let summary = "Inverse change of basis, accumulated into the destination";
  let description = [{
    Maps the `r` product channels back to output tiles with the scheme's `D`
    and adds them to the destination:

    ```
    result[B..., I*m + a, J*n + c] = init[B..., I*m + a, J*n + c]
        + sum_rho D[a*n + c, rho] * input[B..., rho, I, J]
    ```

    The input is `[B..., r, M/m, N/n]`, the destination `[B..., M, N]`.

    Tiling (TilingInterface): the loops are the batch dimensions and the
    grid of output tiles (`M/m`, `N/n`), all parallel; a tile reads every
    channel of its grid cells and writes `m x n` elements per cell.

    Example:

    ```mlir
    %c = stl.decode #stl.scheme<"strassen-2x2x2">
        ins(%ce : tensor<7x32x8xf32>) outs(%init : tensor<64x16xf32>)
        -> tensor<64x16xf32>
    ```
  }];
  let arguments = (ins STL_Tensor:$input, STL_Tensor:$init,
                       STL_SchemeAttr:$scheme);
  let results = (outs STL_Tensor:$result);
  let assemblyFormat = [{
    qualified($scheme) attr-dict
    `ins` `(` $input `:` type($input) `)`
    `outs` `(` $init `:` type($init) `)`
    `->` type($result)
  }];
  let extraClassDeclaration = dpsInit;
}

def STL_MatmulOp : STL_Op<"matmul", [AllTypesMatch<["init", "result"]>]> {
  let summary = "MatMul computed with a Strassen-Tile scheme";
  let description = [{
    `result = init + lhs * rhs`, computed with the bilinear scheme it
    carries (exactly the value of a dense MatMul when the scheme is exact,
    up to rounding). `lhs` is `[B..., M, K]`, `rhs` is `[B..., K, N]` or, for
    weights shared by every batch, `[K, N]`, and the destination
    `[B..., M, N]`. The scheme's tile must divide `M`, `K` and `N`. Both
    operands have the same element type; the destination's may be wider
    (mixed precision).

    `--stl-decompose` rewrites it into `stl.encode` (both operands),
    `stl.tile_product` and `stl.decode`. The encoded operands have the
    element type `encoded_type` when the attribute is present, and
    otherwise the widest of the operands', the destination's element types
    and f32 (STL.md section 7: f16/bf16 operands are encoded into f32, so
    that the sums of the encoding are not rounded to 11 or 8 bits;
    `encoded_type = f16` trades that accuracy for half the encoded storage).
    The tile product and the decode compute in the widest of the encoded
    type, the destination's and f32; a destination of f16 or bf16 is
    extended, accumulated into in f32 and rounded once. So for an f16
    destination the result is `round_f16(init + lhs * rhs)` computed in f32:
    more accurate than a MatMul accumulating in f16, and therefore not
    bit-identical to one.

    The scheme's coefficients must be finite in the types that hold them (U
    and V in the encoded type, D in the accumulator type).

    Integer MatMuls (`i8 x i8 -> i32`, `i32 x i32 -> i32`, ...) take an
    integer scheme and compute in the destination's integer type (by
    default also the encoded type): modulo 2^w, as a dense integer MatMul
    does, so an exact integer scheme gives exactly the dense result. Narrow
    operands are sign-extended, or zero-extended with `zero_extend` (the
    `cast_unsigned` of `linalg.matmul`). Integer and floating-point types
    do not mix.

    Example:

    ```mlir
    %c = stl.matmul #stl.scheme<"strassen-2x2x2">
        ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>)
        outs(%init : tensor<64x16xf32>) -> tensor<64x16xf32>
    ```
  }];
  let arguments = (ins STL_Tensor:$lhs, STL_Tensor:$rhs,
                       STL_Tensor:$init, STL_SchemeAttr:$scheme,
                       OptionalAttr<TypeAttrOf<STL_ElementType>>:$encoded_type,
                       UnitAttr:$zero_extend);
  let results = (outs STL_Tensor:$result);
  let assemblyFormat = [{
    qualified($scheme) attr-dict
    `ins` `(` $lhs `,` $rhs `:` type($lhs) `,` type($rhs) `)`
    `outs` `(` $init `:` type($init) `)`
    `->` type($result)
  }];
  let extraClassDeclaration = dpsInit # [{
    /// The element type of the encoded operands: `encoded_type`, or
    /// `getDefaultEncodedElementType` of the operands' and the destination's
    /// element types.
    Type getEncodedElementType();
    /// The element type the tile product accumulates and the decode sums in
    /// (`getAccumulatorElementType`).
    Type getAccumulatorElementType();
    /// True for integer MatMuls.
    bool isInteger() {
      return ::llvm::isa<::mlir::IntegerType>(
          ::llvm::cast<::mlir::RankedTensorType>(getInit().getType())
              .getElementType());
    }
  }];
}


//===----------------------------------------------------------------------===//
// Code generation support
//===----------------------------------------------------------------------===//

def STL_GPUTensorMapOp : Op<STL_Dialect, "gpu_tensor_map", [Pure]> {
  let summary = "A CUDA tensor map of a buffer, for TMA copies";
  let description = [{
    Host code of the GPU pipeline, made by the `wgmma` tensor-core strategy
    (`--stl-gpu-contraction-codegen`): the device address (an `i64`) of a
    CUDA tensor map (`CUtensorMap`, what `cp.async.bulk.tensor` copies
    through) describing `source` as a tensor of `rank` = `size(sizes)`
    dimensions, innermost first:

    * element `(i0, ..., i{rank-1})` is element
      `offset + i0 + sum_{d >= 1} strides[d-1] * id` of the buffer's aligned
      pointer (element strides; dimension 0 is contiguous);
    * a copy moves a box of `box` elements, its innermost dimension
      `swizzle`-byte swizzled in shared memory (0, 32, 64 or 128: the
      16-byte chunks of each `swizzle`-byte row XOR-ed with the row's index
      modulo `swizzle / 16`, as the tensor cores' descriptors expect).

    The op only describes the buffer (it reads nothing): it is `Pure`, so
    that `--gpu-async-region` chains no wait before it.
    `--stl-gpu-lower-tensor-maps` lowers it to a call of the runtime's
    `stlCudaTensorMap`, which encodes the map with `cuTensorMapEncodeTiled`
    into device memory once per distinct description and returns it from a
    cache afterwards.

    The verifier enforces the driver's constraints: 1 to 5 dimensions, 1-,
    2- or 4-byte elements, box dimensions of 1 to 256 elements with an
    innermost box of a multiple of 16 bytes (and at most `swizzle` bytes
    when swizzled), 16-byte multiples for the strides and the offset.

    Example (64 x 128 bf16 boxes of a row-major 4096 x 4096 matrix):

    ```mlir
    %map = stl.gpu_tensor_map %a sizes = [4096, 4096] strides = [4096]
        box = [64, 128] offset = 0 swizzle = 128 : memref<4096x4096xbf16>
    ```
  }];
  let arguments = (ins AnyMemRef:$source, DenseI64ArrayAttr:$sizes,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$box,
                       I64Attr:$offset, I64Attr:$swizzle);
  let results = (outs I64:$tensorMap);
  let assemblyFormat = [{
    $source `sizes` `=` $sizes `strides` `=` $strides `box` `=` $box
    `offset` `=` $offset `swizzle` `=` $swizzle attr-dict `:` type($source)
  }];
  let hasVerifier = 1;
}

#endif // STL_DIALECT_STL_IR_STLOPS_TD
