// Crashes MLIR 22's own parser (mlir-opt too): linalg.transpose with
// `permutation =` and no array, or an array that does not parse (`[1, 0g`)
// (found by stl-opt-fuzzer; linalg.broadcast's `dimensions =` likewise). Not
// a bug of this project; stl-opt-fuzzer skips such inputs
// (hitsKnownUpstreamBug).
//   /usr/lib/llvm-22/bin/mlir-opt utils/fuzz/upstream/linalg-transpose-missing-permutation.mlir
func.func @t(%w: tensor<2x3xf32>, %e: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %t = linalg.transpose ins(%w : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) permutation =
