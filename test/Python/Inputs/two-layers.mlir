// Two MatMuls, each naming its own fitted scheme (per-layer-schemes.test
// replaces @DIR@ by the folder of the fitted files).
func.func @two_layers(%x: tensor<16x32xf32>, %w1: tensor<32x24xf32>, %w2: tensor<24x8xf32>,
                      %c1: tensor<16x24xf32>, %c2: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %h = linalg.matmul {stl.scheme = "@DIR@/layer1.json"} ins(%x, %w1 : tensor<16x32xf32>, tensor<32x24xf32>) outs(%c1 : tensor<16x24xf32>) -> tensor<16x24xf32>
  %y = linalg.matmul {stl.scheme = "@DIR@/layer2.json"} ins(%h, %w2 : tensor<16x24xf32>, tensor<24x8xf32>) outs(%c2 : tensor<16x8xf32>) -> tensor<16x8xf32>
  return %y : tensor<16x8xf32>
}
