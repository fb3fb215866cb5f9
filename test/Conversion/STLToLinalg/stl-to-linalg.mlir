// --convert-stl-to-linalg: each stl op becomes one target-neutral
// linalg.generic contraction on the tiled views of the matrices
// (coefficients x tiled operand into the zero-filled destination for an
// encoding, coefficients x products accumulated into the destination's tiles
// for a decoding), with the scheme's coefficients as constants; static and
// dynamic sizes alike.
// RUN: stl-opt %s --convert-stl-to-linalg | FileCheck %s
// RUN: stl-opt %s --convert-stl-to-linalg | FileCheck %s --check-prefix=NOSTL --implicit-check-not=stl.

// NOSTL: func.func @encode_lhs

// Indexing maps (printed first): encode lhs, encode rhs (batched), tile
// product (shared weights), decode.
// CHECK-DAG: #[[EC_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d3, d4)>
// CHECK-DAG: #[[EX_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d3, d2, d4)>
// CHECK-DAG: #[[EO_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2)>
// CHECK-DAG: #[[BC_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d4, d5)>
// CHECK-DAG: #[[BX_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d2, d4, d3, d5)>
// CHECK-DAG: #[[BO_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[A_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[B_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d4, d3)>
// CHECK-DAG: #[[C_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[D_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d3, d4)>
// CHECK-DAG: #[[CE_MAP:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d4, d0, d2)>

// CHECK-LABEL: func.func @encode_lhs
// CHECK-SAME: (%[[X:.*]]: tensor<8x6xf32>, %[[E:.*]]: tensor<7x4x3xf32>)
// U as r x m x k (Strassen's products; each a tile of coefficients):
// CHECK: %[[U:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00]], {{\[\[}}0.000000e+00, 0.000000e+00], [1.000000e+00, 1.000000e+00]], {{.*}}> : tensor<7x2x2xf32>
// The operand seen as tiles, x[G1, a, G2, b]:
// CHECK: %[[XT:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1], [2, 3]] output_shape [4, 2, 3, 2] : tensor<8x6xf32> into tensor<4x2x3x2xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<7x4x3xf32>)
// One contraction out[rho, G1, G2] = U[rho, a, b] * x[G1, a, G2, b], over
// the tile's (a, b), straight into the destination:
// CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[EC_MAP]], #[[EX_MAP]], #[[EO_MAP]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[U]], %[[XT]] : tensor<7x2x2xf32>, tensor<4x2x3x2xf32>) outs(%[[INIT]] : tensor<7x4x3xf32>)
// CHECK: ^bb0(%[[C:.*]]: f32, %[[V:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK:   %[[PR:.*]] = arith.mulf %[[C]], %[[V]] : f32
// CHECK:   %[[S:.*]] = arith.addf %[[ACC]], %[[PR]] : f32
// CHECK:   linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @encode_lhs(%x: tensor<8x6xf32>, %e: tensor<7x4x3xf32>) -> tensor<7x4x3xf32> {
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<8x6xf32>) outs(%e : tensor<7x4x3xf32>) -> tensor<7x4x3xf32>
  return %r : tensor<7x4x3xf32>
}

// Right operand, batch dimension, and encoding f16 data into f32: V is
// [r, k, n]; the input is extended in the body.
// CHECK-LABEL: func.func @encode_rhs_batched_widening
// CHECK: %[[V:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 0.000000e+00]], {{\[\[}}0.000000e+00, 1.000000e+00]]]> : tensor<2x1x2xf32>
// CHECK: %[[WT:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3, 4]] output_shape [5, 6, 1, 2, 2] : tensor<5x6x4xf16> into tensor<5x6x1x2x2xf16>
// CHECK: %[[INIT:.*]] = linalg.fill {{.*}} -> tensor<5x2x6x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[BC_MAP]], #[[BX_MAP]], #[[BO_MAP]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[V]], %[[WT]] : tensor<2x1x2xf32>, tensor<5x6x1x2x2xf16>) outs(%[[INIT]] : tensor<5x2x6x2xf32>)
// CHECK: ^bb0(%[[C:.*]]: f32, %[[IN:.*]]: f16, %{{.*}}: f32):
// CHECK:   %[[EXT:.*]] = arith.extf %[[IN]] : f16 to f32
// CHECK:   arith.mulf %[[C]], %[[EXT]] : f32
func.func @encode_rhs_batched_widening(%w: tensor<5x6x4xf16>, %e: tensor<5x2x6x2xf32>) -> tensor<5x2x6x2xf32> {
  %r = stl.encode rhs #stl.scheme<"naive-1x1x2"> ins(%w : tensor<5x6x4xf16>) outs(%e : tensor<5x2x6x2xf32>) -> tensor<5x2x6x2xf32>
  return %r : tensor<5x2x6x2xf32>
}

