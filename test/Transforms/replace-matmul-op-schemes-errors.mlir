// An op's stl.scheme that names no scheme is an error at the op (and the
// pass fails): an unknown catalog name, a missing scheme file, an attribute
// of another kind.
// RUN: stl-opt %s --split-input-file --stl-replace-matmul -verify-diagnostics

func.func @unknown(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{stl-replace-matmul: the scheme named by the op's 'stl.scheme' attribute: unknown scheme 'strassen-3x3x3'}}
  %0 = linalg.matmul {stl.scheme = "strassen-3x3x3"} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

func.func @missing_file(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{stl-replace-matmul: the scheme named by the op's 'stl.scheme' attribute: cannot read scheme file 'no/such/scheme.json'}}
  %0 = linalg.matmul {stl.scheme = "no/such/scheme.json"} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}

// -----

func.func @not_a_name(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{stl-replace-matmul: the scheme named by the op's 'stl.scheme' attribute: expected a string (a catalog scheme's name or a scheme file's path) or an #stl.scheme, not 7 : i64}}
  %0 = linalg.matmul {stl.scheme = 7} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}
