// --stl-fold-constant-encodings in every float type: the constant is read
// in its own type (dense or dense_resource), rounded to the type the run
// time sums in (the encoded type; f32 for f16 / bf16 encodings, which are
// summed in f32 and rounded once), the coefficients rounded to that type as
// the lowering (convert-stl-to-linalg) rounds them, the sum in double and
// rounded once to the encoded type. (test/Integration/CPU/fold-constant-encodings.mlir runs the
// same encodings folded and at run time and compares them.)
// RUN: stl-opt %s --stl-fold-constant-encodings | FileCheck %s

// A dense_resource weight: Strassen's V on [[1, 2], [3, 4]].
// CHECK-LABEL: func.func @resource
// CHECK: arith.constant dense<{{\[\[\[}}5.000000e+00]], {{\[\[}}1.000000e+00]], {{\[\[}}-2.000000e+00]], {{\[\[}}2.000000e+00]], {{\[\[}}4.000000e+00]], {{\[\[}}3.000000e+00]], {{\[\[}}7.000000e+00]]]> : tensor<7x1x1xf32>
// CHECK-NOT: stl.encode
func.func @resource() -> tensor<7x1x1xf32> {
  %w = arith.constant dense_resource<weights> : tensor<2x2xf32>
  %e = tensor.empty() : tensor<7x1x1xf32>
  %we = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<2x2xf32>)
          outs(%e : tensor<7x1x1xf32>) -> tensor<7x1x1xf32>
  return %we : tensor<7x1x1xf32>
}

// A bf16 encoding is summed in f32: the coefficient 0.1 is rounded to f32
// (0.100000001), not to bf16 (0.10009765625), so 9 and 13 encode to
// 0.8984375 and 1.296875 (with the bf16 coefficient they would be
// 0.90234375 and 1.3046875).
// CHECK-LABEL: func.func @bf16_coefficients
// CHECK: arith.constant dense<{{\[\[\[}}8.984370e-01, 1.296880e+00]]]> : tensor<1x1x2xbf16>
func.func @bf16_coefficients() -> tensor<1x1x2xbf16> {
  %w = arith.constant dense<[[9.0, 13.0]]> : tensor<1x2xbf16>
  %e = tensor.empty() : tensor<1x1x2xbf16>
  %we = stl.encode rhs #stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[0.1]], out = [[10]]>
          ins(%w : tensor<1x2xbf16>) outs(%e : tensor<1x1x2xbf16>) -> tensor<1x1x2xbf16>
  return %we : tensor<1x1x2xbf16>
}

// Likewise in f16: 3 and 7 encode to 0.300048828125 and 0.7001953125 (with
// 0.1 rounded to f16, 0.0999755859375, they would be 0.2998046875 and
// 0.69970703125).
// CHECK-LABEL: func.func @f16_coefficients
// CHECK: arith.constant dense<{{\[\[\[}}3.000490e-01, 7.001950e-01]]]> : tensor<1x1x2xf16>
func.func @f16_coefficients() -> tensor<1x1x2xf16> {
  %w = arith.constant dense<[[3.0, 7.0]]> : tensor<1x2xf16>
  %e = tensor.empty() : tensor<1x1x2xf16>
  %we = stl.encode rhs #stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[0.1]], out = [[10]]>
          ins(%w : tensor<1x2xf16>) outs(%e : tensor<1x1x2xf16>) -> tensor<1x1x2xf16>
  return %we : tensor<1x1x2xf16>
}

// In f32, 1/3 is 0.3333333432674408: 5 encodes to 1.66666675 (unrounded:
// 1.66666663).
// CHECK-LABEL: func.func @f32_coefficients
// CHECK: arith.constant dense<1.66666675> : tensor<1x1x1xf32>
func.func @f32_coefficients() -> tensor<1x1x1xf32> {
  %w = arith.constant dense<[[5.0]]> : tensor<1x1xf32>
  %e = tensor.empty() : tensor<1x1x1xf32>
  %we = stl.encode rhs #stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[0.3333333333333333]], out = [[3]]>
          ins(%w : tensor<1x1xf32>) outs(%e : tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
  return %we : tensor<1x1x1xf32>
}

// f64, a batch of two left operands: Strassen's U (A11+A22, A21+A22, A11,
// A22, A11+A12, A21-A11, A12-A22) on [[0.1, 0.2], [0.3, 0.4]] and
// [[1, 2], [3, 4]]; the sums are rounded once in f64 (0.3 + 0.4 prints
// as 0.69999999999999996).
// CHECK-LABEL: func.func @f64_batch
// CHECK: arith.constant dense<{{\[\[\[\[}}5.000000e-01]], {{\[\[}}0.69999999999999996]], {{\[\[}}1.000000e-01]], {{\[\[}}4.000000e-01]], {{\[\[}}0.30000000000000004]], {{\[\[}}0.19999999999999998]], {{\[\[}}-2.000000e-01]]], {{\[\[\[}}5.000000e+00]], {{\[\[}}7.000000e+00]], {{\[\[}}1.000000e+00]], {{\[\[}}4.000000e+00]], {{\[\[}}3.000000e+00]], {{\[\[}}2.000000e+00]], {{\[\[}}-2.000000e+00]]]]> : tensor<2x7x1x1xf64>
func.func @f64_batch() -> tensor<2x7x1x1xf64> {
  %x = arith.constant dense<[[[0.1, 0.2], [0.3, 0.4]], [[1.0, 2.0], [3.0, 4.0]]]> : tensor<2x2x2xf64>
  %e = tensor.empty() : tensor<2x7x1x1xf64>
  %xe = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<2x2x2xf64>)
          outs(%e : tensor<2x7x1x1xf64>) -> tensor<2x7x1x1xf64>
  return %xe : tensor<2x7x1x1xf64>
}

