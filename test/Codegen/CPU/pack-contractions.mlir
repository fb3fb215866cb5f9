// --stl-cpu-pack-contractions: MatMul-like contractions on tensors that the
// CPU vector strategy would take but for their layout become row-major ones
// (N innermost in the destination and the rhs, K innermost in the lhs, a
// short innermost K merged with the K loops around it, no reshaped
// destination); the rest is left alone, with the reason as a remark.
// RUN: stl-opt %s --stl-cpu-pack-contractions=report --verify-diagnostics \
// RUN:   | FileCheck %s

// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[T2:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ENC_COPY:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d0 floordiv 2, d3, d0 mod 2)>
// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[COEFS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d4)>
// CHECK-DAG: #[[ENC_X:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d1, d2, d3)>
// CHECK-DAG: #[[ENC_OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d0, d2, d3)>
// CHECK-DAG: #[[DEC_P:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d2, d3)>
// CHECK-DAG: #[[DEC_Q:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[DEC_ADD:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d2 * 2 + d4, d0, d1, d3)>
// CHECK-DAG: #[[ID5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

#lhs = affine_map<(m, n, k) -> (m, k)>
#lhsT = affine_map<(m, n, k) -> (k, m)>
#rhs = affine_map<(m, n, k) -> (k, n)>
#rhsT = affine_map<(m, n, k) -> (n, k)>
#out = affine_map<(m, n, k) -> (m, n)>
#outT = affine_map<(m, n, k) -> (n, m)>

