// MatMul cases for the CPU execution tests, used with harness.mlir (same
// template parameters).
//
// The functions @square, @nonsquare, @batched and @on_memrefs compute plain
// linalg MatMuls, which the tests rewrite with --stl-replace-matmul before
// compiling. @main runs them on pseudo-random inputs and checks each result
// against the harness's dense reference.

func.func @square(%x: tensor<32x32x@T@>, %w: tensor<32x32x@T@>,
                  %c: tensor<32x32x@T@>) -> tensor<32x32x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<32x32x@T@>, tensor<32x32x@T@>)
                     outs(%c : tensor<32x32x@T@>) -> tensor<32x32x@T@>
  return %r : tensor<32x32x@T@>
}

func.func @nonsquare(%x: tensor<24x40x@T@>, %w: tensor<40x16x@T@>,
                     %c: tensor<24x16x@T@>) -> tensor<24x16x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<24x40x@T@>, tensor<40x16x@T@>)
                     outs(%c : tensor<24x16x@T@>) -> tensor<24x16x@T@>
  return %r : tensor<24x16x@T@>
}

func.func @batched(%x: tensor<3x8x12x@T@>, %w: tensor<3x12x16x@T@>,
                   %c: tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@> {
  %r = linalg.batch_matmul
         ins(%x, %w : tensor<3x8x12x@T@>, tensor<3x12x16x@T@>)
         outs(%c : tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  return %r : tensor<3x8x16x@T@>
}

// The way C code and benchmarks call compiled MatMuls: a function on memrefs
// with a C interface, wrapping them as tensors and writing the result back.
func.func @on_memrefs(%x: memref<16x24x@T@>, %w: memref<24x8x@T@>,
                      %c: memref<16x8x@T@>) attributes {llvm.emit_c_interface} {
  %xt = bufferization.to_tensor %x restrict
      : memref<16x24x@T@> to tensor<16x24x@T@>
  %wt = bufferization.to_tensor %w restrict
      : memref<24x8x@T@> to tensor<24x8x@T@>
  %ct = bufferization.to_tensor %c restrict writable
      : memref<16x8x@T@> to tensor<16x8x@T@>
  %r = linalg.matmul ins(%xt, %wt : tensor<16x24x@T@>, tensor<24x8x@T@>)
                     outs(%ct : tensor<16x8x@T@>) -> tensor<16x8x@T@>
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<16x8x@T@>, memref<16x8x@T@>) -> ()
  return
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c8 = arith.constant 8 : index
  %c12 = arith.constant 12 : index
  %c16 = arith.constant 16 : index
  %c24 = arith.constant 24 : index
  %c32 = arith.constant 32 : index
  %c40 = arith.constant 40 : index

  // Square: 32x32 * 32x32, accumulated into a non-zero destination.
  %sx = call @input(%c1, %c32, %c32, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %sw = call @input(%c1, %c32, %c32, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %sc = call @input(%c1, %c32, %c32, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %sx2 = tensor.collapse_shape %sx [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %sw2 = tensor.collapse_shape %sw [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %sc2 = tensor.collapse_shape %sc [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %sxs = tensor.cast %sx2 : tensor<?x?x@T@> to tensor<32x32x@T@>
  %sws = tensor.cast %sw2 : tensor<?x?x@T@> to tensor<32x32x@T@>
  %scs = tensor.cast %sc2 : tensor<?x?x@T@> to tensor<32x32x@T@>
  %sgot = call @square(%sxs, %sws, %scs)
      : (tensor<32x32x@T@>, tensor<32x32x@T@>, tensor<32x32x@T@>)
      -> tensor<32x32x@T@>
  %sgot3 = tensor.expand_shape %sgot [[0, 1], [2]] output_shape [1, 32, 32]
      : tensor<32x32x@T@> into tensor<1x32x32x@T@>
  %sgotd = tensor.cast %sgot3 : tensor<1x32x32x@T@> to tensor<?x?x?x@T@>
  %sref = call @reference(%sx, %sw, %sc)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      -> tensor<?x?x?x@T@>
  vector.print str "square: "
  call @check(%sgotd, %sref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  // Non-square: 24x40 * 40x16.
  %nx = call @input(%c1, %c24, %c40, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %nw = call @input(%c1, %c40, %c16, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %nc = call @input(%c1, %c24, %c16, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %nx2 = tensor.collapse_shape %nx [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %nw2 = tensor.collapse_shape %nw [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %nc2 = tensor.collapse_shape %nc [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %nxs = tensor.cast %nx2 : tensor<?x?x@T@> to tensor<24x40x@T@>
  %nws = tensor.cast %nw2 : tensor<?x?x@T@> to tensor<40x16x@T@>
  %ncs = tensor.cast %nc2 : tensor<?x?x@T@> to tensor<24x16x@T@>
  %ngot = call @nonsquare(%nxs, %nws, %ncs)
      : (tensor<24x40x@T@>, tensor<40x16x@T@>, tensor<24x16x@T@>)
      -> tensor<24x16x@T@>
  %ngot3 = tensor.expand_shape %ngot [[0, 1], [2]] output_shape [1, 24, 16]
      : tensor<24x16x@T@> into tensor<1x24x16x@T@>
  %ngotd = tensor.cast %ngot3 : tensor<1x24x16x@T@> to tensor<?x?x?x@T@>
  %nref = call @reference(%nx, %nw, %nc)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      -> tensor<?x?x?x@T@>
  vector.print str "nonsquare: "
  call @check(%ngotd, %nref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  // Batched: 3 x (8x12 * 12x16).
  %bx = call @input(%c3, %c8, %c12, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bw = call @input(%c3, %c12, %c16, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bc = call @input(%c3, %c8, %c16, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bxs = tensor.cast %bx : tensor<?x?x?x@T@> to tensor<3x8x12x@T@>
  %bws = tensor.cast %bw : tensor<?x?x?x@T@> to tensor<3x12x16x@T@>
  %bcs = tensor.cast %bc : tensor<?x?x?x@T@> to tensor<3x8x16x@T@>
  %bgot = call @batched(%bxs, %bws, %bcs)
      : (tensor<3x8x12x@T@>, tensor<3x12x16x@T@>, tensor<3x8x16x@T@>)
      -> tensor<3x8x16x@T@>
  %bgotd = tensor.cast %bgot : tensor<3x8x16x@T@> to tensor<?x?x?x@T@>
  %bref = call @reference(%bx, %bw, %bc)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      -> tensor<?x?x?x@T@>
  vector.print str "batched: "
  call @check(%bgotd, %bref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  // On memrefs: 16x24 * 24x8, accumulated in place into a buffer.
  %mx = call @input(%c1, %c16, %c24, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %mw = call @input(%c1, %c24, %c8, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %mc = call @input(%c1, %c16, %c8, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %mx2 = tensor.collapse_shape %mx [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %mw2 = tensor.collapse_shape %mw [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %mc2 = tensor.collapse_shape %mc [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %mxs = tensor.cast %mx2 : tensor<?x?x@T@> to tensor<16x24x@T@>
  %mws = tensor.cast %mw2 : tensor<?x?x@T@> to tensor<24x8x@T@>
  %mcs = tensor.cast %mc2 : tensor<?x?x@T@> to tensor<16x8x@T@>
  %xbuf = bufferization.to_buffer %mxs
      : tensor<16x24x@T@> to memref<16x24x@T@>
  %wbuf = bufferization.to_buffer %mws
      : tensor<24x8x@T@> to memref<24x8x@T@>
  %cinit = bufferization.to_buffer %mcs
      : tensor<16x8x@T@> to memref<16x8x@T@>
  %cbuf = memref.alloc() : memref<16x8x@T@>
  memref.copy %cinit, %cbuf : memref<16x8x@T@> to memref<16x8x@T@>
  call @on_memrefs(%xbuf, %wbuf, %cbuf)
      : (memref<16x24x@T@>, memref<24x8x@T@>, memref<16x8x@T@>) -> ()
  %mgot = bufferization.to_tensor %cbuf restrict
      : memref<16x8x@T@> to tensor<16x8x@T@>
  %mgot3 = tensor.expand_shape %mgot [[0, 1], [2]] output_shape [1, 16, 8]
      : tensor<16x8x@T@> into tensor<1x16x8x@T@>
  %mgotd = tensor.cast %mgot3 : tensor<1x16x8x@T@> to tensor<?x?x?x@T@>
  %mref = call @reference(%mx, %mw, %mc)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      -> tensor<?x?x?x@T@>
  vector.print str "memrefs: "
  call @check(%mgotd, %mref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  return
}
