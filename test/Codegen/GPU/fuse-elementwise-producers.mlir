// --stl-gpu-fuse-elementwise-producers: an element-wise linalg.generic
// whose result only tensor.extract ops in parallel loops read (the GPU's
// per-tile encodings and decodings) is computed at each read from its
// inputs' elements, and goes away; repeated for chains. Left alone when its
// result has another use.
// RUN: stl-opt %s -split-input-file --stl-gpu-fuse-elementwise-producers | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>

// A scale by a row vector, then a rounding to bf16 (as a frontend narrows
// activations before a bf16 MatMul), read by an encoding-like loop: both
// computed at the read, the row vector read at the read's column.
// CHECK-LABEL: func.func @chain
// CHECK-SAME: (%[[X:.*]]: tensor<8x8xf32>, %[[S:.*]]: tensor<8xf32>)
// CHECK-NOT: linalg.generic
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) =
// CHECK:   %[[C:.*]] = arith.addi %[[J]], %c1
// CHECK:   %[[XV:.*]] = tensor.extract %[[X]][%[[I]], %[[C]]]
// CHECK:   %[[SV:.*]] = tensor.extract %[[S]][%[[C]]]
// CHECK:   %[[P:.*]] = arith.mulf %[[XV]], %[[SV]]
// CHECK:   %[[N:.*]] = arith.truncf %[[P]] : f32 to bf16
// CHECK:   memref.store %[[N]]
// CHECK-NOT: linalg.generic
func.func @chain(%x: tensor<8x8xf32>, %s: tensor<8xf32>) -> memref<8x4xbf16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %e = tensor.empty() : tensor<8x8xf32>
  %scaled = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %s : tensor<8x8xf32>, tensor<8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<8x8xf32>
  %en = tensor.empty() : tensor<8x8xbf16>
  %narrow = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%scaled : tensor<8x8xf32>) outs(%en : tensor<8x8xbf16>) {
  ^bb0(%a: f32, %o: bf16):
    %t = arith.truncf %a : f32 to bf16
    linalg.yield %t : bf16
  } -> tensor<8x8xbf16>
  %buf = memref.alloc() : memref<8x4xbf16>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c4) step (%c1, %c1) {
    %col = arith.addi %j, %c1 : index
    %v = tensor.extract %narrow[%i, %col] : tensor<8x8xbf16>
    memref.store %v, %buf[%i, %j] : memref<8x4xbf16>
  }
  return %buf : memref<8x4xbf16>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// Left alone: a producer whose result is also returned, and one read
// outside a parallel loop.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-2: linalg.generic
func.func @kept(%x: tensor<4x4xf32>) -> (tensor<4x4xf32>, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %e = tensor.empty() : tensor<4x4xf32>
  %neg = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<4x4xf32>
  %abs = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = math.absf %a : f32
    linalg.yield %n : f32
  } -> tensor<4x4xf32>
  %buf = memref.alloc() : memref<4x4xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
    %v = tensor.extract %neg[%i, %j] : tensor<4x4xf32>
    memref.store %v, %buf[%i, %j] : memref<4x4xf32>
  }
  %outside = tensor.extract %abs[%c0, %c0] : tensor<4x4xf32>
  return %neg, %outside : tensor<4x4xf32>, f32
}