// An encoding as --convert-stl-to-linalg emits it (strassen-2x2x2's U, a
// batch of 3): out[B, rho, G1, G2] = U[rho, a, b] * x[B, G1, a, G2, b]. K is
// the tile's (a, b), innermost in neither input's layout: the loops become
// q = 2 * a + b, the coefficients are collapsed (a constant: folded) and the
// operand is copied so that each tile is a column, x'[q, B, G1, G2]; the
// destination is already row-major (G2 innermost).
// CHECK-LABEL: func.func @encode
// CHECK-SAME: (%[[X:.*]]: tensor<3x4x2x3x2xf32>, %[[E:.*]]: tensor<3x7x4x3xf32>)
// CHECK: %[[U:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00], {{.*}}> : tensor<7x4xf32>
// CHECK: %[[CE:.*]] = tensor.empty() : tensor<4x3x4x3xf32>
// CHECK: %[[COLS:.*]] = linalg.generic {indexing_maps = [#[[ENC_COPY]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<3x4x2x3x2xf32>) outs(%[[CE]] : tensor<4x3x4x3xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:   linalg.yield %[[IN]] : f32
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[COEFS]], #[[ENC_X]], #[[ENC_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[U]], %[[COLS]] : tensor<7x4xf32>, tensor<4x3x4x3xf32>) outs(%[[E]] : tensor<3x7x4x3xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: return %[[R]]
func.func @encode(%x: tensor<3x4x2x3x2xf32>, %e: tensor<3x7x4x3xf32>) -> tensor<3x7x4x3xf32> {
  %u = arith.constant dense<[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [1.0, 1.0]], [[1.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [0.0, 0.0]], [[-1.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [0.0, -1.0]]]> : tensor<7x2x2xf32>
  // expected-remark @below {{stl-cpu-pack-contractions: packed: lhs collapsed, rhs packed, destination kept; K loops 2x2 merged}}
  %r = linalg.generic {indexing_maps = [affine_map<(b, rho, g1, g2, i, j) -> (rho, i, j)>, affine_map<(b, rho, g1, g2, i, j) -> (b, g1, i, g2, j)>, affine_map<(b, rho, g1, g2, i, j) -> (b, rho, g1, g2)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%u, %x : tensor<7x2x2xf32>, tensor<3x4x2x3x2xf32>) outs(%e : tensor<3x7x4x3xf32>) {
  ^bb0(%c: f32, %v: f32, %acc: f32):
    %p = arith.mulf %c, %v : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<3x7x4x3xf32>
  return %r : tensor<3x7x4x3xf32>
}

// A decoding as --convert-stl-to-linalg emits it (D of strassen-2x2x2, a
// batch of 3): out[B, I, a, J, c] += D[a, c, rho] * p[B, rho, I, J] into the
// destination's tiles (a reshaped view, with the M loop c innermost). The
// products go into a fresh zero-filled q[(a, c), B, I, J] (M loops merged,
// the coefficients collapsed), which is then added to the tiles, read at
// q[2 * a + c, B, I, J].
// CHECK-LABEL: func.func @decode
// CHECK-SAME: (%[[P:.*]]: tensor<3x7x4x3xf32>, %[[C:.*]]: tensor<3x8x6xf32>)
// CHECK: %[[CT:.*]] = tensor.expand_shape %[[C]]
// CHECK: %[[D:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00, -1.000000e+00, 0.000000e+00, 1.000000e+00], {{.*}}> : tensor<4x7xf32>
// CHECK: %[[QE:.*]] = tensor.empty() : tensor<4x3x4x3xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[Q0:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[QE]] : tensor<4x3x4x3xf32>)
// CHECK: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[COEFS]], #[[DEC_P]], #[[DEC_Q]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[D]], %[[P]] : tensor<4x7xf32>, tensor<3x7x4x3xf32>) outs(%[[Q0]] : tensor<4x3x4x3xf32>)
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[DEC_ADD]], #[[ID5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[Q]] : tensor<4x3x4x3xf32>) outs(%[[CT]] : tensor<3x4x2x3x2xf32>)
// CHECK-NEXT: ^bb0(%[[QV:.*]]: f32, %[[OV:.*]]: f32):
// CHECK-NEXT:   %[[S:.*]] = arith.addf %[[OV]], %[[QV]] : f32
// CHECK-NEXT:   linalg.yield %[[S]] : f32
// CHECK: tensor.collapse_shape %[[SUM]]
func.func @decode(%p: tensor<3x7x4x3xf32>, %c: tensor<3x8x6xf32>) -> tensor<3x8x6xf32> {
  %ct = tensor.expand_shape %c [[0], [1, 2], [3, 4]] output_shape [3, 4, 2, 3, 2] : tensor<3x8x6xf32> into tensor<3x4x2x3x2xf32>
  %d = arith.constant dense<[[[1.0, 0.0, 0.0, 1.0, -1.0, 0.0, 1.0], [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0], [1.0, -1.0, 1.0, 0.0, 0.0, 1.0, 0.0]]]> : tensor<2x2x7xf32>
  // expected-remark @below {{stl-cpu-pack-contractions: packed: lhs collapsed, rhs kept, destination replaced (a reshaped view); M loops 2x2 merged}}
  %r = linalg.generic {indexing_maps = [affine_map<(b, i, a, j, c, rho) -> (a, c, rho)>, affine_map<(b, i, a, j, c, rho) -> (b, rho, i, j)>, affine_map<(b, i, a, j, c, rho) -> (b, i, a, j, c)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%d, %p : tensor<2x2x7xf32>, tensor<3x7x4x3xf32>) outs(%ct : tensor<3x4x2x3x2xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<3x4x2x3x2xf32>
  %o = tensor.collapse_shape %r [[0], [1, 2], [3, 4]] : tensor<3x4x2x3x2xf32> into tensor<3x8x6xf32>
  return %o : tensor<3x8x6xf32>
}

// A frontend's MatMul with a transposed lhs: the lhs is copied into [M, K].
// CHECK-LABEL: func.func @matmul_transpose_a
// CHECK-SAME: (%[[A:.*]]: tensor<64x32xf32>, %[[B:.*]]: tensor<64x48xf32>, %[[C:.*]]: tensor<32x48xf32>)
// CHECK: %[[AE:.*]] = tensor.empty() : tensor<32x64xf32>
// CHECK: %[[AT:.*]] = linalg.generic {indexing_maps = [#[[T2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[A]] : tensor<64x32xf32>) outs(%[[AE]] : tensor<32x64xf32>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[AT]], %[[B]] : tensor<32x64xf32>, tensor<64x48xf32>) outs(%[[C]] : tensor<32x48xf32>)
// CHECK: return %[[R]]
func.func @matmul_transpose_a(%a: tensor<64x32xf32>, %b: tensor<64x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  // expected-remark @below {{packed: lhs packed, rhs kept, destination kept}}
  %r = linalg.matmul indexing_maps = [#lhsT, #rhs, #out] ins(%a, %b : tensor<64x32xf32>, tensor<64x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// A transposed rhs of f16 into an f32 accumulator: the copy keeps f16, the
// body still extends.
// CHECK-LABEL: func.func @matmul_transpose_b_f16
// CHECK-SAME: (%[[A:.*]]: tensor<32x64xf16>, %[[B:.*]]: tensor<48x64xf16>, %[[C:.*]]: tensor<32x48xf32>)
// CHECK: %[[BE:.*]] = tensor.empty() : tensor<64x48xf16>
// CHECK: %[[BT:.*]] = linalg.generic {indexing_maps = [#[[T2]], #[[ID2]]], {{.*}} ins(%[[B]] : tensor<48x64xf16>) outs(%[[BE]] : tensor<64x48xf16>)
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], {{.*}} ins(%[[A]], %[[BT]] : tensor<32x64xf16>, tensor<64x48xf16>) outs(%[[C]] : tensor<32x48xf32>)
// CHECK: arith.extf
// CHECK: arith.extf
func.func @matmul_transpose_b_f16(%a: tensor<32x64xf16>, %b: tensor<48x64xf16>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  // expected-remark @below {{packed: lhs kept, rhs packed, destination kept}}
  %r = linalg.matmul indexing_maps = [#lhs, #rhsT, #out] ins(%a, %b : tensor<32x64xf16>, tensor<48x64xf16>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// A transposed destination: computed into a fresh zero-filled [M, N] tensor,
// then added to the destination through the transposed map.
// CHECK-LABEL: func.func @transposed_destination
// CHECK-SAME: (%[[A:.*]]: tensor<32x64xf64>, %[[B:.*]]: tensor<64x48xf64>, %[[C:.*]]: tensor<48x32xf64>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<32x48xf64>
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f64) outs(%[[E]] : tensor<32x48xf64>)
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], {{.*}} ins(%[[A]], %[[B]] : tensor<32x64xf64>, tensor<64x48xf64>) outs(%[[Z]] : tensor<32x48xf64>)
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[T2]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[P]] : tensor<32x48xf64>) outs(%[[C]] : tensor<48x32xf64>)
// CHECK: arith.addf
// CHECK: return %[[R]]
func.func @transposed_destination(%a: tensor<32x64xf64>, %b: tensor<64x48xf64>, %c: tensor<48x32xf64>) -> tensor<48x32xf64> {
  // expected-remark @below {{packed: lhs kept, rhs kept, destination replaced (N not innermost)}}
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #outT], iterator_types = ["parallel", "parallel", "reduction"]} ins(%a, %b : tensor<32x64xf64>, tensor<64x48xf64>) outs(%c : tensor<48x32xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  } -> tensor<48x32xf64>
  return %r : tensor<48x32xf64>
}

// Row-major, but the innermost K (8) is short: merged with the K loop
// around it (4 x 8 = 32) through collapses of both inputs, no copy.
// CHECK-LABEL: func.func @split_reduction
// CHECK: %[[A:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2]] : tensor<32x4x8xf32> into tensor<32x32xf32>
// CHECK: %[[B:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1], [2]] : tensor<4x8x48xf32> into tensor<32x48xf32>
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] : tensor<32x32xf32>, tensor<32x48xf32>)
func.func @split_reduction(%a: tensor<32x4x8xf32>, %b: tensor<4x8x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  // expected-remark @below {{packed: lhs collapsed, rhs collapsed, destination kept; K loops 4x8 merged}}
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k1, k2) -> (m, k1, k2)>, affine_map<(m, n, k1, k2) -> (k1, k2, n)>, affine_map<(m, n, k1, k2) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%a, %b : tensor<32x4x8xf32>, tensor<4x8x48xf32>) outs(%c : tensor<32x48xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<32x48xf32>
  return %r : tensor<32x48xf32>
}

