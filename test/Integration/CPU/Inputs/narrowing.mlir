// Conversions between f32 and @IN@ (f16 or bf16) for the mixed-precision
// cases (mixed-cases.mlir, tensor-core-cases.mlir), which the tests
// concatenate with harness.mlir and this file.

// %t rounded to @IN@.
func.func @narrow(%t: tensor<?x?x?xf32>) -> tensor<?x?x?x@IN@> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %b = tensor.dim %t, %c0 : tensor<?x?x?xf32>
  %m = tensor.dim %t, %c1 : tensor<?x?x?xf32>
  %n = tensor.dim %t, %c2 : tensor<?x?x?xf32>
  %e = tensor.empty(%b, %m, %n) : tensor<?x?x?x@IN@>
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
      iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%t : tensor<?x?x?xf32>) outs(%e : tensor<?x?x?x@IN@>) {
  ^bb0(%v: f32, %o: @IN@):
    %n16 = arith.truncf %v : f32 to @IN@
    linalg.yield %n16 : @IN@
  } -> tensor<?x?x?x@IN@>
  return %r : tensor<?x?x?x@IN@>
}

// %t extended back to f32 (exact).
func.func @widen(%t: tensor<?x?x?x@IN@>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %b = tensor.dim %t, %c0 : tensor<?x?x?x@IN@>
  %m = tensor.dim %t, %c1 : tensor<?x?x?x@IN@>
  %n = tensor.dim %t, %c2 : tensor<?x?x?x@IN@>
  %e = tensor.empty(%b, %m, %n) : tensor<?x?x?xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
      iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%t : tensor<?x?x?x@IN@>) outs(%e : tensor<?x?x?xf32>) {
  ^bb0(%v: @IN@, %o: f32):
    %w = arith.extf %v : @IN@ to f32
    linalg.yield %w : f32
  } -> tensor<?x?x?xf32>
  return %r : tensor<?x?x?xf32>
}

