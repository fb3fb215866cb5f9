// transform.stl.* on payload they cannot take: silenceable errors naming
// the reason (not a MatMul, an approximate scheme without
// allow_approximate, a tile that does not divide the sizes without pad,
// not an stl.matmul), a definite failure for a scheme that names no scheme,
// and the verifier for a scheme of another kind.
// RUN: stl-opt %s --transform-interpreter --split-input-file -verify-diagnostics

func.func @not_a_matmul(%a: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-note @below {{the payload op}}
  %0 = linalg.transpose ins(%a : tensor<8x8xf32>) outs(%a : tensor<8x8xf32>) permutation = [1, 0]
  return %0 : tensor<8x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %t = transform.structured.match ops{["linalg.transpose"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{not a MatMul --stl-replace-matmul takes}}
    %s = transform.stl.replace_matmul %t {scheme = "strassen-2x2x2"} : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}

// -----

func.func @approximate(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %m = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{scheme 'half' is approximate (it changes what the program computes); add allow_approximate to apply it}}
    %s = transform.stl.replace_matmul %m {scheme = #stl.scheme<name = "half", tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[1]], out = [[0.5]]>} : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}

// -----

func.func @not_divisible(%a: tensor<30x32xf32>, %b: tensor<32x32xf32>, %c: tensor<30x32xf32>) -> tensor<30x32xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<30x32xf32>, tensor<32x32xf32>) outs(%c : tensor<30x32xf32>) -> tensor<30x32xf32>
  return %0 : tensor<30x32xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %m = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{the tile 4x4x4 of scheme 'strassen-4x4x4' does not divide the 30x32x32 MatMul (MxKxN); add pad to pad it}}
    %s = transform.stl.replace_matmul %m {scheme = "strassen-4x4x4"} : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}

// -----

func.func @unknown(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %m = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{unknown scheme 'strassen-3x3x3'}}
    %s = transform.stl.replace_matmul %m {scheme = "strassen-3x3x3"} : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}

// -----

func.func @not_stl(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-note @below {{the payload op}}
  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %m = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{expected an stl.matmul}}
    %a, %b, %c, %d = transform.stl.decompose %m : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %m = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{'scheme' must be a string (a catalog scheme's name or a scheme file's path) or an #stl.scheme}}
    %s = transform.stl.replace_matmul %m {scheme = 7} : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}

// -----

func.func @not_isolated(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %m = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{the payload op must be isolated from above (e.g. a func.func), got 'linalg.matmul'}}
    %l = transform.stl.lower_to_linalg %m : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}
