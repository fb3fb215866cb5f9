// An MLP on f16 activations and weights with f32 accumulation, the
// mixed-precision linalg.generic contractions frontends emit (arith.extf of
// the inputs); activations are rounded back to f16 between layers. Used with
// harness.mlir with @T@ = f16. @main prints the f32 output.

#mk = affine_map<(m, n, k) -> (m, k)>
#kn = affine_map<(m, n, k) -> (k, n)>
#mn = affine_map<(m, n, k) -> (m, n)>
#id = affine_map<(m, n) -> (m, n)>
#row = affine_map<(m, n) -> (n)>
func.func @mlp(%x: tensor<32x64xf16>, %w0: tensor<64x128xf16>, %b0: tensor<128xf32>, %w1: tensor<128x128xf16>, %b1: tensor<128xf32>, %w2: tensor<128x32xf16>, %b2: tensor<32xf32>)
    -> tensor<32x32xf32> {
  %zero = arith.constant 0.0 : f32
  // Layer 0: [32 x 64] * [64 x 128], bias, ReLU.
  %e0 = tensor.empty() : tensor<32x128xf32>
  %z0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %mm0 = linalg.generic {indexing_maps = [#mk, #kn, #mn],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w0 : tensor<32x64xf16>, tensor<64x128xf16>) outs(%z0 : tensor<32x128xf32>) {
  ^bb0(%a: f16, %b: f16, %o: f32):
    %ae = arith.extf %a : f16 to f32
    %be = arith.extf %b : f16 to f32
    %p = arith.mulf %ae, %be : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<32x128xf32>
  %h0e = tensor.empty() : tensor<32x128xf16>
  %h0 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm0, %b0 : tensor<32x128xf32>, tensor<128xf32>) outs(%h0e : tensor<32x128xf16>) {
  ^bb0(%v: f32, %bias: f32, %out: f16):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    %t = arith.truncf %r : f32 to f16
    linalg.yield %t : f16
  } -> tensor<32x128xf16>
  // Layer 1: [32 x 128] * [128 x 128], bias, ReLU.
  %e1 = tensor.empty() : tensor<32x128xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<32x128xf32>) -> tensor<32x128xf32>
  %mm1 = linalg.generic {indexing_maps = [#mk, #kn, #mn],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%h0, %w1 : tensor<32x128xf16>, tensor<128x128xf16>) outs(%z1 : tensor<32x128xf32>) {
  ^bb0(%a: f16, %b: f16, %o: f32):
    %ae = arith.extf %a : f16 to f32
    %be = arith.extf %b : f16 to f32
    %p = arith.mulf %ae, %be : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<32x128xf32>
  %h1e = tensor.empty() : tensor<32x128xf16>
  %h1 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm1, %b1 : tensor<32x128xf32>, tensor<128xf32>) outs(%h1e : tensor<32x128xf16>) {
  ^bb0(%v: f32, %bias: f32, %out: f16):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    %t = arith.truncf %r : f32 to f16
    linalg.yield %t : f16
  } -> tensor<32x128xf16>
  // Layer 2: [32 x 128] * [128 x 32], bias, ReLU.
  %e2 = tensor.empty() : tensor<32x32xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<32x32xf32>) -> tensor<32x32xf32>
  %mm2 = linalg.generic {indexing_maps = [#mk, #kn, #mn],
                         iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%h1, %w2 : tensor<32x128xf16>, tensor<128x32xf16>) outs(%z2 : tensor<32x32xf32>) {
  ^bb0(%a: f16, %b: f16, %o: f32):
    %ae = arith.extf %a : f16 to f32
    %be = arith.extf %b : f16 to f32
    %p = arith.mulf %ae, %be : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<32x32xf32>
  %h2e = tensor.empty() : tensor<32x32xf32>
  %h2 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%mm2, %b2 : tensor<32x32xf32>, tensor<32xf32>) outs(%h2e : tensor<32x32xf32>) {
  ^bb0(%v: f32, %bias: f32, %out: f32):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<32x32xf32>
  return %h2 : tensor<32x32xf32>
}

// A [rows, cols] input of the harness's pattern (f16).
func.func @matrix(%rows: index, %cols: index, %seed: index) -> tensor<?x?xf16> {
  %c1 = arith.constant 1 : index
  %t3 = call @input(%c1, %rows, %cols, %seed)
      : (index, index, index, index) -> tensor<?x?x?xf16>
  %t = tensor.collapse_shape %t3 [[0, 1], [2]] : tensor<?x?x?xf16> into tensor<?x?xf16>
  return %t : tensor<?x?xf16>
}

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %bias = arith.constant 0.01 : f32
  %x0 = call @matrix(%c32, %c64, %c1) : (index, index, index) -> tensor<?x?xf16>
  %x = tensor.cast %x0 : tensor<?x?xf16> to tensor<32x64xf16>
  %cs0 = arith.constant 2 : index
  %w00 = call @matrix(%c64, %c128, %cs0) : (index, index, index) -> tensor<?x?xf16>
  %w0 = tensor.cast %w00 : tensor<?x?xf16> to tensor<64x128xf16>
  %b0e = tensor.empty() : tensor<128xf32>
  %b0 = linalg.fill ins(%bias : f32) outs(%b0e : tensor<128xf32>) -> tensor<128xf32>
  %cs1 = arith.constant 3 : index
  %w10 = call @matrix(%c128, %c128, %cs1) : (index, index, index) -> tensor<?x?xf16>
  %w1 = tensor.cast %w10 : tensor<?x?xf16> to tensor<128x128xf16>
  %b1e = tensor.empty() : tensor<128xf32>
  %b1 = linalg.fill ins(%bias : f32) outs(%b1e : tensor<128xf32>) -> tensor<128xf32>
  %cs2 = arith.constant 4 : index
  %w20 = call @matrix(%c128, %c32, %cs2) : (index, index, index) -> tensor<?x?xf16>
  %w2 = tensor.cast %w20 : tensor<?x?xf16> to tensor<128x32xf16>
  %b2e = tensor.empty() : tensor<32xf32>
  %b2 = linalg.fill ins(%bias : f32) outs(%b2e : tensor<32xf32>) -> tensor<32xf32>
  %y = call @mlp(%x, %w0, %b0, %w1, %b1, %w2, %b2)
      : (tensor<32x64xf16>, tensor<64x128xf16>, tensor<128xf32>, tensor<128x128xf16>, tensor<128xf32>, tensor<128x32xf16>, tensor<32xf32>) -> tensor<32x32xf32>
  %u = tensor.cast %y : tensor<32x32xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
