// Two MatMuls sharing their weights (see scheme-alias.mlir).
func.func @two(%x: tensor<64x64xf32>, %w: tensor<64x64xf32>,
               %c: tensor<64x64xf32>, %y: tensor<32x64xf32>,
               %d: tensor<32x64xf32>)
    -> (tensor<64x64xf32>, tensor<32x64xf32>) {
  %r = linalg.matmul ins(%x, %w : tensor<64x64xf32>, tensor<64x64xf32>)
                     outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %s = linalg.matmul ins(%y, %w : tensor<32x64xf32>, tensor<64x64xf32>)
                     outs(%d : tensor<32x64xf32>) -> tensor<32x64xf32>
  return %r, %s : tensor<64x64xf32>, tensor<32x64xf32>
}
