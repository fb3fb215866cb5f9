// MatMul cases in the shapes and layouts the GPU's tensor-core kernels take
// (--stl-gpu-contraction-codegen's mma-sync strategy: 16-bit inputs, M, N
// and K multiples of the tile, unit-stride K or M / N): @IN@ (f16 or bf16)
// inputs, f32 destinations that are not zero. Used with harness.mlir and
// narrowing.mlir at @T@ = f32; the inputs are generated in f32 and rounded
// to @IN@, and the dense reference uses the rounded values in f32. On the
// CPU they check the same programs as every other numerical case; on a GPU
// (test/Integration/GPU/cases.sh) they run the tensor-core kernels, dense
// and (rewritten with 16-bit encodings) as STL tile products.

// 256x256 * 256x128: 128 x 128 tiles, eight reduction tiles through a
// four-stage pipeline.
func.func @tc_nn(%x: tensor<256x256x@IN@>, %w: tensor<256x128x@IN@>,
                 %c: tensor<256x128xf32>) -> tensor<256x128xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<256x256x@IN@>, tensor<256x128x@IN@>)
                     outs(%c : tensor<256x128xf32>) -> tensor<256x128xf32>
  return %r : tensor<256x128xf32>
}

// x * w^T with w [N, K] (a linear layer's weight): K contiguous in both.
func.func @tc_nt(%x: tensor<128x128x@IN@>, %w: tensor<128x128x@IN@>,
                 %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
  %r = linalg.matmul
      indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                       affine_map<(m, n, k) -> (n, k)>,
                       affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<128x128x@IN@>, tensor<128x128x@IN@>)
      outs(%c : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %r : tensor<128x128xf32>
}

// A batch of two on the grid's third dimension.
func.func @tc_batched(%x: tensor<2x128x128x@IN@>, %w: tensor<2x128x128x@IN@>,
                      %c: tensor<2x128x128xf32>) -> tensor<2x128x128xf32> {
  %r = linalg.batch_matmul
      ins(%x, %w : tensor<2x128x128x@IN@>, tensor<2x128x128x@IN@>)
      outs(%c : tensor<2x128x128xf32>) -> tensor<2x128x128xf32>
  return %r : tensor<2x128x128xf32>
}

// [b, m, n] -> [b, n, m].
func.func @transpose(%t: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %b = tensor.dim %t, %c0 : tensor<?x?x?xf32>
  %m = tensor.dim %t, %c1 : tensor<?x?x?xf32>
  %n = tensor.dim %t, %c2 : tensor<?x?x?xf32>
  %e = tensor.empty(%b, %n, %m) : tensor<?x?x?xf32>
  %r = linalg.transpose ins(%t : tensor<?x?x?xf32>)
                        outs(%e : tensor<?x?x?xf32>) permutation = [0, 2, 1]
  return %r : tensor<?x?x?xf32>
}

