// --stl-decompose: stl.matmul -> encode (both operands), tile product into a
// zero-filled accumulator, decode into the MatMul's destination.
// RUN: stl-opt %s --stl-decompose | FileCheck %s

// The rest of the IR is left as it is (nothing folded).
// CHECK-LABEL: func.func @untouched
// CHECK: %[[A:.*]] = arith.constant 1 : i32
// CHECK: %[[B:.*]] = arith.constant 2 : i32
// CHECK: %[[S:.*]] = arith.addi %[[A]], %[[B]] : i32
// CHECK: return %[[S]]
func.func @untouched() -> i32 {
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  %s = arith.addi %a, %b : i32
  return %s : i32
}

// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[X:.*]]: tensor<64x32xf32>, %[[W:.*]]: tensor<32x16xf32>, %[[C:.*]]: tensor<64x16xf32>)
// CHECK: %[[E0:.*]] = tensor.empty() : tensor<7x32x16xf32>
// CHECK: %[[XE:.*]] = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%[[X]] : tensor<64x32xf32>) outs(%[[E0]] : tensor<7x32x16xf32>)
// CHECK: %[[E1:.*]] = tensor.empty() : tensor<7x16x8xf32>
// CHECK: %[[WE:.*]] = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%[[W]] : tensor<32x16xf32>) outs(%[[E1]] : tensor<7x16x8xf32>)
// CHECK: %[[E2:.*]] = tensor.empty() : tensor<7x32x8xf32>
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E2]] : tensor<7x32x8xf32>)
// CHECK: %[[CE:.*]] = stl.tile_product ins(%[[XE]], %[[WE]] : tensor<7x32x16xf32>, tensor<7x16x8xf32>) outs(%[[ACC]] : tensor<7x32x8xf32>)
// CHECK: %[[R:.*]] = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%[[CE]] : tensor<7x32x8xf32>) outs(%[[C]] : tensor<64x16xf32>)
// CHECK: return %[[R]]
func.func @plain(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>,
                 %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %r = stl.matmul #stl.scheme<"strassen-2x2x2">
         ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>)
         outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// Batch dimensions are carried through; weights shared by every batch are
// encoded once.
// CHECK-LABEL: func.func @batched_shared_weights
// CHECK: stl.encode lhs {{.*}} ins(%{{.*}} : tensor<2x3x8x12xf32>) outs(%{{.*}} : tensor<2x3x49x2x3xf32>)
// CHECK: stl.encode rhs {{.*}} ins(%{{.*}} : tensor<12x16xf32>) outs(%{{.*}} : tensor<49x3x4xf32>)
// CHECK: stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<2x3x49x2x3xf32>, tensor<49x3x4xf32>) outs(%{{.*}} : tensor<2x3x49x2x4xf32>)
// CHECK: stl.decode {{.*}} ins(%{{.*}} : tensor<2x3x49x2x4xf32>) outs(%{{.*}} : tensor<2x3x8x16xf32>)
func.func @batched_shared_weights(%x: tensor<2x3x8x12xf32>,
                                  %w: tensor<12x16xf32>,
                                  %c: tensor<2x3x8x16xf32>)
    -> tensor<2x3x8x16xf32> {
  %r = stl.matmul #stl.scheme<"strassen-4x4x4">
         ins(%x, %w : tensor<2x3x8x12xf32>, tensor<12x16xf32>)
         outs(%c : tensor<2x3x8x16xf32>) -> tensor<2x3x8x16xf32>
  return %r : tensor<2x3x8x16xf32>
}

// Mixed precision: f16 operands of an f32 MatMul are encoded into f32
// (STL.md section 7), and the product accumulates in f32.
// CHECK-LABEL: func.func @mixed_precision
// CHECK: stl.encode lhs {{.*}} ins(%{{.*}} : tensor<8x8xf16>) outs(%{{.*}} : tensor<7x4x4xf32>)
// CHECK: stl.encode rhs {{.*}} ins(%{{.*}} : tensor<8x4xf16>) outs(%{{.*}} : tensor<7x4x2xf32>)
// CHECK: stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<7x4x4xf32>, tensor<7x4x2xf32>) outs(%{{.*}} : tensor<7x4x2xf32>)
// CHECK: stl.decode {{.*}} ins(%{{.*}} : tensor<7x4x2xf32>) outs(%{{.*}} : tensor<8x4xf32>)
func.func @mixed_precision(%x: tensor<8x8xf16>, %w: tensor<8x4xf16>,
                           %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %r = stl.matmul #stl.scheme<"winograd-2x2x2">
         ins(%x, %w : tensor<8x8xf16>, tensor<8x4xf16>)
         outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}