// Row-major, but the destination is a view of a reshaped tensor (a batch
// split off a frontend's matrix): computed into a fresh tensor, then added
// into the view.
// CHECK-LABEL: func.func @reshaped_destination
// CHECK: %[[CT:.*]] = tensor.expand_shape
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x16x48xf32>
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<2x16x48xf32>)
// CHECK: %[[P:.*]] = linalg.generic {{.*}} outs(%[[Z]] : tensor<2x16x48xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[P]] : tensor<2x16x48xf32>) outs(%[[CT]] : tensor<2x16x48xf32>)
func.func @reshaped_destination(%a: tensor<2x16x64xf32>, %b: tensor<2x64x48xf32>, %c: tensor<32x48xf32>) -> tensor<32x48xf32> {
  %ct = tensor.expand_shape %c [[0, 1], [2]] output_shape [2, 16, 48] : tensor<32x48xf32> into tensor<2x16x48xf32>
  // expected-remark @below {{packed: lhs kept, rhs kept, destination replaced (a reshaped view)}}
  %r = linalg.batch_matmul ins(%a, %b : tensor<2x16x64xf32>, tensor<2x64x48xf32>) outs(%ct : tensor<2x16x48xf32>) -> tensor<2x16x48xf32>
  %o = tensor.collapse_shape %r [[0, 1], [2]] : tensor<2x16x48xf32> into tensor<32x48xf32>
  return %o : tensor<32x48xf32>
}

