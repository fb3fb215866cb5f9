// --stl-cost-report: the cost model of STL.md section 6 per STL MatMul and
// in total. The expected numbers are written as the formulas.
// RUN: stl-opt %s --stl-cost-report -o /dev/null 2>&1 | FileCheck %s
// RUN: stl-opt %s --stl-cost-report="format=json output=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: stl-opt %s --stl-cost-report=output=- | FileCheck %s --check-prefix=STDOUT
// After decomposition and folding of the constant weights, the same MatMuls
// are found from their tile products.
// RUN: stl-opt %s --stl-fold-constant-encodings --stl-decompose --stl-cost-report \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=DECOMPOSED
// RUN: not stl-opt %s --stl-cost-report=format=xml -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADFORMAT
// RUN: not stl-opt %s --stl-cost-report=output=%t.missing/report.txt -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BADOUTPUT

// CHECK: STL cost report: 3 STL MatMuls

// 2 batches of [64 x 32] * [32 x 16], weights shared; strassen-4x4x4 (r = 49,
// 144 non-zeros in each of U, V, D).
// CHECK: #0 stl.matmul at loc({{.*}}cost-report.mlir":{{[0-9]+}}:{{[0-9]+}})
// CHECK-NEXT: scheme: strassen-4x4x4 (exact, Brent residual 0), tile 4x4x4, rank 49, speedup bound 1.30612x
// CHECK-NEXT: sizes: batch 2, M 64, K 32, N 16, weight batch 1
// 2*64*32*16 = 65536
// CHECK-NEXT: dense multiply-adds: 65536
// 2 * 49 * (64/4)*(32/4)*(16/4) = 50176
// CHECK-NEXT: tile-product multiply-adds: 50176 (1.30612x fewer)
// 2 * 49*64*32 = 200704; sparse 2 * 144 * 16*8 = 36864
// CHECK-NEXT: encode lhs multiply-adds: 200704 (sparse 36864)
// 49*32*16 = 25088; sparse 144 * 8*4 = 4608
// CHECK-NEXT: encode rhs multiply-adds: 25088 (sparse 4608)
// 2 * 49*64*16 = 100352; sparse 2 * 144 * 16*4 = 18432
// CHECK-NEXT: decode multiply-adds: 100352 (sparse 18432)
// 50176 + 200704 + 25088 + 100352 = 376320; sparse 50176+36864+4608+18432 = 110080
// CHECK-NEXT: STL multiply-adds in all: 376320 (sparse 110080; dense / sparse STL = 0.595349)
// 32*16 = 512 -> 49 * 8*4 = 1568
// CHECK-NEXT: stored weight elements: 512 -> 1568
func.func @shared_weights(%x: tensor<2x64x32xf32>, %w: tensor<32x16xf32>,
                          %c: tensor<2x64x16xf32>) -> tensor<2x64x16xf32> {
  %r = stl.matmul #stl.scheme<"strassen-4x4x4">
         ins(%x, %w : tensor<2x64x32xf32>, tensor<32x16xf32>)
         outs(%c : tensor<2x64x16xf32>) -> tensor<2x64x16xf32>
  return %r : tensor<2x64x16xf32>
}

// Constant weights: no run-time encoding of the weights. Strassen's
// 2x2x2 scheme (r = 7; 12 non-zeros in U, V and D) on [8 x 4] * [4 x 2].
// CHECK: #1 stl.matmul
// CHECK-NEXT: scheme: strassen-2x2x2 (exact, Brent residual 0), tile 2x2x2, rank 7, speedup bound 1.14286x
// CHECK-NEXT: sizes: batch 1, M 8, K 4, N 2, weight batch 1, constant weights
// 8*4*2 = 64
// CHECK-NEXT: dense multiply-adds: 64
// 7 * 4*2*1 = 56
// CHECK-NEXT: tile-product multiply-adds: 56 (1.14286x fewer)
// 7*8*4 = 224; sparse 12 * 4*2 = 96
// CHECK-NEXT: encode lhs multiply-adds: 224 (sparse 96)
// CHECK-NEXT: encode rhs multiply-adds: 0 (sparse 0)
// 7*8*2 = 112; sparse 12 * 4*1 = 48
// CHECK-NEXT: decode multiply-adds: 112 (sparse 48)
// CHECK-NEXT: STL multiply-adds in all: 392 (sparse 200; dense / sparse STL = 0.32)
// 4*2 = 8 -> 7 * 2*1 = 14
// CHECK-NEXT: stored weight elements: 8 -> 14
func.func @constant_weights(%x: tensor<8x4xf32>, %c: tensor<8x2xf32>) -> tensor<8x2xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2xf32>
  %r = stl.matmul #stl.scheme<"strassen-2x2x2">
         ins(%x, %w : tensor<8x4xf32>, tensor<4x2xf32>)
         outs(%c : tensor<8x2xf32>) -> tensor<8x2xf32>
  return %r : tensor<8x2xf32>
}