// An f32 constant encoded into bf16 is summed in f32 and rounded once:
// W11 + W22 = 1 + 2^-8 + 2^-8 = 1 + 2^-7 exactly (rounding W11 to bf16
// first, a tie to even, would give 1).
// CHECK-LABEL: func.func @narrower_encoding
// CHECK: arith.constant dense<{{\[\[\[}}1.007810e+00]], {{\[\[}}1.000000e+00]], {{\[\[}}-3.906250e-03]], {{\[\[}}-1.000000e+00]], {{\[\[}}3.906250e-03]], {{\[\[}}1.000000e+00]], {{\[\[}}3.906250e-03]]]> : tensor<7x1x1xbf16>
func.func @narrower_encoding() -> tensor<7x1x1xbf16> {
  %w = arith.constant dense<[[1.00390625, 0.0], [0.0, 0.00390625]]> : tensor<2x2xf32>
  %e = tensor.empty() : tensor<7x1x1xbf16>
  %we = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<2x2xf32>)
          outs(%e : tensor<7x1x1xbf16>) -> tensor<7x1x1xbf16>
  return %we : tensor<7x1x1xbf16>
}

// A splat: one value per channel (a splat when all are equal, see
// fold-constant-encodings-limits.mlir), here in f16.
// CHECK-LABEL: func.func @f16_splat
// CHECK: arith.constant dense<{{\[\[\[}}4.000000e+00, 4.000000e+00]], {{\[\[}}2.000000e+00, 2.000000e+00]], {{\[\[}}0.000000e+00, 0.000000e+00]], {{\[\[}}0.000000e+00, 0.000000e+00]], {{\[\[}}2.000000e+00, 2.000000e+00]], {{\[\[}}4.000000e+00, 4.000000e+00]], {{\[\[}}4.000000e+00, 4.000000e+00]]]> : tensor<7x1x2xf16>
func.func @f16_splat() -> tensor<7x1x2xf16> {
  %w = arith.constant dense<2.0> : tensor<2x4xf16>
  %e = tensor.empty() : tensor<7x1x2xf16>
  %we = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<2x4xf16>)
          outs(%e : tensor<7x1x2xf16>) -> tensor<7x1x2xf16>
  return %we : tensor<7x1x2xf16>
}

// Transposes and pads copy the elements in their own type: bf16, with a
// bf16 padding value, and a rank-3 f16 transpose.
// CHECK-LABEL: func.func @bf16_pad_f16_transpose
// CHECK-DAG: arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 1.500000e+00], [3.000000e+00, 4.000000e+00, 1.500000e+00], [1.500000e+00, 1.500000e+00, 1.500000e+00]]> : tensor<3x3xbf16>
// CHECK-DAG: arith.constant dense<{{\[\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]], {{\[\[}}7.000000e+00, 1.000000e+01], [8.000000e+00, 1.100000e+01], [9.000000e+00, 1.200000e+01]]]> : tensor<2x3x2xf16>
// CHECK-NOT: tensor.pad
// CHECK-NOT: linalg.transpose
func.func @bf16_pad_f16_transpose() -> (tensor<3x3xbf16>, tensor<2x3x2xf16>) {
  %a = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xbf16>
  %v = arith.constant 1.5 : bf16
  %p = tensor.pad %a low[0, 0] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %v : bf16
  } : tensor<2x2xbf16> to tensor<3x3xbf16>
  // b[i, j, k]: [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]];
  // permutation [0, 2, 1]: t[i, k, j] = b[i, j, k].
  %b = arith.constant dense<[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]],
                             [[7.0, 8.0, 9.0], [10.0, 11.0, 12.0]]]> : tensor<2x2x3xf16>
  %e = tensor.empty() : tensor<2x3x2xf16>
  %t = linalg.transpose ins(%b : tensor<2x2x3xf16>) outs(%e : tensor<2x3x2xf16>) permutation = [0, 2, 1]
  return %p, %t : tensor<3x3xbf16>, tensor<2x3x2xf16>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x040000000000803f000000400000404000008040"
    }
  }
#-}
