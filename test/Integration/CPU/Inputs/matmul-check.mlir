// Numerical check of MatMuls on the CPU: a template instantiated by the tests
// with `sed` (@T@: element type; @BOUND@: bound on the relative error).
//
// The functions @square, @nonsquare, @batched and @on_memrefs compute
// plain linalg MatMuls, which the tests rewrite with --stl-replace-matmul
// before compiling. @main computes the same products with an independent
// dense reference (an outer product followed by linalg.reduce, which no
// rewrite touches) on the same pseudo-random inputs and prints, per case,
// the relative error max|got - ref| / max|ref| and PASS when it is at most
// @BOUND@, FAIL otherwise.

// ---- MatMuls under test ----------------------------------------------------

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

// ---- Harness -----------------------------------------------------------------

// A [b, m, n] tensor of values ((i * 7919 + seed * 104729) mod 1021 - 510) / 511
// for the flat index i: in [-1, 1], rounded in the element type (so that the
// MatMuls round as well).
func.func @input(%b: index, %m: index, %n: index, %seed: index)
    -> tensor<?x?x?x@T@> {
  %e = tensor.empty(%b, %m, %n) : tensor<?x?x?x@T@>
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
      iterator_types = ["parallel", "parallel", "parallel"]}
      outs(%e : tensor<?x?x?x@T@>) {
  ^bb0(%out: @T@):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %row = arith.muli %i0, %m : index
    %r1 = arith.addi %row, %i1 : index
    %flat0 = arith.muli %r1, %n : index
    %flat = arith.addi %flat0, %i2 : index
    %c7919 = arith.constant 7919 : index
    %c104729 = arith.constant 104729 : index
    %c1021 = arith.constant 1021 : index
    %a = arith.muli %flat, %c7919 : index
    %s = arith.muli %seed, %c104729 : index
    %sum = arith.addi %a, %s : index
    %mod = arith.remui %sum, %c1021 : index
    %i64 = arith.index_cast %mod : index to i64
    %f = arith.uitofp %i64 : i64 to @T@
    %c510 = arith.constant 510.0 : @T@
    %c511 = arith.constant 511.0 : @T@
    %centered = arith.subf %f, %c510 : @T@
    %v = arith.divf %centered, %c511 : @T@
    linalg.yield %v : @T@
  } -> tensor<?x?x?x@T@>
  return %r : tensor<?x?x?x@T@>
}

// c + x * w, dense: products[b, i, k, j] = x[b, i, k] * w[b, k, j], then
// summed over k into c.
func.func @reference(%x: tensor<?x?x?x@T@>, %w: tensor<?x?x?x@T@>,
                     %c: tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %b = tensor.dim %x, %c0 : tensor<?x?x?x@T@>
  %m = tensor.dim %x, %c1 : tensor<?x?x?x@T@>
  %k = tensor.dim %x, %c2 : tensor<?x?x?x@T@>
  %n = tensor.dim %w, %c2 : tensor<?x?x?x@T@>
  %e = tensor.empty(%b, %m, %k, %n) : tensor<?x?x?x?x@T@>
  %p = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>,
                       affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %w : tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      outs(%e : tensor<?x?x?x?x@T@>) {
  ^bb0(%a: @T@, %bv: @T@, %out: @T@):
    %prod = arith.mulf %a, %bv : @T@
    linalg.yield %prod : @T@
  } -> tensor<?x?x?x?x@T@>
  %r = linalg.reduce ins(%p : tensor<?x?x?x?x@T@>)
                     outs(%c : tensor<?x?x?x@T@>) dimensions = [2]
    (%in: @T@, %acc: @T@) {
      %s = arith.addf %acc, %in : @T@
      linalg.yield %s : @T@
    }
  return %r : tensor<?x?x?x@T@>
}

// max over all elements of |a - b| (or of |a| when %b is %a and %diff is
// false).
func.func @max_abs(%a: tensor<?x?x?x@T@>, %b: tensor<?x?x?x@T@>, %diff: i1)
    -> @T@ {
  %zero = arith.constant 0.0 : @T@
  %e = tensor.empty() : tensor<@T@>
  %init = linalg.fill ins(%zero : @T@) outs(%e : tensor<@T@>) -> tensor<@T@>
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> ()>],
      iterator_types = ["reduction", "reduction", "reduction"]}
      ins(%a, %b : tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      outs(%init : tensor<@T@>) {
  ^bb0(%x: @T@, %y: @T@, %acc: @T@):
    %d = arith.subf %x, %y : @T@
    %v = arith.select %diff, %d, %x : @T@
    %abs = math.absf %v : @T@
    %m = arith.maximumf %acc, %abs : @T@
    linalg.yield %m : @T@
  } -> tensor<@T@>
  %v = tensor.extract %r[] : tensor<@T@>
  return %v : @T@
}

// Prints the relative error of %got against %ref, then PASS or FAIL.
func.func @check(%got: tensor<?x?x?x@T@>, %ref: tensor<?x?x?x@T@>) {
  %true = arith.constant true
  %false = arith.constant false
  %err = call @max_abs(%got, %ref, %true)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, i1) -> @T@
  %scale = call @max_abs(%ref, %ref, %false)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, i1) -> @T@
  %rel = arith.divf %err, %scale : @T@
  vector.print str "relative error "
  vector.print %rel : @T@
  %bound = arith.constant @BOUND@ : @T@
  // Also fails on NaN (unordered comparison is false).
  %ok = arith.cmpf ole, %rel, %bound : @T@
  scf.if %ok {
    vector.print str "PASS\n"
  } else {
    vector.print str "FAIL\n"
  }
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
