// Exactness is judged on the coefficients as the program holds them (U and V
// rounded to the encoded type, D to the accumulator type), with a tolerance
// of the type (16 units of roundoff, at least 1e-13): a scheme exact in real
// arithmetic but not once rounded is not applied without
// allow-approximate, and coefficients that are not finite in the type are
// never applied.
// RUN: stl-opt %s -verify-diagnostics \
// RUN:   --stl-replace-matmul="scheme-file=%inputs/schemes/precision/cancel-2p24.json report" \
// RUN:   | FileCheck %s --check-prefix=CANCEL
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/precision/overflow-f32.json report" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/precision/overflow-f16.json report narrow-encodings" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=NARROW
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/precision/overflow-f16.json report" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=WIDE
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/precision/residual-9e-10.json report" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=RESIDUAL
// Even with allow-approximate, coefficients that do not fit are refused.
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/precision/overflow-f32.json report allow-approximate" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/precision/cancel-2p24.json report allow-approximate" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=APPROX

// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 3 MatMuls}}
module {
  // CANCEL-LABEL: func.func @f32
  // CANCEL: linalg.matmul
  func.func @f32(%x: tensor<8x8xf32>, %w: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
    // expected-remark @+1 {{not replaced with STL: scheme 'cancel-2p24': it is not exact with its coefficients held in f32 (Brent residual 1, more than 9.53674e-07); the option 'allow-approximate' applies it anyway}}
    %r = linalg.matmul ins(%x, %w : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %r : tensor<8x8xf32>
  }
  // In f64, 2^24 + 1 is held exactly.
  // CANCEL-LABEL: func.func @f64
  // CANCEL: stl.matmul
  func.func @f64(%x: tensor<8x8xf64>, %w: tensor<8x8xf64>, %c: tensor<8x8xf64>) -> tensor<8x8xf64> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'cancel-2p24' (exact, tile 1x1x1, rank 2): 1024 tile-product multiply-adds instead of 512 (0.50x fewer)}}
    %r = linalg.matmul ins(%x, %w : tensor<8x8xf64>, tensor<8x8xf64>) outs(%c : tensor<8x8xf64>) -> tensor<8x8xf64>
    return %r : tensor<8x8xf64>
  }
  // f16 operands and result: encoded and accumulated in f32.
  // CANCEL-LABEL: func.func @f16
  // CANCEL: linalg.matmul
  func.func @f16(%x: tensor<8x8xf16>, %w: tensor<8x8xf16>, %c: tensor<8x8xf16>) -> tensor<8x8xf16> {
    // expected-remark @+1 {{not replaced with STL: scheme 'cancel-2p24': it is not exact with its coefficients held in f32 (Brent residual 1, more than 9.53674e-07); the option 'allow-approximate' applies it anyway}}
    %r = linalg.matmul ins(%x, %w : tensor<8x8xf16>, tensor<8x8xf16>) outs(%c : tensor<8x8xf16>) -> tensor<8x8xf16>
    return %r : tensor<8x8xf16>
  }
}

// OVERFLOW: remark: not replaced with STL: scheme 'overflow-f32': the scheme's 'lhs' coefficients reach 1e+45 in magnitude, which is not finite in f32, the type the encodings are held in
// OVERFLOW: remark: replaced with stl.matmul using scheme 'overflow-f32' (exact
// OVERFLOW: remark: not replaced with STL: scheme 'overflow-f32': the scheme's 'lhs' coefficients reach 1e+45 in magnitude, which is not finite in f32, the type the encodings are held in

// NARROW: remark: replaced with stl.matmul using scheme 'overflow-f16' (exact
// NARROW: remark: replaced with stl.matmul using scheme 'overflow-f16' (exact
// NARROW: remark: not replaced with STL: scheme 'overflow-f16': the scheme's 'lhs' coefficients reach 65536 in magnitude, which is not finite in f16, the type the encodings are held in
// WIDE-COUNT-3: remark: replaced with stl.matmul using scheme 'overflow-f16' (exact

// RESIDUAL: remark: replaced with stl.matmul using scheme 'residual-9e-10' (exact
// RESIDUAL: remark: not replaced with STL: scheme 'residual-9e-10': it is not exact with its coefficients held in f64 (Brent residual 9e-10, more than 1e-13)
// RESIDUAL: remark: replaced with stl.matmul using scheme 'residual-9e-10' (exact

// APPROX: remark: applying the approximate scheme 'cancel-2p24' (Brent residual 1 in f32): the result differs from the MatMul's
// APPROX: remark: replaced with stl.matmul using scheme 'cancel-2p24' (approximate
