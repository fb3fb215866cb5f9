// The MLP of examples/mlp.mlir (smaller: 32 tokens, 64 -> 128 -> 128 -> 32)
// written with linalg.generic contractions only (used with harness.mlir,
// @T@ = f32). @main prints the output.

#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(m, n) -> (m, n)>
#row = affine_map<(m, n) -> (n)>
func.func @mlp(%x: tensor<32x64x@T@>, %w0: tensor<64x128x@T@>, %b0: tensor<128x@T@>, %w1: tensor<128x128x@T@>, %b1: tensor<128x@T@>, %w2: tensor<128x32x@T@>, %b2: tensor<32x@T@>)
    -> tensor<32x32x@T@> {
  %zero = arith.constant 0.0 : @T@
  // Layer 0: [32 x 64] * [64 x 128], bias, ReLU.
  %e0 = tensor.empty() : tensor<32x128x@T@>
  %z0 = linalg.fill ins(%zero : @T@) outs(%e0 : tensor<32x128x@T@>) -> tensor<32x128x@T@>
  %mm0 = linalg.generic {indexing_maps = [#mk, #kn, #mn],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w0 : tensor<32x64x@T@>, tensor<64x128x@T@>) outs(%z0 : tensor<32x128x@T@>) {
  ^bb0(%a: @T@, %b: @T@, %o: @T@):
    %p = arith.mulf %a, %b : @T@
    %s = arith.addf %o, %p : @T@
    linalg.yield %s : @T@
  } -> tensor<32x128x@T@>
  %h0e = tensor.empty() : tensor<32x128x@T@>
  %h0 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm0, %b0 : tensor<32x128x@T@>, tensor<128x@T@>) outs(%h0e : tensor<32x128x@T@>) {
  ^bb0(%v: @T@, %bias: @T@, %out: @T@):
    %s = arith.addf %v, %bias : @T@
    %r = arith.maximumf %s, %zero : @T@
    linalg.yield %r : @T@
  } -> tensor<32x128x@T@>
  // Layer 1: [32 x 128] * [128 x 128], bias, ReLU.
  %e1 = tensor.empty() : tensor<32x128x@T@>
  %z1 = linalg.fill ins(%zero : @T@) outs(%e1 : tensor<32x128x@T@>) -> tensor<32x128x@T@>
  %mm1 = linalg.generic {indexing_maps = [#mk, #kn, #mn],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%h0, %w1 : tensor<32x128x@T@>, tensor<128x128x@T@>) outs(%z1 : tensor<32x128x@T@>) {
  ^bb0(%a: @T@, %b: @T@, %o: @T@):
    %p = arith.mulf %a, %b : @T@
    %s = arith.addf %o, %p : @T@
    linalg.yield %s : @T@
  } -> tensor<32x128x@T@>
  %h1e = tensor.empty() : tensor<32x128x@T@>
  %h1 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm1, %b1 : tensor<32x128x@T@>, tensor<128x@T@>) outs(%h1e : tensor<32x128x@T@>) {
  ^bb0(%v: @T@, %bias: @T@, %out: @T@):
    %s = arith.addf %v, %bias : @T@
    %r = arith.maximumf %s, %zero : @T@
    linalg.yield %r : @T@
  } -> tensor<32x128x@T@>
  // Layer 2: [32 x 128] * [128 x 32], bias, ReLU.
  %e2 = tensor.empty() : tensor<32x32x@T@>
  %z2 = linalg.fill ins(%zero : @T@) outs(%e2 : tensor<32x32x@T@>) -> tensor<32x32x@T@>
  %mm2 = linalg.generic {indexing_maps = [#mk, #kn, #mn],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%h1, %w2 : tensor<32x128x@T@>, tensor<128x32x@T@>) outs(%z2 : tensor<32x32x@T@>) {
  ^bb0(%a: @T@, %b: @T@, %o: @T@):
    %p = arith.mulf %a, %b : @T@
    %s = arith.addf %o, %p : @T@
    linalg.yield %s : @T@
  } -> tensor<32x32x@T@>
  %h2e = tensor.empty() : tensor<32x32x@T@>
  %h2 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm2, %b2 : tensor<32x32x@T@>, tensor<32x@T@>) outs(%h2e : tensor<32x32x@T@>) {
  ^bb0(%v: @T@, %bias: @T@, %out: @T@):
    %s = arith.addf %v, %bias : @T@
    %r = arith.maximumf %s, %zero : @T@
    linalg.yield %r : @T@
  } -> tensor<32x32x@T@>
  return %h2 : tensor<32x32x@T@>
}

// A [rows, cols] input of the harness's pattern (@T@).
func.func @matrix(%rows: index, %cols: index, %seed: index) -> tensor<?x?x@T@> {
  %c1 = arith.constant 1 : index
  %t3 = call @input(%c1, %rows, %cols, %seed)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %t = tensor.collapse_shape %t3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  return %t : tensor<?x?x@T@>
}

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %bias = arith.constant 0.01 : @T@
  %x0 = call @matrix(%c32, %c64, %c1) : (index, index, index) -> tensor<?x?x@T@>
  %x = tensor.cast %x0 : tensor<?x?x@T@> to tensor<32x64x@T@>
  %cs0 = arith.constant 2 : index
  %w00 = call @matrix(%c64, %c128, %cs0) : (index, index, index) -> tensor<?x?x@T@>
  %w0 = tensor.cast %w00 : tensor<?x?x@T@> to tensor<64x128x@T@>
  %b0e = tensor.empty() : tensor<128x@T@>
  %b0 = linalg.fill ins(%bias : @T@) outs(%b0e : tensor<128x@T@>) -> tensor<128x@T@>
  %cs1 = arith.constant 3 : index
  %w10 = call @matrix(%c128, %c128, %cs1) : (index, index, index) -> tensor<?x?x@T@>
  %w1 = tensor.cast %w10 : tensor<?x?x@T@> to tensor<128x128x@T@>
  %b1e = tensor.empty() : tensor<128x@T@>
  %b1 = linalg.fill ins(%bias : @T@) outs(%b1e : tensor<128x@T@>) -> tensor<128x@T@>
  %cs2 = arith.constant 4 : index
  %w20 = call @matrix(%c128, %c32, %cs2) : (index, index, index) -> tensor<?x?x@T@>
  %w2 = tensor.cast %w20 : tensor<?x?x@T@> to tensor<128x32x@T@>
  %b2e = tensor.empty() : tensor<32x@T@>
  %b2 = linalg.fill ins(%bias : @T@) outs(%b2e : tensor<32x@T@>) -> tensor<32x@T@>
  %y = call @mlp(%x, %w0, %b0, %w1, %b1, %w2, %b2)
      : (tensor<32x64x@T@>, tensor<64x128x@T@>, tensor<128x@T@>, tensor<128x128x@T@>, tensor<128x@T@>, tensor<128x32x@T@>, tensor<32x@T@>) -> tensor<32x32x@T@>
  %u = tensor.cast %y : tensor<32x32x@T@> to tensor<*x@T@>
  call @printMemrefF32(%u) : (tensor<*x@T@>) -> ()
  return
}
