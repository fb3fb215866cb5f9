// Round trip of every stl op: parse, print, parse the printed form again
// (also through the generic form) and compare.
// RUN: stl-opt %s | stl-opt | FileCheck %s
// RUN: stl-opt %s --mlir-print-op-generic | stl-opt | FileCheck %s

// CHECK-LABEL: func.func @matmul
func.func @matmul(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>,
                  %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  // CHECK: stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%{{.*}}, %{{.*}} : tensor<64x32xf32>, tensor<32x16xf32>) outs(%{{.*}} : tensor<64x16xf32>) -> tensor<64x16xf32>
  %r = stl.matmul #stl.scheme<"strassen-2x2x2">
         ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>)
         outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// Leading batch dimensions, and weights shared by every batch.
// CHECK-LABEL: func.func @matmul_batched
func.func @matmul_batched(%x: tensor<2x3x8x12xf64>, %w: tensor<2x3x12x16xf64>,
                          %ws: tensor<12x16xf64>, %c: tensor<2x3x8x16xf64>)
    -> (tensor<2x3x8x16xf64>, tensor<2x3x8x16xf64>) {
  // CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%{{.*}}, %{{.*}} : tensor<2x3x8x12xf64>, tensor<2x3x12x16xf64>)
  %r = stl.matmul #stl.scheme<"strassen-4x4x4">
         ins(%x, %w : tensor<2x3x8x12xf64>, tensor<2x3x12x16xf64>)
         outs(%c : tensor<2x3x8x16xf64>) -> tensor<2x3x8x16xf64>
  // CHECK: stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%{{.*}}, %{{.*}} : tensor<2x3x8x12xf64>, tensor<12x16xf64>)
  %s = stl.matmul #stl.scheme<"winograd-2x2x2">
         ins(%x, %ws : tensor<2x3x8x12xf64>, tensor<12x16xf64>)
         outs(%c : tensor<2x3x8x16xf64>) -> tensor<2x3x8x16xf64>
  return %r, %s : tensor<2x3x8x16xf64>, tensor<2x3x8x16xf64>
}

// Mixed precision: f16 operands, f32 accumulator; dynamic sizes.
// CHECK-LABEL: func.func @matmul_mixed_dynamic
func.func @matmul_mixed_dynamic(%x: tensor<?x32xf16>, %w: tensor<32x?xf16>,
                                %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  // CHECK: stl.matmul #stl.scheme<"naive-2x2x2"> ins(%{{.*}}, %{{.*}} : tensor<?x32xf16>, tensor<32x?xf16>) outs(%{{.*}} : tensor<?x?xf32>) -> tensor<?x?xf32>
  %r = stl.matmul #stl.scheme<"naive-2x2x2">
         ins(%x, %w : tensor<?x32xf16>, tensor<32x?xf16>)
         outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// CHECK-LABEL: func.func @decomposed
func.func @decomposed(%x: tensor<64x32xbf16>, %w: tensor<32x16xbf16>,
                      %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %e0 = tensor.empty() : tensor<7x32x16xbf16>
  // CHECK: stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%{{.*}} : tensor<64x32xbf16>) outs(%{{.*}} : tensor<7x32x16xbf16>) -> tensor<7x32x16xbf16>
  %xe = stl.encode lhs #stl.scheme<"strassen-2x2x2">
          ins(%x : tensor<64x32xbf16>) outs(%e0 : tensor<7x32x16xbf16>)
          -> tensor<7x32x16xbf16>
  %e1 = tensor.empty() : tensor<7x16x8xbf16>
  // CHECK: stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%{{.*}} : tensor<32x16xbf16>) outs(%{{.*}} : tensor<7x16x8xbf16>) -> tensor<7x16x8xbf16>
  %we = stl.encode rhs #stl.scheme<"strassen-2x2x2">
          ins(%w : tensor<32x16xbf16>) outs(%e1 : tensor<7x16x8xbf16>)
          -> tensor<7x16x8xbf16>
  %e2 = tensor.empty() : tensor<7x32x8xf32>
  // CHECK: stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<7x32x16xbf16>, tensor<7x16x8xbf16>) outs(%{{.*}} : tensor<7x32x8xf32>) -> tensor<7x32x8xf32>
  %ce = stl.tile_product ins(%xe, %we : tensor<7x32x16xbf16>, tensor<7x16x8xbf16>)
          outs(%e2 : tensor<7x32x8xf32>) -> tensor<7x32x8xf32>
  // CHECK: stl.decode #stl.scheme<"strassen-2x2x2"> ins(%{{.*}} : tensor<7x32x8xf32>) outs(%{{.*}} : tensor<64x16xf32>) -> tensor<64x16xf32>
  %r = stl.decode #stl.scheme<"strassen-2x2x2">
         ins(%ce : tensor<7x32x8xf32>) outs(%c : tensor<64x16xf32>)
         -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// Batched encode / product / decode with shared weights in the product.
// CHECK-LABEL: func.func @decomposed_batched
func.func @decomposed_batched(%x: tensor<5x8x4xf32>, %we: tensor<7x2x3xf32>,
                              %c: tensor<5x8x6xf32>) -> tensor<5x8x6xf32> {
  %e0 = tensor.empty() : tensor<5x7x4x2xf32>
  // CHECK: stl.encode lhs {{.*}} ins(%{{.*}} : tensor<5x8x4xf32>) outs(%{{.*}} : tensor<5x7x4x2xf32>)
  %xe = stl.encode lhs #stl.scheme<"strassen-2x2x2">
          ins(%x : tensor<5x8x4xf32>) outs(%e0 : tensor<5x7x4x2xf32>)
          -> tensor<5x7x4x2xf32>
  %e1 = tensor.empty() : tensor<5x7x4x3xf32>
  // CHECK: stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<5x7x4x2xf32>, tensor<7x2x3xf32>)
  %ce = stl.tile_product ins(%xe, %we : tensor<5x7x4x2xf32>, tensor<7x2x3xf32>)
          outs(%e1 : tensor<5x7x4x3xf32>) -> tensor<5x7x4x3xf32>
  // CHECK: stl.decode {{.*}} ins(%{{.*}} : tensor<5x7x4x3xf32>) outs(%{{.*}} : tensor<5x8x6xf32>)
  %r = stl.decode #stl.scheme<"strassen-2x2x2">
         ins(%ce : tensor<5x7x4x3xf32>) outs(%c : tensor<5x8x6xf32>)
         -> tensor<5x8x6xf32>
  return %r : tensor<5x8x6xf32>
}

// The encoded operands' element type, when the op fixes it.
// CHECK-LABEL: func.func @matmul_encoded_type
func.func @matmul_encoded_type(%x: tensor<8x8xf16>, %w: tensor<8x8xf16>,
                               %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // CHECK: stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = f16} ins(
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = f16}
         ins(%x, %w : tensor<8x8xf16>, tensor<8x8xf16>)
         outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
