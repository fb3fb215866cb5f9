// --stl-cpu-fuse-encodings: stl.matmul with an exact scheme becomes the
// MatMul it computes, a linalg.generic carrying the scheme for the packed
// micro-kernel (the encodings fused into its packing); the others keep the
// unfused lowering, with the reason under `report`.
// RUN: stl-opt %s --stl-cpu-fuse-encodings -split-input-file | FileCheck %s
// RUN: stl-opt %s --stl-cpu-fuse-encodings=report -split-input-file -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REMARK
// RUN: stl-opt %s --stl-cpu-fuse-encodings -split-input-file \
// RUN:   | stl-opt --one-shot-bufferize="bufferize-function-boundaries" \
// RUN:       --stl-cpu-vectorize-contractions="report-strategies target-cpu=haswell" -split-input-file -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STRATEGY

// CHECK-LABEL: func.func @exact
// REMARK: remark: stl.matmul with scheme 'strassen-4x4x4' fused into the packed micro-kernel
// CHECK:      %[[R:.*]] = linalg.generic
// CHECK-SAME:   indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "reduction"]
// CHECK-SAME:   ins(%arg0, %arg1 : tensor<256x128xf32>, tensor<128x64xf32>) outs(%arg2 : tensor<256x64xf32>)
// CHECK-SAME:   stl.fused_scheme = #stl.scheme<"strassen-4x4x4">
// CHECK:        arith.mulf
// CHECK:        arith.addf
// CHECK:      return %[[R]]
// STRATEGY: remark: CPU strategy packed-micro-kernel (register tile 6x16x4, cache block 66x16x32): register tile for haswell {{.*}}; scheme 'strassen-4x4x4' fused into the packing (block products 64x32x16)
func.func @exact(%a: tensor<256x128xf32>, %b: tensor<128x64xf32>, %c: tensor<256x64xf32>) -> tensor<256x64xf32> {
  %r = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%a, %b : tensor<256x128xf32>, tensor<128x64xf32>) outs(%c : tensor<256x64xf32>) -> tensor<256x64xf32>
  return %r : tensor<256x64xf32>
}

// -----

// Shared weights: the rhs keeps no batch loop (an M loop of the generic,
// iterated around the packed nest).
// CHECK-LABEL: func.func @shared
// REMARK: remark: stl.matmul with scheme 'winograd-2x2x2' fused
// CHECK:      linalg.generic
// CHECK-SAME:   ins(%arg0, %arg1 : tensor<3x64x32xf64>, tensor<32x16xf64>)
// CHECK-SAME:   stl.fused_scheme = #stl.scheme<"winograd-2x2x2">
// STRATEGY: remark: CPU strategy packed-micro-kernel (register tile 6x8x4, cache block 36x8x16): {{.*}}; scheme 'winograd-2x2x2' fused into the packing (block products 32x16x8)
func.func @shared(%a: tensor<3x64x32xf64>, %b: tensor<32x16xf64>, %c: tensor<3x64x16xf64>) -> tensor<3x64x16xf64> {
  %r = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%a, %b : tensor<3x64x32xf64>, tensor<32x16xf64>) outs(%c : tensor<3x64x16xf64>) -> tensor<3x64x16xf64>
  return %r : tensor<3x64x16xf64>
}

// -----

