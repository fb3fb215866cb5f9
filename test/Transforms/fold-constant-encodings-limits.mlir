// --stl-fold-constant-encodings=max-folded-elements=N: a constant whose
// encoding, transpose or pad would have more than N elements (and not be a
// splat) is left alone, with a remark; the encoding then runs at run time.
// RUN: stl-opt %s -split-input-file -verify-diagnostics \
// RUN:   --stl-fold-constant-encodings=max-folded-elements=16 | FileCheck %s

// The default bound is 2^26 elements: a splat weight whose encoding is not
// a splat, 7 x 4096 x 4096 elements, is not folded.
// RUN: stl-opt %s --stl-fold-constant-encodings 2>&1 -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: remark: stl-fold-constant-encodings: the encoding of a constant not folded: it would have 117440512 elements, more than max-folded-elements = 67108864; it is computed at run time
// DEFAULT-NOT: : remark:

// The bound must be positive.
// RUN: not stl-opt %s --stl-fold-constant-encodings=max-folded-elements=0 \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: stl-fold-constant-encodings: max-folded-elements must be positive (got 0)
// RUN: not stl-opt %s --stl-fold-constant-encodings=max-folded-elements=-5 \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// NEGATIVE: error: stl-fold-constant-encodings: max-folded-elements must be positive (got -5)

// An encoding of 7 x 2 x 2 = 28 elements: above the bound.
// CHECK-LABEL: func.func @encode_above
// CHECK: stl.encode rhs
func.func @encode_above() -> tensor<7x2x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0],
                             [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]> : tensor<4x4xf32>
  %e = tensor.empty() : tensor<7x2x2xf32>
  // expected-remark @below {{stl-fold-constant-encodings: the encoding of a constant not folded: it would have 28 elements, more than max-folded-elements = 16; it is computed at run time}}
  %we = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<4x4xf32>)
          outs(%e : tensor<7x2x2xf32>) -> tensor<7x2x2xf32>
  return %we : tensor<7x2x2xf32>
}

// -----

// 16 elements (naive-1x1x1 of a 4 x 4 constant): at the bound, folded.
// CHECK-LABEL: func.func @encode_at_bound
// CHECK: arith.constant dense<{{.*}}> : tensor<1x4x4xf32>
// CHECK-NOT: stl.encode
func.func @encode_at_bound() -> tensor<1x4x4xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0],
                             [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]> : tensor<4x4xf32>
  %e = tensor.empty() : tensor<1x4x4xf32>
  %we = stl.encode rhs #stl.scheme<"naive-1x1x1"> ins(%w : tensor<4x4xf32>)
          outs(%e : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %we : tensor<1x4x4xf32>
}

// -----

// A splat whose encoding is a splat (naive-2x2x2 picks one element per
// channel) is folded whatever its size; one whose encoding is not (Strassen:
// sums and differences) is bounded.
// CHECK-LABEL: func.func @splats
// CHECK-DAG: arith.constant dense<2.000000e+00> : tensor<8x4x4xf32>
// CHECK-DAG: stl.encode rhs #stl.scheme<"strassen-2x2x2">
func.func @splats() -> (tensor<8x4x4xf32>, tensor<7x4x4xf32>) {
  %w = arith.constant dense<2.0> : tensor<8x8xf32>
  %e = tensor.empty() : tensor<8x4x4xf32>
  %a = stl.encode rhs #stl.scheme<"naive-2x2x2"> ins(%w : tensor<8x8xf32>)
         outs(%e : tensor<8x4x4xf32>) -> tensor<8x4x4xf32>
  %e2 = tensor.empty() : tensor<7x4x4xf32>
  // expected-remark @below {{the encoding of a constant not folded: it would have 112 elements}}
  %b = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<8x8xf32>)
         outs(%e2 : tensor<7x4x4xf32>) -> tensor<7x4x4xf32>
  return %a, %b : tensor<8x4x4xf32>, tensor<7x4x4xf32>
}

// -----

// A MatMul whose constant operand's encoding is above the bound is not
// decomposed.
// CHECK-LABEL: func.func @matmul_above
// CHECK: stl.matmul
func.func @matmul_above(%x: tensor<2x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0],
                             [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]> : tensor<4x4xf32>
  // expected-remark @below {{stl-fold-constant-encodings: the encoding of the constant rhs not folded: it would have 28 elements, more than max-folded-elements = 16}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<2x4xf32>, tensor<4x4xf32>)
         outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// Transposes and pads: bounded by their results; a transpose of a splat, or
// a pad of a splat with its own value, is a splat.
// CHECK-LABEL: func.func @transpose_and_pad
// CHECK-DAG: linalg.transpose
// CHECK-DAG: tensor.pad
// CHECK-DAG: arith.constant dense<3.000000e+00> : tensor<9x2xf32>
// CHECK-DAG: arith.constant dense<0.000000e+00> : tensor<5x6xf32>
func.func @transpose_and_pad() -> (tensor<6x3xf32>, tensor<5x5xf32>, tensor<9x2xf32>, tensor<5x6xf32>) {
  %a = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
                             [7.0, 8.0, 9.0, 10.0, 11.0, 12.0],
                             [13.0, 14.0, 15.0, 16.0, 17.0, 18.0]]> : tensor<3x6xf32>
  %e = tensor.empty() : tensor<6x3xf32>
  // expected-remark @below {{stl-fold-constant-encodings: the transpose of a constant not folded: it would have 18 elements, more than max-folded-elements = 16}}
  %t = linalg.transpose ins(%a : tensor<3x6xf32>) outs(%e : tensor<6x3xf32>) permutation = [1, 0]
  %b = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]> : tensor<3x3xf32>
  %zero = arith.constant 0.0 : f32
  // expected-remark @below {{stl-fold-constant-encodings: the pad of a constant not folded: it would have 25 elements, more than max-folded-elements = 16}}
  %p = tensor.pad %b low[1, 1] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<3x3xf32> to tensor<5x5xf32>
  %s = arith.constant dense<3.0> : tensor<2x9xf32>
  %e2 = tensor.empty() : tensor<9x2xf32>
  %st = linalg.transpose ins(%s : tensor<2x9xf32>) outs(%e2 : tensor<9x2xf32>) permutation = [1, 0]
  %z = arith.constant dense<0.0> : tensor<3x4xf32>
  %zp = tensor.pad %z low[1, 0] high[1, 2] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<3x4xf32> to tensor<5x6xf32>
  return %t, %p, %st, %zp : tensor<6x3xf32>, tensor<5x5xf32>, tensor<9x2xf32>, tensor<5x6xf32>
}

// -----

// The default bound (the RUN line without the option): a splat 8192 x 8192
// weight, whose Strassen encoding is 7 x 4096 x 4096 values of 3 kinds.
// CHECK-LABEL: func.func @default_bound
// CHECK: stl.encode
func.func @default_bound() -> tensor<7x4096x4096xf32> {
  %w = arith.constant dense<1.0> : tensor<8192x8192xf32>
  %e = tensor.empty() : tensor<7x4096x4096xf32>
  // expected-remark @below {{it would have 117440512 elements}}
  %we = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<8192x8192xf32>)
          outs(%e : tensor<7x4096x4096xf32>) -> tensor<7x4096x4096xf32>
  return %we : tensor<7x4096x4096xf32>
}
