// A three-layer MLP on a batch of 64 tokens (256 -> 512 -> 512 -> 64), written
// the way ML frontends emit linalg: each layer is a linalg.matmul into a
// zero-filled tensor, then a bias add and ReLU in one linalg.generic. @main
// builds deterministic inputs and weights, runs @mlp and prints the output.
//
// Dense:  stl-opt mlp.mlir --stl-cpu-pipeline | mlir-runner -e main \
//           -entry-point-result=void -shared-libs=<runner utils>
// STL:    stl-opt mlp.mlir --stl-replace-matmul=report \
//           | stl-opt --stl-cpu-pipeline | mlir-runner ...
// utils/run-example.sh does both and compares the outputs.

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#flat = affine_map<(d0) -> (d0)>
func.func @mlp(%x: tensor<64x256xf32>,
               %w0: tensor<256x512xf32>, %b0: tensor<512xf32>,
               %w1: tensor<512x512xf32>, %b1: tensor<512xf32>,
               %w2: tensor<512x64xf32>, %b2: tensor<64xf32>)
    -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  // Layer 0: [64 x 256] * [256 x 512] + bias, ReLU.
  %e0 = tensor.empty() : tensor<64x512xf32>
  %acc0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<64x512xf32>)
      -> tensor<64x512xf32>
  %mm0 = linalg.matmul ins(%x, %w0 : tensor<64x256xf32>, tensor<256x512xf32>)
                      outs(%acc0 : tensor<64x512xf32>) -> tensor<64x512xf32>
  %h0 = linalg.generic {indexing_maps = [#id, #row, #id],
                         iterator_types = ["parallel", "parallel"]}
      ins(%mm0, %b0 : tensor<64x512xf32>, tensor<512xf32>)
      outs(%e0 : tensor<64x512xf32>) {
  ^bb0(%v: f32, %bias: f32, %out: f32):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<64x512xf32>
  // Layer 1: [64 x 512] * [512 x 512] + bias, ReLU.
  %e1 = tensor.empty() : tensor<64x512xf32>
  %acc1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<64x512xf32>)
      -> tensor<64x512xf32>
  %mm1 = linalg.matmul ins(%h0, %w1 : tensor<64x512xf32>, tensor<512x512xf32>)
                      outs(%acc1 : tensor<64x512xf32>) -> tensor<64x512xf32>
  %h1 = linalg.generic {indexing_maps = [#id, #row, #id],
                         iterator_types = ["parallel", "parallel"]}
      ins(%mm1, %b1 : tensor<64x512xf32>, tensor<512xf32>)
      outs(%e1 : tensor<64x512xf32>) {
  ^bb0(%v: f32, %bias: f32, %out: f32):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<64x512xf32>
  // Layer 2: [64 x 512] * [512 x 64] + bias, ReLU.
  %e2 = tensor.empty() : tensor<64x64xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<64x64xf32>)
      -> tensor<64x64xf32>
  %mm2 = linalg.matmul ins(%h1, %w2 : tensor<64x512xf32>, tensor<512x64xf32>)
                      outs(%acc2 : tensor<64x64xf32>) -> tensor<64x64xf32>
  %h2 = linalg.generic {indexing_maps = [#id, #row, #id],
                         iterator_types = ["parallel", "parallel"]}
      ins(%mm2, %b2 : tensor<64x64xf32>, tensor<64xf32>)
      outs(%e2 : tensor<64x64xf32>) {
  ^bb0(%v: f32, %bias: f32, %out: f32):
    %s = arith.addf %v, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<64x64xf32>
  return %h2 : tensor<64x64xf32>
}

// A [size] tensor of values ((i * 7919 + seed * 104729) mod 1021 - 510) * scale.
func.func @pattern(%size: index, %seed: index, %scale: f32) -> tensor<?xf32> {
  %e = tensor.empty(%size) : tensor<?xf32>
  %r = linalg.generic {indexing_maps = [#flat], iterator_types = ["parallel"]}
      outs(%e : tensor<?xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %c7919 = arith.constant 7919 : index
    %c104729 = arith.constant 104729 : index
    %c1021 = arith.constant 1021 : index
    %a = arith.muli %i, %c7919 : index
    %s = arith.muli %seed, %c104729 : index
    %sum = arith.addi %a, %s : index
    %mod = arith.remui %sum, %c1021 : index
    %i64 = arith.index_cast %mod : index to i64
    %f = arith.uitofp %i64 : i64 to f32
    %c510 = arith.constant 510.0 : f32
    %centered = arith.subf %f, %c510 : f32
    %v = arith.mulf %centered, %scale : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

func.func private @printMemrefF32(tensor<*xf32>)
func.func @main() {
  %x_n = arith.constant 16384 : index
  %x_seed = arith.constant 1 : index
  %x_scale = arith.constant 1.0e-3 : f32
  %x_flat = call @pattern(%x_n, %x_seed, %x_scale)
      : (index, index, f32) -> tensor<?xf32>
  %x_static = tensor.cast %x_flat : tensor<?xf32> to tensor<16384xf32>
  %x = tensor.expand_shape %x_static [[0, 1]] output_shape [64, 256]
      : tensor<16384xf32> into tensor<64x256xf32>

  %w0_n = arith.constant 131072 : index
  %w0_seed = arith.constant 2 : index
  %w0_scale = arith.constant 1.225e-04 : f32
  %w0_flat = call @pattern(%w0_n, %w0_seed, %w0_scale)
      : (index, index, f32) -> tensor<?xf32>
  %w0_static = tensor.cast %w0_flat : tensor<?xf32> to tensor<131072xf32>
  %w0 = tensor.expand_shape %w0_static [[0, 1]] output_shape [256, 512]
      : tensor<131072xf32> into tensor<256x512xf32>

  %b0_n = arith.constant 512 : index
  %b0_seed = arith.constant 3 : index
  %b0_scale = arith.constant 1.0e-4 : f32
  %b0_flat = call @pattern(%b0_n, %b0_seed, %b0_scale)
      : (index, index, f32) -> tensor<?xf32>
  %b0 = tensor.cast %b0_flat : tensor<?xf32> to tensor<512xf32>

  %w1_n = arith.constant 262144 : index
  %w1_seed = arith.constant 4 : index
  %w1_scale = arith.constant 8.666e-05 : f32
  %w1_flat = call @pattern(%w1_n, %w1_seed, %w1_scale)
      : (index, index, f32) -> tensor<?xf32>
  %w1_static = tensor.cast %w1_flat : tensor<?xf32> to tensor<262144xf32>
  %w1 = tensor.expand_shape %w1_static [[0, 1]] output_shape [512, 512]
      : tensor<262144xf32> into tensor<512x512xf32>

  %b1_n = arith.constant 512 : index
  %b1_seed = arith.constant 5 : index
  %b1_scale = arith.constant 1.0e-4 : f32
  %b1_flat = call @pattern(%b1_n, %b1_seed, %b1_scale)
      : (index, index, f32) -> tensor<?xf32>
  %b1 = tensor.cast %b1_flat : tensor<?xf32> to tensor<512xf32>

  %w2_n = arith.constant 32768 : index
  %w2_seed = arith.constant 6 : index
  %w2_scale = arith.constant 8.666e-05 : f32
  %w2_flat = call @pattern(%w2_n, %w2_seed, %w2_scale)
      : (index, index, f32) -> tensor<?xf32>
  %w2_static = tensor.cast %w2_flat : tensor<?xf32> to tensor<32768xf32>
  %w2 = tensor.expand_shape %w2_static [[0, 1]] output_shape [512, 64]
      : tensor<32768xf32> into tensor<512x64xf32>

  %b2_n = arith.constant 64 : index
  %b2_seed = arith.constant 7 : index
  %b2_scale = arith.constant 1.0e-4 : f32
  %b2_flat = call @pattern(%b2_n, %b2_seed, %b2_scale)
      : (index, index, f32) -> tensor<?xf32>
  %b2 = tensor.cast %b2_flat : tensor<?xf32> to tensor<64xf32>

  %y = call @mlp(%x, %w0, %b0, %w1, %b1, %w2, %b2)
      : (tensor<64x256xf32>, tensor<256x512xf32>, tensor<512xf32>, tensor<512x512xf32>, tensor<512xf32>, tensor<512x64xf32>, tensor<64xf32>)
      -> tensor<64x64xf32>
  %u = tensor.cast %y : tensor<64x64xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