// An approximate scheme: its result depends on which elements share a tile,
// so the operands' 2 x 2 tiles are spread over the blocks (element (i, j)
// of tile (I, J) to element (I, J) of block (i, j)), the fused MatMul
// computes into a zero-filled tensor, and the product is gathered back into
// tiles and added into the destination.
// CHECK-LABEL: func.func @approximate
// REMARK: remark: stl.matmul with scheme 'strassen-minus-one' fused into the packed micro-kernel
// CHECK:      %[[AT:.*]] = tensor.expand_shape %arg0 {{\[\[}}0, 1], [2, 3]] output_shape [32, 2, 16, 2] : tensor<64x32xf32> into tensor<32x2x16x2xf32>
// CHECK:      %[[AS:.*]] = linalg.generic {indexing_maps = [#[[ID:.*]], #[[SPREAD:.*]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[AT]] : tensor<32x2x16x2xf32>) outs(%{{.*}} : tensor<2x32x2x16xf32>)
// CHECK:      %[[A:.*]] = tensor.collapse_shape %[[AS]] {{\[\[}}0, 1], [2, 3]] : tensor<2x32x2x16xf32> into tensor<64x32xf32>
// CHECK:      %[[B:.*]] = tensor.collapse_shape %{{.*}} : tensor<2x16x2x8xf32> into tensor<32x16xf32>
// CHECK:      %[[ZERO:.*]] = linalg.fill
// CHECK:      %[[P:.*]] = linalg.generic {{.*}} ins(%[[A]], %[[B]] : tensor<64x32xf32>, tensor<32x16xf32>) outs(%[[ZERO]] : tensor<64x16xf32>)
// CHECK-SAME:   stl.fused_scheme = #stl_strassen_minus_one
// CHECK:      %[[PS:.*]] = tensor.expand_shape %[[P]] {{.*}} into tensor<2x32x2x8xf32>
// CHECK:      %[[C:.*]] = tensor.expand_shape %arg2 {{.*}} into tensor<32x2x8x2xf32>
// CHECK:      %[[G:.*]] = linalg.generic {indexing_maps = [#[[SPREAD]], #[[ID]]], {{.*}} ins(%[[PS]] : tensor<2x32x2x8xf32>) outs(%[[C]] : tensor<32x2x8x2xf32>)
// CHECK:        arith.addf
// CHECK:      %[[R:.*]] = tensor.collapse_shape %[[G]] {{.*}} into tensor<64x16xf32>
// CHECK:      return %[[R]]
// STRATEGY: remark: CPU strategy packed-micro-kernel {{.*}}; scheme 'strassen-minus-one' fused into the packing (block products 32x16x8)
func.func @approximate(%a: tensor<64x32xf32>, %b: tensor<32x16xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %r = stl.matmul #stl.scheme<name = "strassen-minus-one", tile = [2, 2, 2], rank = 6, lhs = [[1, 0, 0, 1], [0, 0, 1, 1], [1, 0, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0], [-1, 0, 1, 0]], rhs = [[1, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, -1], [-1, 0, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0]], out = [[1, 0, 0, 1, -1, 0], [0, 0, 1, 0, 1, 0], [0, 1, 0, 1, 0, 0], [1, -1, 1, 0, 0, 1]]> ins(%a, %b : tensor<64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// CHECK-LABEL: func.func @left_unfused
// REMARK: remark: stl.matmul with scheme 'dense' not fused into the packed micro-kernel: its coefficients are dense (48.0 nonzero coefficients of U, V and D per channel, more than 16): the fused packing would sum that many blocks per channel, the unfused encodings cost less
// REMARK: remark: stl.matmul with scheme 'strassen-2x2x2' not fused into the packed micro-kernel: mixed element types
// REMARK: remark: stl.matmul with scheme 'strassen-2x2x2' not fused into the packed micro-kernel: the destination is not f32 or f64
// REMARK: remark: stl.matmul with scheme 'strassen-2x2x2' not fused into the packed micro-kernel: dynamic sizes
// REMARK: remark: stl.matmul with scheme 'strassen-2x2x2' not fused into the packed micro-kernel: a narrower encoded type
// CHECK-COUNT-5: stl.matmul
func.func @left_unfused(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                        %h: tensor<64x64xf16>, %i: tensor<64x64xi32>, %d: tensor<?x64xf32>, %dc: tensor<?x64xf32>) {
  %0 = stl.matmul #stl.scheme<name = "dense", tile = [4, 4, 4], rank = 1, lhs = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], rhs = [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], out = [[1], [1], [1], [1], [1], [1], [1], [1], [1], [1], [1], [1], [1], [1], [1], [1]]> ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%h, %h : tensor<64x64xf16>, tensor<64x64xf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %2 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%i, %i : tensor<64x64xi32>, tensor<64x64xi32>) outs(%i : tensor<64x64xi32>) -> tensor<64x64xi32>
  %3 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%d, %b : tensor<?x64xf32>, tensor<64x64xf32>) outs(%dc : tensor<?x64xf32>) -> tensor<?x64xf32>
  %4 = stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = f16} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return
}


// -----

// A destination that is also an operand: the product into a zero-filled
// tensor, added into the destination element by element.
// CHECK-LABEL: func.func @aliased
// CHECK:      %[[Z:.*]] = linalg.fill
// CHECK:      %[[P:.*]] = linalg.generic {{.*}} outs(%[[Z]] : tensor<32x32xf32>) attrs = {stl.fused_scheme
// CHECK:      linalg.generic {{.*}} ins(%[[P]] : tensor<32x32xf32>) outs(%arg0 : tensor<32x32xf32>)
func.func @aliased(%x: tensor<32x32xf32>, %w: tensor<32x32xf32>) -> tensor<32x32xf32> {
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<32x32xf32>, tensor<32x32xf32>) outs(%x : tensor<32x32xf32>) -> tensor<32x32xf32>
  return %r : tensor<32x32xf32>
}
