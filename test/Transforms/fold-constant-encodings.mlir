// --stl-fold-constant-encodings: constant operands are encoded at compile
// time.
// RUN: stl-opt %s --stl-fold-constant-encodings | FileCheck %s

// Strassen's V on W = [[1, 2], [3, 4]]: W11+W22, W11, W12-W22, W21-W11,
// W22, W11+W12, W21+W22.
// CHECK-LABEL: func.func @constant_weights
// CHECK-DAG: %[[WE:.*]] = arith.constant dense<{{\[\[\[}}5.000000e+00]], {{\[\[}}1.000000e+00]], {{\[\[}}-2.000000e+00]], {{\[\[}}2.000000e+00]], {{\[\[}}4.000000e+00]], {{\[\[}}3.000000e+00]], {{\[\[}}7.000000e+00]]]> : tensor<7x1x1xf32>
// CHECK: %[[XE:.*]] = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%arg0
// CHECK: stl.tile_product ins(%[[XE]], %[[WE]] : tensor<7x3x1xf32>, tensor<7x1x1xf32>)
// CHECK: stl.decode
// CHECK-NOT: stl.encode
func.func @constant_weights(%x: tensor<6x2xf32>, %c: tensor<6x2xf32>) -> tensor<6x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<6x2xf32>, tensor<2x2xf32>)
         outs(%c : tensor<6x2xf32>) -> tensor<6x2xf32>
  return %r : tensor<6x2xf32>
}

// A constant left operand (U of naive-1x2x1 picks each column), in bf16:
// encoded into the destination's f32.
// CHECK-LABEL: func.func @constant_lhs
// CHECK-DAG: arith.constant dense<{{\[\[\[}}1.000000e+00], [3.000000e+00]], {{\[\[}}2.000000e+00], [4.000000e+00]]]> : tensor<2x2x1xf32>
// CHECK: stl.encode rhs
// CHECK-NOT: stl.encode lhs
func.func @constant_lhs(%w: tensor<2x4xbf16>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %x = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xbf16>
  %r = stl.matmul #stl.scheme<"naive-1x2x1"> ins(%x, %w : tensor<2x2xbf16>, tensor<2x4xbf16>)
         outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// With narrow encodings (encoded_type), the encoded constant stays bf16.
// CHECK-LABEL: func.func @constant_lhs_narrow
// CHECK-DAG: arith.constant dense<{{\[\[\[}}1.000000e+00], [2.000000e+00]], {{\[\[}}3.000000e+00], [4.000000e+00]]]> : tensor<2x2x1xbf16>
func.func @constant_lhs_narrow(%w: tensor<2x4xbf16>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %x = arith.constant dense<[[1.0, 3.0], [2.0, 4.0]]> : tensor<2x2xbf16>
  %r = stl.matmul #stl.scheme<"naive-1x2x1"> {encoded_type = bf16} ins(%x, %w : tensor<2x2xbf16>, tensor<2x4xbf16>)
         outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// Transposes and pads of constants (the forms stl-replace-matmul gives
// transposed or padded weights) fold into constants.
// CHECK-LABEL: func.func @transpose_and_pad
// CHECK-DAG: arith.constant dense<{{\[\[}}1.000000e+00, 4.000000e+00, 0.000000e+00], [2.000000e+00, 5.000000e+00, 0.000000e+00], [3.000000e+00, 6.000000e+00, 0.000000e+00], [0.000000e+00, 0.000000e+00, 0.000000e+00]]> : tensor<4x3xf32>
// CHECK-NOT: linalg.transpose
// CHECK-NOT: tensor.pad
func.func @transpose_and_pad() -> tensor<4x3xf32> {
  %wt = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %e = tensor.empty() : tensor<3x2xf32>
  %w = linalg.transpose ins(%wt : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) permutation = [1, 0]
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %w low[0, 0] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<3x2xf32> to tensor<4x3xf32>
  return %p : tensor<4x3xf32>
}

// Nothing to do without constants.
// CHECK-LABEL: func.func @no_constant
// CHECK: stl.matmul
func.func @no_constant(%x: tensor<4x4xf32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %x : tensor<4x4xf32>, tensor<4x4xf32>)
         outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}