// CHECK: #2 stl.matmul
// CHECK-NEXT: scheme: naive-2x2x2 (exact, Brent residual 0), tile 2x2x2, rank 8, speedup bound 1x
// CHECK-NEXT: sizes: dynamic (not counted)
func.func @dynamic(%x: tensor<?x4xf32>, %w: tensor<4x2xf32>, %c: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %r = stl.matmul #stl.scheme<"naive-2x2x2">
         ins(%x, %w : tensor<?x4xf32>, tensor<4x2xf32>)
         outs(%c : tensor<?x2xf32>) -> tensor<?x2xf32>
  return %r : tensor<?x2xf32>
}

// The totals add the counted MatMuls: 65536 + 64 = 65600, 50176 + 56 =
// 50232, ...
// CHECK: total:
// CHECK-NEXT: dense multiply-adds: 65600
// CHECK-NEXT: tile-product multiply-adds: 50232
// CHECK-NEXT: encode lhs multiply-adds: 200928 (sparse 36960)
// CHECK-NEXT: encode rhs multiply-adds: 25088 (sparse 4608)
// CHECK-NEXT: decode multiply-adds: 100464 (sparse 18480)
// CHECK-NEXT: STL multiply-adds in all: 376712 (sparse 110280;
// CHECK-NEXT: stored weight elements: 520 -> 1582

// JSON: "ops": [
// JSON: "brent_residual": 0,
// JSON: "constant_weights": false,
// JSON: "cost": {
// JSON: "decode_macs": 100352,
// JSON: "decode_macs_sparse": 18432,
// JSON: "dense_macs": 65536,
// JSON: "encode_lhs_macs": 200704,
// JSON: "encode_lhs_macs_sparse": 36864,
// JSON: "encode_rhs_macs": 25088,
// JSON: "encode_rhs_macs_sparse": 4608,
// JSON: "stl_macs": 376320,
// JSON: "stl_macs_sparse": 110080,
// JSON: "stored_weights_dense": 512,
// JSON: "stored_weights_encoded": 1568,
// JSON: "tile_product_macs": 50176
// JSON: "exact": true,
// JSON: "op": "stl.matmul",
// JSON: "rank": 49,
// JSON: "scheme": "strassen-4x4x4",
// JSON: "sizes": {
// JSON: "batch": 2,
// JSON: "speedup_bound": 1.306122448979
// JSON: "total": {
// JSON: "dense_macs": 65600,

// STDOUT: STL cost report: 3 STL MatMuls
// STDOUT: func.func @shared_weights

// DECOMPOSED: STL cost report: 3 STL MatMuls
// DECOMPOSED: #0 stl.tile_product
// DECOMPOSED: sizes: batch 2, M 64, K 32, N 16, weight batch 1
// DECOMPOSED: encode rhs multiply-adds: 25088 (sparse 4608)
// DECOMPOSED: #1 stl.tile_product
// DECOMPOSED: sizes: batch 1, M 8, K 4, N 2, weight batch 1, constant weights
// DECOMPOSED: encode rhs multiply-adds: 0 (sparse 0)
// DECOMPOSED: #2 stl.tile_product
// DECOMPOSED-NEXT: scheme: naive-2x2x2
// DECOMPOSED-NEXT: sizes: dynamic (not counted)

// BADFORMAT: error: stl-cost-report: unknown format 'xml' (expected text or json)
// BADOUTPUT: error: stl-cost-report: cannot write '{{.*}}report.txt': No such file or directory