// The tile product is a MatMul batched over the channels, accumulating into
// the destination; weights shared by every batch have no batch dimension in
// their map; f16 operands are extended to the f32 accumulator.
// CHECK-LABEL: func.func @product_shared_weights
// CHECK-SAME: (%[[A:.*]]: tensor<5x7x4x3xf16>, %[[B:.*]]: tensor<7x3x2xf16>, %[[ACC:.*]]: tensor<5x7x4x2xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[A_MAP]], #[[B_MAP]], #[[C_MAP]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] : tensor<5x7x4x3xf16>, tensor<7x3x2xf16>) outs(%[[ACC]] : tensor<5x7x4x2xf32>)
// CHECK: ^bb0(%[[L:.*]]: f16, %[[R:.*]]: f16, %[[O:.*]]: f32):
// CHECK:   %[[LE:.*]] = arith.extf %[[L]] : f16 to f32
// CHECK:   %[[RE:.*]] = arith.extf %[[R]] : f16 to f32
// CHECK:   %[[P:.*]] = arith.mulf %[[LE]], %[[RE]] : f32
// CHECK:   arith.addf %[[O]], %[[P]] : f32
func.func @product_shared_weights(%a: tensor<5x7x4x3xf16>, %b: tensor<7x3x2xf16>, %c: tensor<5x7x4x2xf32>) -> tensor<5x7x4x2xf32> {
  %r = stl.tile_product ins(%a, %b : tensor<5x7x4x3xf16>, tensor<7x3x2xf16>) outs(%c : tensor<5x7x4x2xf32>) -> tensor<5x7x4x2xf32>
  return %r : tensor<5x7x4x2xf32>
}

// Decode accumulates D * Ce into the destination seen as tiles, then
// collapses it back; D is [m, n, r]: out[I, a, J, c] += D[a, c, rho] *
// Ce[rho, I, J].
// CHECK-LABEL: func.func @decode_static
// CHECK-SAME: (%[[CE:.*]]: tensor<7x4x3xf32>, %[[DEST:.*]]: tensor<8x6xf32>)
// CHECK: %[[D:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00, -1.000000e+00, 0.000000e+00, 1.000000e+00], {{.*}}> : tensor<2x2x7xf32>
// CHECK: %[[DT:.*]] = tensor.expand_shape %[[DEST]] {{\[\[}}0, 1], [2, 3]] output_shape [4, 2, 3, 2] : tensor<8x6xf32> into tensor<4x2x3x2xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[D_MAP]], #[[CE_MAP]], #[[C_MAP]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[D]], %[[CE]] : tensor<2x2x7xf32>, tensor<7x4x3xf32>) outs(%[[DT]] : tensor<4x2x3x2xf32>)
// CHECK: ^bb0(%[[DV:.*]]: f32, %[[PV:.*]]: f32, %[[OV:.*]]: f32):
// CHECK:   %[[P:.*]] = arith.mulf %[[DV]], %[[PV]] : f32
// CHECK:   arith.addf %[[OV]], %[[P]] : f32
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[SUM]] {{\[\[}}0, 1], [2, 3]] : tensor<4x2x3x2xf32> into tensor<8x6xf32>
// CHECK: return %[[R]]
func.func @decode_static(%ce: tensor<7x4x3xf32>, %c: tensor<8x6xf32>) -> tensor<8x6xf32> {
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<7x4x3xf32>) outs(%c : tensor<8x6xf32>) -> tensor<8x6xf32>
  return %r : tensor<8x6xf32>
}

// The same with dynamic sizes: the grid sizes are computed at run time.
// CHECK-LABEL: func.func @decode_dynamic
// CHECK-SAME: (%[[CE:.*]]: tensor<7x?x3xf32>, %[[DEST:.*]]: tensor<?x6xf32>)
// CHECK: %[[D:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00, -1.000000e+00, 0.000000e+00, 1.000000e+00], {{.*}}> : tensor<2x2x7xf32>
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[M:.*]] = tensor.dim %[[DEST]], %[[C0]] : tensor<?x6xf32>
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[GM:.*]] = arith.divui %[[M]], %[[C2]] : index
// CHECK: %[[DT:.*]] = tensor.expand_shape %[[DEST]] {{\[\[}}0, 1], [2, 3]] output_shape [%[[GM]], 2, 3, 2] : tensor<?x6xf32> into tensor<?x2x3x2xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[D_MAP]], #[[CE_MAP]], #[[C_MAP]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[D]], %[[CE]] : tensor<2x2x7xf32>, tensor<7x?x3xf32>) outs(%[[DT]] : tensor<?x2x3x2xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[SUM]] {{\[\[}}0, 1], [2, 3]] : tensor<?x2x3x2xf32> into tensor<?x6xf32>
// CHECK: return %[[R]]
func.func @decode_dynamic(%ce: tensor<7x?x3xf32>, %c: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<7x?x3xf32>) outs(%c : tensor<?x6xf32>) -> tensor<?x6xf32>
  return %r : tensor<?x6xf32>
}

// The composite op is decomposed on the way.
// CHECK-LABEL: func.func @matmul
// CHECK-NOT: stl.
// CHECK-COUNT-4: linalg.generic
// CHECK-NOT: linalg.generic
// CHECK: tensor.collapse_shape
// CHECK: return
func.func @matmul(%x: tensor<8x8xf64>, %w: tensor<8x8xf64>, %c: tensor<8x8xf64>) -> tensor<8x8xf64> {
  %r = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%x, %w : tensor<8x8xf64>, tensor<8x8xf64>) outs(%c : tensor<8x8xf64>) -> tensor<8x8xf64>
  return %r : tensor<8x8xf64>
}
