// Contractions with several N or K dimensions are matrix products: the
// rewrite transposes each operand to [B..., M, K...], [B..., K..., N...],
// [B..., M, N...], collapses each group into one dimension, and expands the
// result back: batch_reduce_matmul (K = (batch, k)), mmt4d (K = (K1, k0),
// N = (N1, n0), M1 a batch the weights lack), and an einsum with grouped
// output dimensions (a multi-head attention projection, N = (heads,
// head_dim)). Quantized MatMuls are counted and said why they are left.
// RUN: stl-opt %s -split-input-file -verify-diagnostics --stl-replace-matmul=report | FileCheck %s

// CHECK-LABEL: func.func @batch_reduce_matmul
// CHECK-SAME: (%[[A:.*]]: tensor<3x8x16xf32>, %[[B:.*]]: tensor<3x16x8xf32>, %[[C:.*]]: tensor<8x8xf32>)
// CHECK: %[[AT:.*]] = linalg.transpose ins(%[[A]] : tensor<3x8x16xf32>) outs(%{{.*}} : tensor<8x3x16xf32>) permutation = [1, 0, 2]
// CHECK: %[[AC:.*]] = tensor.collapse_shape %[[AT]] {{\[\[}}0], [1, 2]] : tensor<8x3x16xf32> into tensor<8x48xf32>
// CHECK: %[[BC:.*]] = tensor.collapse_shape %[[B]] {{\[\[}}0, 1], [2]] : tensor<3x16x8xf32> into tensor<48x8xf32>
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%[[AC]], %[[BC]] : tensor<8x48xf32>, tensor<48x8xf32>) outs(%[[C]] : tensor<8x8xf32>)
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls: 2352 tile-product multiply-adds instead of 3072 (1.31x fewer)}}
module {
  func.func @batch_reduce_matmul(%a: tensor<3x8x16xf32>, %b: tensor<3x16x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4'}}
    %r = linalg.batch_reduce_matmul ins(%a, %b : tensor<3x8x16xf32>, tensor<3x16x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %r : tensor<8x8xf32>
  }
}

// -----

// CHECK-LABEL: func.func @mmt4d
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%{{.*}}, %{{.*}} : tensor<2x8x12xf32>, tensor<12x40xf32>) outs(%{{.*}} : tensor<2x8x40xf32>)
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1], [2, 3]] output_shape [2, 8, 5, 8] : tensor<2x8x40xf32> into tensor<2x8x5x8xf32>
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x8x5x8xf32>) outs(%{{.*}} : tensor<2x5x8x8xf32>) permutation = [0, 2, 1, 3]
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls}}
module {
  func.func @mmt4d(%a: tensor<2x3x8x4xf32>, %b: tensor<5x3x8x4xf32>, %c: tensor<2x5x8x8xf32>) -> tensor<2x5x8x8xf32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49): 5880 tile-product multiply-adds instead of 7680 (1.31x fewer)}}
    %r = linalg.mmt4d ins(%a, %b : tensor<2x3x8x4xf32>, tensor<5x3x8x4xf32>) outs(%c : tensor<2x5x8x8xf32>) -> tensor<2x5x8x8xf32>
    return %r : tensor<2x5x8x8xf32>
  }
}

// -----

// out[b, s, n, h] += x[b, s, d] * w[d, n, h]: N = (n, h) = 32 columns.
// CHECK-LABEL: func.func @grouped_output
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2]] : tensor<16x4x8xf32> into tensor<16x32xf32>
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%{{.*}}, %{{.*}} : tensor<2x8x16xf32>, tensor<16x32xf32>) outs(%{{.*}} : tensor<2x8x32xf32>)
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls}}
module {
  func.func @grouped_output(%x: tensor<2x8x16xf32>, %w: tensor<16x4x8xf32>, %c: tensor<2x8x4x8xf32>) -> tensor<2x8x4x8xf32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4'}}
    %r = linalg.generic {indexing_maps = [affine_map<(b, s, n, h, d) -> (b, s, d)>, affine_map<(b, s, n, h, d) -> (d, n, h)>, affine_map<(b, s, n, h, d) -> (b, s, n, h)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%x, %w : tensor<2x8x16xf32>, tensor<16x4x8xf32>) outs(%c : tensor<2x8x4x8xf32>) {
    ^bb0(%p: f32, %q: f32, %acc: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %acc, %m : f32
      linalg.yield %s : f32
    } -> tensor<2x8x4x8xf32>
    return %r : tensor<2x8x4x8xf32>
  }
}

// -----

// A matrix-vector product is not a MatMul; the reason says what it is.
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @matvec(%a: tensor<8x8xf32>, %v: tensor<8xf32>) -> tensor<8xf32> {
    // expected-remark @+1 {{not replaced with STL: it has 1 M, 0 N and 1 K dimensions (a matrix product needs at least one of each: this is a matrix-vector, vector-matrix or outer product)}}
    %r = linalg.generic {indexing_maps = [affine_map<(m, k) -> (m, k)>, affine_map<(m, k) -> (k)>, affine_map<(m, k) -> (m)>], iterator_types = ["parallel", "reduction"]} ins(%a, %v : tensor<8x8xf32>, tensor<8xf32>) outs(%v : tensor<8xf32>) {
    ^bb0(%p: f32, %q: f32, %acc: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %acc, %m : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    return %r : tensor<8xf32>
  }
}

// -----

// CHECK-LABEL: func.func @quantized
// CHECK: linalg.quantized_matmul
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @quantized(%a: tensor<8x8xi8>, %b: tensor<8x8xi8>, %za: i32, %zb: i32, %c: tensor<8x8xi32>) -> tensor<8x8xi32> {
    // expected-remark @+1 {{not replaced with STL: it is a quantized MatMul, which subtracts zero points from its operands first; the rewrite takes the MatMul of the shifted operands (an i32 linalg.matmul of (A - zA) and (B - zB)), not this op}}
    %r = linalg.quantized_matmul ins(%a, %b, %za, %zb : tensor<8x8xi8>, tensor<8x8xi8>, i32, i32) outs(%c : tensor<8x8xi32>) -> tensor<8x8xi32>
    return %r : tensor<8x8xi32>
  }
}
