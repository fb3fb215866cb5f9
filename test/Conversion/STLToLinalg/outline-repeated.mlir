// --convert-stl-to-linalg on a module: stl ops that occur more than once with
// the same attributes and types (a model's repeated layers) are outlined into
// one private function each, lowered once; an op that occurs once stays
// inline. The function computes into a tensor of its own: a destination
// filled with a scalar is filled there (the scalar is passed), any other is
// passed and copied, stl.encode's only sized.
// RUN: stl-opt %s --convert-stl-to-linalg | FileCheck %s
// Nested under a function the pass cannot add functions: nothing outlined.
// RUN: stl-opt %s --pass-pipeline='builtin.module(func.func(convert-stl-to-linalg))' \
// RUN:   | FileCheck %s --check-prefix=NESTED
// NESTED-NOT: call @__stl_
// NESTED-NOT: func.func private @__stl_

// Three chained layers of one shape: one function, three calls with the
// fill value; a fourth MatMul of another shape stays inline.
// CHECK-LABEL: func.func @layers
// CHECK-SAME: (%[[X:.*]]: tensor<8x8xf32>, %[[W0:.*]]: tensor<8x8xf32>, %[[W1:.*]]: tensor<8x8xf32>, %[[W2:.*]]: tensor<8x8xf32>, %[[V:.*]]: tensor<8x4xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[Y0:.*]] = call @[[MM:__stl_matmul_[0-9]+]](%[[X]], %[[W0]], %[[ZERO]]) : (tensor<8x8xf32>, tensor<8x8xf32>, f32) -> tensor<8x8xf32>
// CHECK: %[[Y1:.*]] = call @[[MM]](%[[Y0]], %[[W1]], %[[ZERO]])
// CHECK: %[[Y2:.*]] = call @[[MM]](%[[Y1]], %[[W2]], %[[ZERO]])
// CHECK-NOT: call
// CHECK: linalg.generic
// CHECK: return
func.func @layers(%x: tensor<8x8xf32>, %w0: tensor<8x8xf32>, %w1: tensor<8x8xf32>,
                  %w2: tensor<8x8xf32>, %v: tensor<8x4xf32>) -> (tensor<8x8xf32>, tensor<8x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %y0 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w0 : tensor<8x8xf32>, tensor<8x8xf32>)
          outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  %y1 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%y0, %w1 : tensor<8x8xf32>, tensor<8x8xf32>)
          outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  %y2 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%y1, %w2 : tensor<8x8xf32>, tensor<8x8xf32>)
          outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e4 = tensor.empty() : tensor<8x4xf32>
  %c4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<8x4xf32>) -> tensor<8x4xf32>
  %u = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%y2, %v : tensor<8x8xf32>, tensor<8x4xf32>)
         outs(%c4 : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %y2, %u : tensor<8x8xf32>, tensor<8x4xf32>
}

// Destinations that are not fills are passed and copied; the same value as
// both operands at one call site and two values at another share the
// function. Two functions with the same ops share it too.
// CHECK-LABEL: func.func @accumulate
// CHECK-SAME: (%[[A:.*]]: tensor<4x4xf64>, %[[B:.*]]: tensor<4x4xf64>, %[[C0:.*]]: tensor<4x4xf64>, %[[C1:.*]]: tensor<4x4xf64>)
// CHECK: %[[R0:.*]] = call @[[ACC:__stl_matmul_[0-9]+]](%[[A]], %[[A]], %[[C0]]) : (tensor<4x4xf64>, tensor<4x4xf64>, tensor<4x4xf64>) -> tensor<4x4xf64>
// CHECK: %[[R1:.*]] = call @[[ACC]](%[[A]], %[[B]], %[[C1]])
// CHECK-LABEL: func.func @accumulate_again
// CHECK: call @[[ACC]](
func.func @accumulate(%a: tensor<4x4xf64>, %b: tensor<4x4xf64>, %c0: tensor<4x4xf64>,
                      %c1: tensor<4x4xf64>) -> (tensor<4x4xf64>, tensor<4x4xf64>) {
  %r0 = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%a, %a : tensor<4x4xf64>, tensor<4x4xf64>)
          outs(%c0 : tensor<4x4xf64>) -> tensor<4x4xf64>
  %r1 = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%a, %b : tensor<4x4xf64>, tensor<4x4xf64>)
          outs(%c1 : tensor<4x4xf64>) -> tensor<4x4xf64>
  return %r0, %r1 : tensor<4x4xf64>, tensor<4x4xf64>
}
func.func @accumulate_again(%a: tensor<4x4xf64>, %c: tensor<4x4xf64>) -> tensor<4x4xf64> {
  %r = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%c, %a : tensor<4x4xf64>, tensor<4x4xf64>)
         outs(%a : tensor<4x4xf64>) -> tensor<4x4xf64>
  return %r : tensor<4x4xf64>
}

// Decomposed ops (as --stl-fold-constant-encodings leaves them), with
// dynamic sizes: the encode's destination is passed for its sizes.
// CHECK-LABEL: func.func @decomposed
// CHECK-COUNT-2: call @[[ENC:__stl_encode_[0-9]+]](%{{.*}}, %{{.*}}) : (tensor<?x?xf32>, tensor<7x?x?xf32>) -> tensor<7x?x?xf32>
func.func @decomposed(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>, %e: tensor<7x?x?xf32>)
    -> (tensor<7x?x?xf32>, tensor<7x?x?xf32>) {
  %a = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<?x?xf32>)
         outs(%e : tensor<7x?x?xf32>) -> tensor<7x?x?xf32>
  %b = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%y : tensor<?x?xf32>)
         outs(%e : tensor<7x?x?xf32>) -> tensor<7x?x?xf32>
  return %a, %b : tensor<7x?x?xf32>, tensor<7x?x?xf32>
}

// The functions, in the order of their first op, after the callers.
// CHECK: func.func private @[[MM]](%[[FX:.*]]: tensor<8x8xf32>, %[[FW:.*]]: tensor<8x8xf32>, %[[FV:.*]]: f32) -> tensor<8x8xf32>
// CHECK: %[[FE:.*]] = tensor.empty() : tensor<8x8xf32>
// CHECK: %[[FC:.*]] = linalg.fill ins(%[[FV]] : f32) outs(%[[FE]] : tensor<8x8xf32>)
// CHECK: linalg.generic
// CHECK: return
// CHECK: func.func private @[[ACC]](%{{.*}}: tensor<4x4xf64>, %{{.*}}: tensor<4x4xf64>, %[[FI:.*]]: tensor<4x4xf64>) -> tensor<4x4xf64>
// CHECK: %[[FE2:.*]] = tensor.empty() : tensor<4x4xf64>
// CHECK: linalg.copy ins(%[[FI]] : tensor<4x4xf64>) outs(%[[FE2]] : tensor<4x4xf64>)
// CHECK: func.func private @[[ENC]](%{{.*}}: tensor<?x?xf32>, %[[FD:.*]]: tensor<7x?x?xf32>) -> tensor<7x?x?xf32>
// CHECK: tensor.dim %[[FD]], %{{.*}} : tensor<7x?x?xf32>
// CHECK: tensor.dim %[[FD]], %{{.*}} : tensor<7x?x?xf32>
// CHECK: tensor.empty(%{{.*}}, %{{.*}}) : tensor<7x?x?xf32>