// ... unless the op asks for narrow encodings (encoded_type).
// CHECK-LABEL: func.func @narrow_encodings
// CHECK: stl.encode lhs {{.*}} outs(%{{.*}} : tensor<7x4x4xbf16>)
// CHECK: stl.encode rhs {{.*}} outs(%{{.*}} : tensor<7x4x2xbf16>)
// CHECK: stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<7x4x4xbf16>, tensor<7x4x2xbf16>) outs(%{{.*}} : tensor<7x4x2xf32>)
func.func @narrow_encodings(%x: tensor<8x8xbf16>, %w: tensor<8x4xbf16>,
                            %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %r = stl.matmul #stl.scheme<"winograd-2x2x2"> {encoded_type = bf16}
         ins(%x, %w : tensor<8x8xbf16>, tensor<8x4xbf16>)
         outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}

// Dynamic sizes: the grid sizes are computed at run time.
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x?xf32>, %[[W:.*]]: tensor<?x6xf32>, %[[C:.*]]: tensor<?x6xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[M:.*]] = tensor.dim %[[X]], %[[C0]]
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[GM:.*]] = arith.divui %[[M]], %[[C2]] : index
// CHECK: tensor.empty(%[[GM]], %{{.*}}) : tensor<7x?x?xf32>
// CHECK: stl.encode lhs {{.*}} outs(%{{.*}} : tensor<7x?x?xf32>)
// CHECK: stl.encode rhs {{.*}} outs(%{{.*}} : tensor<7x?x3xf32>)
// CHECK: stl.tile_product {{.*}} outs(%{{.*}} : tensor<7x?x3xf32>)
func.func @dynamic(%x: tensor<?x?xf32>, %w: tensor<?x6xf32>,
                   %c: tensor<?x6xf32>) -> tensor<?x6xf32> {
  %r = stl.matmul #stl.scheme<"strassen-2x2x2">
         ins(%x, %w : tensor<?x?xf32>, tensor<?x6xf32>)
         outs(%c : tensor<?x6xf32>) -> tensor<?x6xf32>
  return %r : tensor<?x6xf32>
}

// f16 operands and destination: encoded, multiplied and decoded in f32 (the
// destination extended first), then rounded to f16 once.
// CHECK-LABEL: func.func @narrow_destination
// CHECK-SAME: (%[[X:.*]]: tensor<8x8xf16>, %[[W:.*]]: tensor<8x4xf16>, %[[C:.*]]: tensor<8x4xf16>)
// CHECK: stl.encode lhs {{.*}} ins(%[[X]] : tensor<8x8xf16>) outs(%{{.*}} : tensor<7x4x4xf32>)
// CHECK: stl.encode rhs {{.*}} ins(%[[W]] : tensor<8x4xf16>) outs(%{{.*}} : tensor<7x4x2xf32>)
// CHECK: %[[P:.*]] = stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<7x4x4xf32>, tensor<7x4x2xf32>) outs(%{{.*}} : tensor<7x4x2xf32>)
// CHECK: %[[WIDE:.*]] = linalg.generic {{.*}} ins(%[[C]] : tensor<8x4xf16>) outs(%{{.*}} : tensor<8x4xf32>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: %[[D:.*]] = stl.decode {{.*}} ins(%[[P]] : tensor<7x4x2xf32>) outs(%[[WIDE]] : tensor<8x4xf32>)
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[D]] : tensor<8x4xf32>) outs(%{{.*}} : tensor<8x4xf16>)
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: return %[[R]]
func.func @narrow_destination(%x: tensor<8x8xf16>, %w: tensor<8x4xf16>,
                              %c: tensor<8x4xf16>) -> tensor<8x4xf16> {
  %r = stl.matmul #stl.scheme<"strassen-2x2x2">
         ins(%x, %w : tensor<8x8xf16>, tensor<8x4xf16>)
         outs(%c : tensor<8x4xf16>) -> tensor<8x4xf16>
  return %r : tensor<8x4xf16>
}

// narrow-encodings on an f16 MatMul: the encodings stay f16, the product and
// the decode are still f32.
// CHECK-LABEL: func.func @narrow_destination_narrow_encodings
// CHECK: stl.encode lhs {{.*}} outs(%{{.*}} : tensor<7x4x4xf16>)
// CHECK: stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<7x4x4xf16>, tensor<7x4x2xf16>) outs(%{{.*}} : tensor<7x4x2xf32>)
// CHECK: stl.decode {{.*}} outs(%{{.*}} : tensor<8x4xf32>)
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @narrow_destination_narrow_encodings(
    %x: tensor<8x8xf16>, %w: tensor<8x4xf16>,
    %c: tensor<8x4xf16>) -> tensor<8x4xf16> {
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = f16}
         ins(%x, %w : tensor<8x8xf16>, tensor<8x4xf16>)
         outs(%c : tensor<8x4xf16>) -> tensor<8x4xf16>
  return %r : tensor<8x4xf16>
}
