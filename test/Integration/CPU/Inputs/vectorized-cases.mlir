// MatMul cases large enough for the CPU pipeline's vectorized contractions
// (a reduction of at least 16, N a multiple of 8), used with harness.mlir.
// With strassen-2x2x2 the tile products are (M/2 x K/2) * (K/2 x N/2): full
// 8 x 32 micro-kernels (@wide), shrunken ones (@narrow: N/2 = 40 -> 8 x 8,
// K/2 = 18 -> K steps of 2), and a batch (@batched). Without the rewrite the
// MatMuls themselves are vectorized.

func.func @wide(%x: tensor<128x96x@T@>, %w: tensor<96x128x@T@>,
                %c: tensor<128x128x@T@>) -> tensor<128x128x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<128x96x@T@>, tensor<96x128x@T@>)
                     outs(%c : tensor<128x128x@T@>) -> tensor<128x128x@T@>
  return %r : tensor<128x128x@T@>
}

func.func @narrow(%x: tensor<48x36x@T@>, %w: tensor<36x80x@T@>,
                  %c: tensor<48x80x@T@>) -> tensor<48x80x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<48x36x@T@>, tensor<36x80x@T@>)
                     outs(%c : tensor<48x80x@T@>) -> tensor<48x80x@T@>
  return %r : tensor<48x80x@T@>
}

func.func @batched(%x: tensor<2x64x64x@T@>, %w: tensor<2x64x64x@T@>,
                   %c: tensor<2x64x64x@T@>) -> tensor<2x64x64x@T@> {
  %r = linalg.batch_matmul
         ins(%x, %w : tensor<2x64x64x@T@>, tensor<2x64x64x@T@>)
         outs(%c : tensor<2x64x64x@T@>) -> tensor<2x64x64x@T@>
  return %r : tensor<2x64x64x@T@>
}

// Runs @f on [b, m, k] x [b, k, n] pseudo-random inputs into a non-zero
// destination and checks it against the dense reference.
func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c36 = arith.constant 36 : index
  %c48 = arith.constant 48 : index
  %c64 = arith.constant 64 : index
  %c80 = arith.constant 80 : index
  %c96 = arith.constant 96 : index
  %c128 = arith.constant 128 : index

  %wx = call @input(%c1, %c128, %c96, %c1) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %ww = call @input(%c1, %c96, %c128, %c2) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %wc = call @input(%c1, %c128, %c128, %c3) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %wx2 = tensor.collapse_shape %wx [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %ww2 = tensor.collapse_shape %ww [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %wc2 = tensor.collapse_shape %wc [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %wxs = tensor.cast %wx2 : tensor<?x?x@T@> to tensor<128x96x@T@>
  %wws = tensor.cast %ww2 : tensor<?x?x@T@> to tensor<96x128x@T@>
  %wcs = tensor.cast %wc2 : tensor<?x?x@T@> to tensor<128x128x@T@>
  %wgot = call @wide(%wxs, %wws, %wcs) : (tensor<128x96x@T@>, tensor<96x128x@T@>, tensor<128x128x@T@>) -> tensor<128x128x@T@>
  %wgot3 = tensor.expand_shape %wgot [[0, 1], [2]] output_shape [1, 128, 128] : tensor<128x128x@T@> into tensor<1x128x128x@T@>
  %wgotd = tensor.cast %wgot3 : tensor<1x128x128x@T@> to tensor<?x?x?x@T@>
  %wref = call @reference(%wx, %ww, %wc) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  vector.print str "wide: "
  call @check(%wgotd, %wref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  %nx = call @input(%c1, %c48, %c36, %c1) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %nw = call @input(%c1, %c36, %c80, %c2) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %nc = call @input(%c1, %c48, %c80, %c3) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %nx2 = tensor.collapse_shape %nx [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %nw2 = tensor.collapse_shape %nw [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %nc2 = tensor.collapse_shape %nc [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %nxs = tensor.cast %nx2 : tensor<?x?x@T@> to tensor<48x36x@T@>
  %nws = tensor.cast %nw2 : tensor<?x?x@T@> to tensor<36x80x@T@>
  %ncs = tensor.cast %nc2 : tensor<?x?x@T@> to tensor<48x80x@T@>
  %ngot = call @narrow(%nxs, %nws, %ncs) : (tensor<48x36x@T@>, tensor<36x80x@T@>, tensor<48x80x@T@>) -> tensor<48x80x@T@>
  %ngot3 = tensor.expand_shape %ngot [[0, 1], [2]] output_shape [1, 48, 80] : tensor<48x80x@T@> into tensor<1x48x80x@T@>
  %ngotd = tensor.cast %ngot3 : tensor<1x48x80x@T@> to tensor<?x?x?x@T@>
  %nref = call @reference(%nx, %nw, %nc) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  vector.print str "narrow: "
  call @check(%ngotd, %nref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  %bx = call @input(%c2, %c64, %c64, %c1) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bw = call @input(%c2, %c64, %c64, %c2) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bc = call @input(%c2, %c64, %c64, %c3) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bxs = tensor.cast %bx : tensor<?x?x?x@T@> to tensor<2x64x64x@T@>
  %bws = tensor.cast %bw : tensor<?x?x?x@T@> to tensor<2x64x64x@T@>
  %bcs = tensor.cast %bc : tensor<?x?x?x@T@> to tensor<2x64x64x@T@>
  %bgot = call @batched(%bxs, %bws, %bcs) : (tensor<2x64x64x@T@>, tensor<2x64x64x@T@>, tensor<2x64x64x@T@>) -> tensor<2x64x64x@T@>
  %bgotd = tensor.cast %bgot : tensor<2x64x64x@T@> to tensor<?x?x?x@T@>
  %bref = call @reference(%bx, %bw, %bc) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  vector.print str "batched: "
  call @check(%bgotd, %bref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  return
}
