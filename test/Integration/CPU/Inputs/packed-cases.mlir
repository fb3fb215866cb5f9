// MatMul cases for the CPU pipeline's packed micro-kernel
// (packed-micro-kernel strategy of --stl-cpu-vectorize-contractions), used
// with harness.mlir: sizes that are multiples of neither the register tile
// nor the cache blocks (@odd, @batched), and multiples of both (@whole).

func.func @odd(%x: tensor<100x70x@T@>, %w: tensor<70x45x@T@>,
               %c: tensor<100x45x@T@>) -> tensor<100x45x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<100x70x@T@>, tensor<70x45x@T@>)
                     outs(%c : tensor<100x45x@T@>) -> tensor<100x45x@T@>
  return %r : tensor<100x45x@T@>
}

func.func @batched(%x: tensor<3x37x66x@T@>, %w: tensor<3x66x35x@T@>,
                   %c: tensor<3x37x35x@T@>) -> tensor<3x37x35x@T@> {
  %r = linalg.batch_matmul
         ins(%x, %w : tensor<3x37x66x@T@>, tensor<3x66x35x@T@>)
         outs(%c : tensor<3x37x35x@T@>) -> tensor<3x37x35x@T@>
  return %r : tensor<3x37x35x@T@>
}

func.func @whole(%x: tensor<48x128x@T@>, %w: tensor<128x64x@T@>,
                 %c: tensor<48x64x@T@>) -> tensor<48x64x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<48x128x@T@>, tensor<128x64x@T@>)
                     outs(%c : tensor<48x64x@T@>) -> tensor<48x64x@T@>
  return %r : tensor<48x64x@T@>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c35 = arith.constant 35 : index
  %c37 = arith.constant 37 : index
  %c45 = arith.constant 45 : index
  %c48 = arith.constant 48 : index
  %c64 = arith.constant 64 : index
  %c66 = arith.constant 66 : index
  %c70 = arith.constant 70 : index
  %c100 = arith.constant 100 : index
  %c128 = arith.constant 128 : index

  %ox = call @input(%c1, %c100, %c70, %c1) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %ow = call @input(%c1, %c70, %c45, %c2) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %oc = call @input(%c1, %c100, %c45, %c3) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %ox2 = tensor.collapse_shape %ox [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %ow2 = tensor.collapse_shape %ow [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %oc2 = tensor.collapse_shape %oc [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %oxs = tensor.cast %ox2 : tensor<?x?x@T@> to tensor<100x70x@T@>
  %ows = tensor.cast %ow2 : tensor<?x?x@T@> to tensor<70x45x@T@>
  %ocs = tensor.cast %oc2 : tensor<?x?x@T@> to tensor<100x45x@T@>
  %ogot = call @odd(%oxs, %ows, %ocs) : (tensor<100x70x@T@>, tensor<70x45x@T@>, tensor<100x45x@T@>) -> tensor<100x45x@T@>
  %ogot3 = tensor.expand_shape %ogot [[0, 1], [2]] output_shape [1, 100, 45] : tensor<100x45x@T@> into tensor<1x100x45x@T@>
  %ogotd = tensor.cast %ogot3 : tensor<1x100x45x@T@> to tensor<?x?x?x@T@>
  %oref = call @reference(%ox, %ow, %oc) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  vector.print str "odd: "
  call @check(%ogotd, %oref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  %bx = call @input(%c3, %c37, %c66, %c1) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bw = call @input(%c3, %c66, %c35, %c2) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bc = call @input(%c3, %c37, %c35, %c3) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bxs = tensor.cast %bx : tensor<?x?x?x@T@> to tensor<3x37x66x@T@>
  %bws = tensor.cast %bw : tensor<?x?x?x@T@> to tensor<3x66x35x@T@>
  %bcs = tensor.cast %bc : tensor<?x?x?x@T@> to tensor<3x37x35x@T@>
  %bgot = call @batched(%bxs, %bws, %bcs) : (tensor<3x37x66x@T@>, tensor<3x66x35x@T@>, tensor<3x37x35x@T@>) -> tensor<3x37x35x@T@>
  %bgotd = tensor.cast %bgot : tensor<3x37x35x@T@> to tensor<?x?x?x@T@>
  %bref = call @reference(%bx, %bw, %bc) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  vector.print str "batched: "
  call @check(%bgotd, %bref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  %wx = call @input(%c1, %c48, %c128, %c1) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %ww = call @input(%c1, %c128, %c64, %c2) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %wc = call @input(%c1, %c48, %c64, %c3) : (index, index, index, index) -> tensor<?x?x?x@T@>
  %wx2 = tensor.collapse_shape %wx [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %ww2 = tensor.collapse_shape %ww [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %wc2 = tensor.collapse_shape %wc [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %wxs = tensor.cast %wx2 : tensor<?x?x@T@> to tensor<48x128x@T@>
  %wws = tensor.cast %ww2 : tensor<?x?x@T@> to tensor<128x64x@T@>
  %wcs = tensor.cast %wc2 : tensor<?x?x@T@> to tensor<48x64x@T@>
  %wgot = call @whole(%wxs, %wws, %wcs) : (tensor<48x128x@T@>, tensor<128x64x@T@>, tensor<48x64x@T@>) -> tensor<48x64x@T@>
  %wgot3 = tensor.expand_shape %wgot [[0, 1], [2]] output_shape [1, 48, 64] : tensor<48x64x@T@> into tensor<1x48x64x@T@>
  %wgotd = tensor.cast %wgot3 : tensor<1x48x64x@T@> to tensor<?x?x?x@T@>
  %wref = call @reference(%wx, %ww, %wc) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  vector.print str "whole: "
  call @check(%wgotd, %wref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  return
}