// Inputs [b, m, k] and [b, k, n] (seeds 1 and 2), rounded to @IN@, and the
// destination (seed 3).
func.func @operands(%b: index, %m: index, %k: index, %n: index)
    -> (tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %x = call @input(%b, %m, %k, %c1)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %w = call @input(%b, %k, %n, %c2)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %c = call @input(%b, %m, %n, %c3)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %xn = call @narrow(%x) : (tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@>
  %wn = call @narrow(%w) : (tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@>
  return %xn, %wn, %c
      : tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>
}

// c + x * w in f32 from the rounded inputs.
func.func @expected(%x: tensor<?x?x?x@IN@>, %w: tensor<?x?x?x@IN@>,
                    %c: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  %xr = call @widen(%x) : (tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32>
  %wr = call @widen(%w) : (tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32>
  %r = call @reference(%xr, %wr, %c)
      : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>)
      -> tensor<?x?x?xf32>
  return %r : tensor<?x?x?xf32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c128 = arith.constant 128 : index
  %c256 = arith.constant 256 : index

  %x, %w, %c = call @operands(%c1, %c256, %c256, %c128)
      : (index, index, index, index)
      -> (tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>)
  %x2 = tensor.collapse_shape %x [[0, 1], [2]] : tensor<?x?x?x@IN@> into tensor<?x?x@IN@>
  %w2 = tensor.collapse_shape %w [[0, 1], [2]] : tensor<?x?x?x@IN@> into tensor<?x?x@IN@>
  %c2d = tensor.collapse_shape %c [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  %xs = tensor.cast %x2 : tensor<?x?x@IN@> to tensor<256x256x@IN@>
  %ws = tensor.cast %w2 : tensor<?x?x@IN@> to tensor<256x128x@IN@>
  %cs = tensor.cast %c2d : tensor<?x?xf32> to tensor<256x128xf32>
  %got = call @tc_nn(%xs, %ws, %cs)
      : (tensor<256x256x@IN@>, tensor<256x128x@IN@>, tensor<256x128xf32>)
      -> tensor<256x128xf32>
  %got3 = tensor.expand_shape %got [[0, 1], [2]] output_shape [1, 256, 128]
      : tensor<256x128xf32> into tensor<1x256x128xf32>
  %gotd = tensor.cast %got3 : tensor<1x256x128xf32> to tensor<?x?x?xf32>
  %ref = call @expected(%x, %w, %c)
      : (tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>)
      -> tensor<?x?x?xf32>
  vector.print str "nn @IN@: "
  call @check(%gotd, %ref) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  // The weight [1, N, K] is the transpose of a [1, K, N] input.
  %tx, %tw, %tc = call @operands(%c1, %c128, %c128, %c128)
      : (index, index, index, index)
      -> (tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>)
  %twr = call @widen(%tw) : (tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32>
  %twt = call @transpose(%twr) : (tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %twtn = call @narrow(%twt) : (tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@>
  %tx2 = tensor.collapse_shape %tx [[0, 1], [2]] : tensor<?x?x?x@IN@> into tensor<?x?x@IN@>
  %tw2 = tensor.collapse_shape %twtn [[0, 1], [2]] : tensor<?x?x?x@IN@> into tensor<?x?x@IN@>
  %tc2 = tensor.collapse_shape %tc [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  %txs = tensor.cast %tx2 : tensor<?x?x@IN@> to tensor<128x128x@IN@>
  %tws = tensor.cast %tw2 : tensor<?x?x@IN@> to tensor<128x128x@IN@>
  %tcs = tensor.cast %tc2 : tensor<?x?xf32> to tensor<128x128xf32>
  %tgot = call @tc_nt(%txs, %tws, %tcs)
      : (tensor<128x128x@IN@>, tensor<128x128x@IN@>, tensor<128x128xf32>)
      -> tensor<128x128xf32>
  %tgot3 = tensor.expand_shape %tgot [[0, 1], [2]] output_shape [1, 128, 128]
      : tensor<128x128xf32> into tensor<1x128x128xf32>
  %tgotd = tensor.cast %tgot3 : tensor<1x128x128xf32> to tensor<?x?x?xf32>
  %tref = call @expected(%tx, %tw, %tc)
      : (tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>)
      -> tensor<?x?x?xf32>
  vector.print str "nt @IN@: "
  call @check(%tgotd, %tref) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  %bx, %bw, %bc = call @operands(%c2, %c128, %c128, %c128)
      : (index, index, index, index)
      -> (tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>)
  %bxs = tensor.cast %bx : tensor<?x?x?x@IN@> to tensor<2x128x128x@IN@>
  %bws = tensor.cast %bw : tensor<?x?x?x@IN@> to tensor<2x128x128x@IN@>
  %bcs = tensor.cast %bc : tensor<?x?x?xf32> to tensor<2x128x128xf32>
  %bgot = call @tc_batched(%bxs, %bws, %bcs)
      : (tensor<2x128x128x@IN@>, tensor<2x128x128x@IN@>, tensor<2x128x128xf32>)
      -> tensor<2x128x128xf32>
  %bgotd = tensor.cast %bgot : tensor<2x128x128xf32> to tensor<?x?x?xf32>
  %bref = call @expected(%bx, %bw, %bc)
      : (tensor<?x?x?x@IN@>, tensor<?x?x?x@IN@>, tensor<?x?x?xf32>)
      -> tensor<?x?x?xf32>
  vector.print str "batched @IN@: "
  call @check(%bgotd, %bref) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  return
}