// Left alone: already row-major (a plain MatMul, the STL tile product),
// dynamic sizes, accumulators without vector FMAs in the strategy (i32,
// f16).
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: tensor.empty
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.matmul ins
// CHECK: linalg.generic
// CHECK: linalg.matmul indexing_maps
// CHECK: linalg.matmul indexing_maps
// CHECK: linalg.matmul indexing_maps
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @left_alone(%a: tensor<32x64xf32>, %b: tensor<64x48xf32>, %c: tensor<32x48xf32>,
                      %pa: tensor<7x16x32xf32>, %pb: tensor<7x32x16xf32>, %pc: tensor<7x16x16xf32>,
                      %da: tensor<?x64xf32>, %db: tensor<48x64xf32>, %dc: tensor<?x48xf32>,
                      %ia: tensor<64x32xi32>, %ib: tensor<64x48xi32>, %ic: tensor<32x48xi32>,
                      %ha: tensor<64x32xf16>, %hb: tensor<64x48xf16>, %hc: tensor<32x48xf16>)
    -> (tensor<32x48xf32>, tensor<7x16x16xf32>, tensor<?x48xf32>, tensor<32x48xi32>, tensor<32x48xf16>) {
  // expected-remark @below {{stl-cpu-pack-contractions: left alone: already row-major}}
  %0 = linalg.matmul ins(%a, %b : tensor<32x64xf32>, tensor<64x48xf32>) outs(%c : tensor<32x48xf32>) -> tensor<32x48xf32>
  // expected-remark @below {{left alone: already row-major}}
  %1 = linalg.generic {indexing_maps = [affine_map<(rho, i, j, p) -> (rho, i, p)>, affine_map<(rho, i, j, p) -> (rho, p, j)>, affine_map<(rho, i, j, p) -> (rho, i, j)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%pa, %pb : tensor<7x16x32xf32>, tensor<7x32x16xf32>) outs(%pc : tensor<7x16x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<7x16x16xf32>
  // expected-remark @below {{left alone: dynamic sizes}}
  %2 = linalg.matmul indexing_maps = [#lhs, #rhsT, #out] ins(%da, %db : tensor<?x64xf32>, tensor<48x64xf32>) outs(%dc : tensor<?x48xf32>) -> tensor<?x48xf32>
  // expected-remark @below {{left alone: the accumulator is not f32 or f64}}
  %3 = linalg.matmul indexing_maps = [#lhsT, #rhs, #out] ins(%ia, %ib : tensor<64x32xi32>, tensor<64x48xi32>) outs(%ic : tensor<32x48xi32>) -> tensor<32x48xi32>
  // expected-remark @below {{left alone: the accumulator is not f32 or f64}}
  %4 = linalg.matmul indexing_maps = [#lhsT, #rhs, #out] ins(%ha, %hb : tensor<64x32xf16>, tensor<64x48xf16>) outs(%hc : tensor<32x48xf16>) -> tensor<32x48xf16>
  return %0, %1, %2, %3, %4 : tensor<32x48xf32>, tensor<7x16x16xf32>, tensor<?x48xf32>, tensor<32x48xi32>, tensor<32x48xf16>
}
