// Mixed-precision MatMul cases: @IN@ (f16 or bf16) inputs, f32 accumulator,
// used with harness.mlir and narrowing.mlir at @T@ = f32 (the tests replace
// @IN@, @T@ and @BOUND@ with sed). Inputs are generated in f32 and rounded
// to @IN@; the dense reference uses the rounded values in f32, so the error
// measured is that of the STL computation alone.

// linalg.matmul with narrow operands and a wide destination (the named op
// extends its inputs).
func.func @matmul_mixed(%x: tensor<64x96x@IN@>, %w: tensor<96x32x@IN@>,
                        %c: tensor<64x32xf32>) -> tensor<64x32xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<64x96x@IN@>, tensor<96x32x@IN@>)
                     outs(%c : tensor<64x32xf32>) -> tensor<64x32xf32>
  return %r : tensor<64x32xf32>
}

// A batched contraction written as linalg.generic with explicit extensions.
func.func @batched_mixed(%x: tensor<2x32x48x@IN@>, %w: tensor<2x48x16x@IN@>,
                         %c: tensor<2x32x16xf32>) -> tensor<2x32x16xf32> {
  %r = linalg.generic {
      indexing_maps = [affine_map<(b, i, j, k) -> (b, i, k)>,
                       affine_map<(b, i, j, k) -> (b, k, j)>,
                       affine_map<(b, i, j, k) -> (b, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<2x32x48x@IN@>, tensor<2x48x16x@IN@>)
      outs(%c : tensor<2x32x16xf32>) {
  ^bb0(%a: @IN@, %b: @IN@, %acc: f32):
    %ae = arith.extf %a : @IN@ to f32
    %be = arith.extf %b : @IN@ to f32
    %p = arith.mulf %ae, %be : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x32x16xf32>
  return %r : tensor<2x32x16xf32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c48 = arith.constant 48 : index
  %c64 = arith.constant 64 : index
  %c96 = arith.constant 96 : index

  // 64x96 * 96x32 into a non-zero f32 destination.
  %x = call @input(%c1, %c64, %c96, %c1)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %w = call @input(%c1, %c96, %c32, %c2)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %c = call @input(%c1, %c64, %c32, %c3)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %xn = call @narrow(%x) : (tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@>
  %wn = call @narrow(%w) : (tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@>
  %xr = call @widen(%xn) : (tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32>
  %wr = call @widen(%wn) : (tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32>
  %x2 = tensor.collapse_shape %xn [[0, 1], [2]]
      : tensor<?x?x?x@IN@> into tensor<?x?x@IN@>
  %w2 = tensor.collapse_shape %wn [[0, 1], [2]]
      : tensor<?x?x?x@IN@> into tensor<?x?x@IN@>
  %c2d = tensor.collapse_shape %c [[0, 1], [2]]
      : tensor<?x?x?xf32> into tensor<?x?xf32>
  %xs = tensor.cast %x2 : tensor<?x?x@IN@> to tensor<64x96x@IN@>
  %ws = tensor.cast %w2 : tensor<?x?x@IN@> to tensor<96x32x@IN@>
  %cs = tensor.cast %c2d : tensor<?x?xf32> to tensor<64x32xf32>
  %got = call @matmul_mixed(%xs, %ws, %cs)
      : (tensor<64x96x@IN@>, tensor<96x32x@IN@>, tensor<64x32xf32>)
      -> tensor<64x32xf32>
  %got3 = tensor.expand_shape %got [[0, 1], [2]] output_shape [1, 64, 32]
      : tensor<64x32xf32> into tensor<1x64x32xf32>
  %gotd = tensor.cast %got3 : tensor<1x64x32xf32> to tensor<?x?x?xf32>
  %ref = call @reference(%xr, %wr, %c)
      : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>)
      -> tensor<?x?x?xf32>
  vector.print str "matmul @IN@: "
  call @check(%gotd, %ref) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  // 2 x (32x48 * 48x16).
  %bx = call @input(%c2, %c32, %c48, %c1)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %bw = call @input(%c2, %c48, %c16, %c2)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %bc = call @input(%c2, %c32, %c16, %c3)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %bxn = call @narrow(%bx) : (tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@>
  %bwn = call @narrow(%bw) : (tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@>
  %bxr = call @widen(%bxn) : (tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32>
  %bwr = call @widen(%bwn) : (tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32>
  %bxs = tensor.cast %bxn : tensor<?x?x?x@IN@> to tensor<2x32x48x@IN@>
  %bws = tensor.cast %bwn : tensor<?x?x?x@IN@> to tensor<2x48x16x@IN@>
  %bcs = tensor.cast %bc : tensor<?x?x?xf32> to tensor<2x32x16xf32>
  %bgot = call @batched_mixed(%bxs, %bws, %bcs)
      : (tensor<2x32x48x@IN@>, tensor<2x48x16x@IN@>, tensor<2x32x16xf32>)
      -> tensor<2x32x16xf32>
  %bgotd = tensor.cast %bgot : tensor<2x32x16xf32> to tensor<?x?x?xf32>
  %bref = call @reference(%bxr, %bwr, %bc)
      : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>)
      -> tensor<?x?x?xf32>
  vector.print str "batched @IN@: "
  call @check(%bgotd, %bref) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  return
}
