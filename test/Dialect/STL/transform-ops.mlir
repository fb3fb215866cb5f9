// transform.stl.replace_matmul and transform.stl.decompose on handles: the
// script picks the MLP's second MatMul only; the handles the ops return
// point at the stl.matmul, then at the encodes, the tile product and the
// decode.
// RUN: stl-opt %s --transform-interpreter --split-input-file -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @mlp
// CHECK:       %[[H:.*]] = linalg.matmul
// CHECK:       %[[XE:.*]] = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%[[H]]
// CHECK:       stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%arg2
// CHECK:       stl.tile_product
// CHECK:       stl.decode #stl.scheme<"strassen-2x2x2">
// CHECK:       return
func.func @mlp(%x: tensor<64x64xf32>, %w1: tensor<64x64xf32>, %w2: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %h = linalg.matmul ins(%x, %w1 : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  // expected-remark @below {{the stl.matmul}}
  // expected-remark @below {{encode lhs}}
  // expected-remark @below {{encode rhs}}
  // expected-remark @below {{tile product}}
  // expected-remark @below {{decode}}
  %y = linalg.matmul ins(%h, %w2 : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %y : tensor<64x64xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %mms = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    %first, %second = transform.split_handle %mms : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %s = transform.stl.replace_matmul %second {scheme = "strassen-2x2x2"} : (!transform.any_op) -> !transform.any_op
    transform.debug.emit_remark_at %s, "the stl.matmul" : !transform.any_op
    %el, %er, %p, %d = transform.stl.decompose %s : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.debug.emit_remark_at %el, "encode lhs" : !transform.any_op
    transform.debug.emit_remark_at %er, "encode rhs" : !transform.any_op
    transform.debug.emit_remark_at %p, "tile product" : !transform.any_op
    transform.debug.emit_remark_at %d, "decode" : !transform.any_op
    transform.yield
  }
}

// -----

// pad (sizes the tile does not divide), an #stl.scheme, an approximate one
// with allow_approximate.
// CHECK-LABEL: func.func @options
// CHECK:       tensor.pad
// CHECK:       stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%{{.*}}, %{{.*}} : tensor<32x32xf32>, tensor<32x32xf32>)
// CHECK:       tensor.extract_slice
// CHECK:       stl.matmul #stl_half
func.func @options(%a: tensor<30x32xf32>, %b: tensor<32x32xf32>, %c: tensor<30x32xf32>,
                   %d: tensor<8x8xf32>, %e: tensor<8x8xf32>, %f: tensor<8x8xf32>) -> (tensor<30x32xf32>, tensor<8x8xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<30x32xf32>, tensor<32x32xf32>) outs(%c : tensor<30x32xf32>) -> tensor<30x32xf32>
  %1 = linalg.matmul ins(%d, %e : tensor<8x8xf32>, tensor<8x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0, %1 : tensor<30x32xf32>, tensor<8x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %mms = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    %first, %second = transform.split_handle %mms : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %s = transform.stl.replace_matmul %first {scheme = #stl.scheme<"strassen-4x4x4">, pad} : (!transform.any_op) -> !transform.any_op
    %t = transform.stl.replace_matmul %second {scheme = #stl.scheme<name = "half", tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[1]], out = [[0.5]]>, allow_approximate} : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}

// -----

// transform.stl.fold_constant_encodings and transform.stl.lower_to_linalg
// on a function: the constant weight is encoded at compile time (no
// stl.encode rhs is left), then every stl op becomes linalg.
// CHECK-LABEL: func.func @constant_weight
// CHECK-NOT:   stl.
// CHECK:       arith.constant dense<{{.*}}> : tensor<7x4x4xf32>
// CHECK-NOT:   stl.
// CHECK:       linalg.generic
// CHECK-NOT:   stl.
// CHECK:       return
func.func @constant_weight(%x: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %w = arith.constant dense<1.0> : tensor<8x8xf32>
  %r = linalg.matmul ins(%x, %w : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %m = transform.structured.match ops{["linalg.matmul"]} in %root : (!transform.any_op) -> !transform.any_op
    %s = transform.stl.replace_matmul %m {scheme = "strassen-2x2x2"} : (!transform.any_op) -> !transform.any_op
    %f = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    %folded = transform.stl.fold_constant_encodings %f : (!transform.any_op) -> !transform.any_op
    %lowered = transform.stl.lower_to_linalg %folded : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}
