// --stl-replace-matmul: which MatMuls are rewritten, with which scheme.
// RUN: stl-opt %s --stl-replace-matmul | FileCheck %s --check-prefix=AUTO
// RUN: stl-opt %s --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | FileCheck %s --check-prefix=S2
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/strassen-2x2x2.json" \
// RUN:   | FileCheck %s --check-prefix=S2
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/scaled-strassen-2x2x2.json" \
// RUN:   | FileCheck %s --check-prefix=FILE

// The shared Strassen file has the catalog's name and coefficients: it is the
// catalog scheme. The rescaled one is printed in full.

// With no scheme, the exact catalog scheme with the largest speedup bound
// that fits: strassen-4x4x4 when 4 divides M, K and N.
// AUTO-LABEL: func.func @divisible_by_4
// AUTO: %[[R:.*]] = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %arg1 : tensor<64x32xf32>, tensor<32x16xf32>) outs(%arg2 : tensor<64x16xf32>) -> tensor<64x16xf32>
// AUTO: return %[[R]]
// S2-LABEL: func.func @divisible_by_4
// S2: stl.matmul #stl.scheme<"strassen-2x2x2">
// FILE-LABEL: func.func @divisible_by_4
// FILE: stl.matmul #stl.scheme<name = "scaled-strassen-2x2x2", tile = [2, 2, 2], rank = 7, lhs = {{\[\[}}2, 0, 0, 2],
func.func @divisible_by_4(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>,
                          %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>)
                     outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// Only 2 divides every size: winograd-2x2x2 (fewest additions of the rank-7
// schemes).
// AUTO-LABEL: func.func @divisible_by_2
// AUTO: stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%arg0, %arg1 : tensor<6x10xf64>, tensor<10x14xf64>)
// S2-LABEL: func.func @divisible_by_2
// S2: stl.matmul #stl.scheme<"strassen-2x2x2">
func.func @divisible_by_2(%x: tensor<6x10xf64>, %w: tensor<10x14xf64>,
                          %c: tensor<6x14xf64>) -> tensor<6x14xf64> {
  %r = linalg.matmul ins(%x, %w : tensor<6x10xf64>, tensor<10x14xf64>)
                     outs(%c : tensor<6x14xf64>) -> tensor<6x14xf64>
  return %r : tensor<6x14xf64>
}

// Batched MatMuls keep their batch dimension.
// AUTO-LABEL: func.func @batched
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %arg1 : tensor<3x8x12xf32>, tensor<3x12x16xf32>) outs(%arg2 : tensor<3x8x16xf32>) -> tensor<3x8x16xf32>
func.func @batched(%x: tensor<3x8x12xf32>, %w: tensor<3x12x16xf32>,
                   %c: tensor<3x8x16xf32>) -> tensor<3x8x16xf32> {
  %r = linalg.batch_matmul ins(%x, %w : tensor<3x8x12xf32>, tensor<3x12x16xf32>)
                           outs(%c : tensor<3x8x16xf32>) -> tensor<3x8x16xf32>
  return %r : tensor<3x8x16xf32>
}

// Mixed precision is kept as the original op had it.
// AUTO-LABEL: func.func @mixed_precision
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %arg1 : tensor<8x8xbf16>, tensor<8x8xbf16>) outs(%arg2 : tensor<8x8xf32>) -> tensor<8x8xf32>
func.func @mixed_precision(%x: tensor<8x8xbf16>, %w: tensor<8x8xbf16>,
                           %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<8x8xbf16>, tensor<8x8xbf16>)
                     outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// Every MatMul of a function is considered, nested ones included.
// AUTO-LABEL: func.func @several
// AUTO: scf.for
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4">
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4">
func.func @several(%x: tensor<8x8xf32>, %n: index) -> tensor<8x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<8x8xf32> {
    %p = linalg.matmul ins(%acc, %x : tensor<8x8xf32>, tensor<8x8xf32>)
                       outs(%x : tensor<8x8xf32>) -> tensor<8x8xf32>
    scf.yield %p : tensor<8x8xf32>
  }
  %s = linalg.matmul ins(%r, %x : tensor<8x8xf32>, tensor<8x8xf32>)
                     outs(%x : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %s : tensor<8x8xf32>
}

// Left alone (see replace-matmul-report.mlir for the reasons given).
// AUTO-LABEL: func.func @left_alone
// AUTO-NOT: stl.matmul
// AUTO: linalg.matmul ins(%arg0, %arg1 : tensor<?x32xf32>
// AUTO-NOT: stl.matmul
// AUTO: linalg.matmul indexing_maps
// AUTO-NOT: stl.matmul
// AUTO: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<6x10xf32>, tensor<10x15xf32>)
// AUTO-NOT: stl.matmul
// AUTO: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x8xi32>
// AUTO-NOT: stl.matmul
// AUTO: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<8x8xf32>
// AUTO-NOT: stl.matmul
// AUTO: return
// S2-LABEL: func.func @left_alone
// S2-NOT: stl.matmul
// S2: return
func.func @left_alone(%dyn: tensor<?x32xf32>, %w: tensor<32x16xf32>,
                      %cd: tensor<?x16xf32>, %t: tensor<16x32xf32>,
                      %c: tensor<64x16xf32>, %x: tensor<64x32xf32>,
                      %odd_x: tensor<6x10xf32>, %odd_w: tensor<10x15xf32>,
                      %odd_c: tensor<6x15xf32>, %i: tensor<8x8xi32>,
                      %ic: tensor<8x8xi32>, %m: memref<8x8xf32>)
    -> (tensor<?x16xf32>, tensor<64x16xf32>, tensor<6x15xf32>,
        tensor<8x8xi32>) {
  %0 = linalg.matmul ins(%dyn, %w : tensor<?x32xf32>, tensor<32x16xf32>)
                     outs(%cd : tensor<?x16xf32>) -> tensor<?x16xf32>
  %1 = linalg.matmul indexing_maps = [
                       affine_map<(d0, d1, d2) -> (d0, d2)>,
                       affine_map<(d0, d1, d2) -> (d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1)>]
                     ins(%x, %t : tensor<64x32xf32>, tensor<16x32xf32>)
                     outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  %2 = linalg.matmul ins(%odd_x, %odd_w : tensor<6x10xf32>, tensor<10x15xf32>)
                     outs(%odd_c : tensor<6x15xf32>) -> tensor<6x15xf32>
  %3 = linalg.matmul ins(%i, %i : tensor<8x8xi32>, tensor<8x8xi32>)
                     outs(%ic : tensor<8x8xi32>) -> tensor<8x8xi32>
  linalg.matmul ins(%m, %m : memref<8x8xf32>, memref<8x8xf32>)
                outs(%m : memref<8x8xf32>)
  return %0, %1, %2, %3
      : tensor<?x16xf32>, tensor<64x16xf32>, tensor<6x15xf32>, tensor<8x8xi32>
}
