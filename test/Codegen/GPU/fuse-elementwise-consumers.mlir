// --stl-gpu-fuse-elementwise-consumers: an element-wise linalg.generic on a
// tensor that a parallel loop stores element by element into a fresh buffer
// (the GPU's per-tile decodings) is computed in the loop, at each store,
// into a buffer of its own; repeated for chains. Left alone when it cannot
// be evaluated there.
// RUN: stl-opt %s -split-input-file --stl-gpu-fuse-elementwise-consumers | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>

// A decoding-like loop (two stores an iteration), a bias add and a ReLU in
// one generic, then a conversion to bf16 in another: both computed at each
// store, the bias read at the stored column; no generic, no f32 buffer
// left.
// CHECK-LABEL: func.func @bias_relu_narrow
// CHECK-SAME: (%[[P:.*]]: tensor<4x8xf32>, %[[BIAS:.*]]: tensor<16xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<4x16xbf16>
// CHECK-NOT: memref.alloc
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) =
// CHECK:   %[[V:.*]] = tensor.extract %[[P]][%[[I]], %[[J]]]
// CHECK:   %[[C0:.*]] = arith.muli %[[J]], %c2
// CHECK:   %[[B0:.*]] = tensor.extract %[[BIAS]][%[[C0]]]
// CHECK:   %[[S0:.*]] = arith.addf %[[V]], %[[B0]]
// CHECK:   %[[R0:.*]] = arith.maximumf %[[S0]], %[[ZERO]]
// CHECK:   %[[N0:.*]] = arith.truncf %[[R0]] : f32 to bf16
// CHECK:   memref.store %[[N0]], %[[OUT]][%[[I]], %[[C0]]]
// CHECK:   tensor.extract %[[BIAS]]
// CHECK:   arith.maximumf
// CHECK:   arith.truncf
// CHECK:   memref.store {{.*}}, %[[OUT]]
// CHECK-NOT: linalg.generic
// CHECK: %[[T:.*]] = bufferization.to_tensor %[[OUT]] restrict writable : memref<4x16xbf16> to tensor<4x16xbf16>
// CHECK: return %[[T]]
func.func @bias_relu_narrow(%p: tensor<4x8xf32>, %bias: tensor<16xf32>) -> tensor<4x16xbf16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f32
  %buf = memref.alloc() {alignment = 64 : i64} : memref<4x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %v = tensor.extract %p[%i, %j] : tensor<4x8xf32>
    %col0 = arith.muli %j, %c2 : index
    %col1 = arith.addi %col0, %c1 : index
    %w = arith.negf %v : f32
    memref.store %v, %buf[%i, %col0] : memref<4x16xf32>
    memref.store %w, %buf[%i, %col1] : memref<4x16xf32>
  }
  %t = bufferization.to_tensor %buf restrict writable : memref<4x16xf32> to tensor<4x16xf32>
  %e = tensor.empty() : tensor<4x16xf32>
  %h = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t, %bias : tensor<4x16xf32>, tensor<16xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%x: f32, %b: f32, %o: f32):
    %s = arith.addf %x, %b : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<4x16xf32>
  %en = tensor.empty() : tensor<4x16xbf16>
  %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%h : tensor<4x16xf32>) outs(%en : tensor<4x16xbf16>) {
  ^bb0(%x: f32, %o: bf16):
    %y = arith.truncf %x : f32 to bf16
    linalg.yield %y : bf16
  } -> tensor<4x16xbf16>
  return %n : tensor<4x16xbf16>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>

// Left alone: a consumer reading its destination, one using linalg.index,
// one reading the tensor transposed, one whose body uses a value read from
// memory after the loop (not movable before it), a tensor with another
// user, a consumer writing its result transposed, and one whose operand
// is a buffer written after the loop.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-7: linalg.generic
func.func @kept(%p: tensor<4x4xf32>, %acc: tensor<4x4xf32>)
    -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %b0 = memref.alloc() : memref<4x4xf32>
  %b1 = memref.alloc() : memref<4x4xf32>
  %b2 = memref.alloc() : memref<4x4xf32>
  %b3 = memref.alloc() : memref<4x4xf32>
  %b4 = memref.alloc() : memref<4x4xf32>
  %b5 = memref.alloc() : memref<4x4xf32>
  %b6 = memref.alloc() : memref<4x4xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
    %v = tensor.extract %p[%i, %j] : tensor<4x4xf32>
    memref.store %v, %b0[%i, %j] : memref<4x4xf32>
    memref.store %v, %b1[%i, %j] : memref<4x4xf32>
    memref.store %v, %b2[%i, %j] : memref<4x4xf32>
    memref.store %v, %b3[%i, %j] : memref<4x4xf32>
    memref.store %v, %b4[%i, %j] : memref<4x4xf32>
    memref.store %v, %b5[%i, %j] : memref<4x4xf32>
    memref.store %v, %b6[%i, %j] : memref<4x4xf32>
  }
  %t0 = bufferization.to_tensor %b0 restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %r0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t0 : tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %x, %o : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %t1 = bufferization.to_tensor %b1 restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %r1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t1 : tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    %s = arith.addf %x, %f : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %t2 = bufferization.to_tensor %b2 restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %r2 = linalg.generic {indexing_maps = [#tr, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t2 : tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<4x4xf32>
  %t3 = bufferization.to_tensor %b3 restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %late = memref.load %b0[%c0, %c0] : memref<4x4xf32>
  %other = memref.alloc() : memref<4x4xf32>
  linalg.fill ins(%late : f32) outs(%other : memref<4x4xf32>)
  %written = bufferization.to_tensor %other restrict : memref<4x4xf32> to tensor<4x4xf32>
  %t6 = bufferization.to_tensor %b6 restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %r6 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t6, %written : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %r3 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t3 : tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.addf %x, %late : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %t4 = bufferization.to_tensor %b4 restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %r4 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t4 : tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.negf %x : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %t5 = bufferization.to_tensor %b5 restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %r5 = linalg.generic {indexing_maps = [#id, #tr], iterator_types = ["parallel", "parallel"]}
      ins(%t5 : tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<4x4xf32>
  return %r0, %r1, %r2, %r3, %r4, %t4, %r5, %r6 : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// An operand built after the loop without memory effects (a broadcast of a
// constant, as frontends emit bias adds) is moved before it and the
// consumer, which also takes the tensor as its (unread) destination, fused.
// CHECK-LABEL: func.func @operand_moved
// CHECK: linalg.broadcast
// CHECK: scf.parallel
// CHECK:   tensor.extract %broadcasted
// CHECK:   arith.addf
// CHECK-NOT: linalg.generic
func.func @operand_moved(%p: tensor<4x4xf32>, %bias: tensor<4xf32>) -> tensor<4x4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %b = memref.alloc() : memref<4x4xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
    %v = tensor.extract %p[%i, %j] : tensor<4x4xf32>
    memref.store %v, %b[%i, %j] : memref<4x4xf32>
  }
  %t = bufferization.to_tensor %b restrict writable : memref<4x4xf32> to tensor<4x4xf32>
  %e = tensor.empty() : tensor<4x4xf32>
  %broadcasted = linalg.broadcast ins(%bias : tensor<4xf32>) outs(%e : tensor<4x4xf32>) dimensions = [0]
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%t, %broadcasted : tensor<4x4xf32>, tensor<4x4xf32>) outs(%t : tensor<4x4xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}
