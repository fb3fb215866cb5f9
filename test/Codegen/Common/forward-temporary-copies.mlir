// --stl-forward-temporary-copies: a temporary written and then copied into
// a target defined before it is written in the target instead, when
// nothing between the two touches memory the target may alias.
// RUN: stl-opt %s -split-input-file --stl-forward-temporary-copies | FileCheck %s

// A result computed from local buffers into a fresh buffer, copied into
// the caller's destination: computed there, the copy and the deallocation
// gone.
// CHECK-LABEL: func.func @forwarded
// CHECK-SAME: (%[[C:.*]]: memref<8x8xf32>)
// CHECK: %[[P:.*]] = memref.alloc() : memref<8x8xf32>
// CHECK-NOT: memref.alloc
// CHECK: scf.parallel
// CHECK:   memref.load %[[P]]
// CHECK:   memref.store %{{.*}}, %[[C]]
// CHECK-NOT: memref.copy
// CHECK: memref.dealloc %[[P]]
// CHECK-NOT: memref.dealloc
func.func @forwarded(%c: memref<8x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %cst = arith.constant 1.0 : f32
  %p = memref.alloc() : memref<8x8xf32>
  linalg.fill ins(%cst : f32) outs(%p : memref<8x8xf32>)
  %t = memref.alloc() : memref<8x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    %v = memref.load %p[%i, %j] : memref<8x8xf32>
    %w = arith.addf %v, %v : f32
    memref.store %w, %t[%i, %j] : memref<8x8xf32>
  }
  memref.copy %t, %c : memref<8x8xf32> to memref<8x8xf32>
  memref.dealloc %t : memref<8x8xf32>
  memref.dealloc %p : memref<8x8xf32>
  return
}

// -----

// Reading a function argument (which may alias the target) in between
// keeps the copy: writing the target early could change what is read.
// CHECK-LABEL: func.func @reads_argument
// CHECK: %[[T:.*]] = memref.alloc()
// CHECK: memref.store %{{.*}}, %[[T]]
// CHECK: memref.copy %[[T]]
func.func @reads_argument(%a: memref<8x8xf32>, %c: memref<8x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %t = memref.alloc() : memref<8x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    %v = memref.load %a[%j, %i] : memref<8x8xf32>
    memref.store %v, %t[%i, %j] : memref<8x8xf32>
  }
  memref.copy %t, %c : memref<8x8xf32> to memref<8x8xf32>
  memref.dealloc %t : memref<8x8xf32>
  return
}

// -----

// Reading the target itself in between keeps the copy.
// CHECK-LABEL: func.func @reads_target
// CHECK: memref.copy
func.func @reads_target(%c: memref<8x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %t = memref.alloc() : memref<8x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    %v = memref.load %c[%j, %i] : memref<8x8xf32>
    memref.store %v, %t[%i, %j] : memref<8x8xf32>
  }
  memref.copy %t, %c : memref<8x8xf32> to memref<8x8xf32>
  memref.dealloc %t : memref<8x8xf32>
  return
}

// -----

// A temporary used after the copy, a call in between (unknown effects), a
// target of another type (a strided view) or defined after the temporary:
// each keeps its copy.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-4: memref.copy
func.func private @opaque()
func.func @kept(%c: memref<8x8xf32>, %d: memref<16x16xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %cst = arith.constant 1.0 : f32
  %t0 = memref.alloc() : memref<8x8xf32>
  linalg.fill ins(%cst : f32) outs(%t0 : memref<8x8xf32>)
  memref.copy %t0, %c : memref<8x8xf32> to memref<8x8xf32>
  %v = memref.load %t0[%c0, %c0] : memref<8x8xf32>
  %t1 = memref.alloc() : memref<8x8xf32>
  linalg.fill ins(%cst : f32) outs(%t1 : memref<8x8xf32>)
  func.call @opaque() : () -> ()
  memref.copy %t1, %c : memref<8x8xf32> to memref<8x8xf32>
  %t2 = memref.alloc() : memref<8x8xf32>
  linalg.fill ins(%cst : f32) outs(%t2 : memref<8x8xf32>)
  %view = memref.subview %d[0, 0] [8, 8] [1, 1] : memref<16x16xf32> to memref<8x8xf32, strided<[16, 1]>>
  memref.copy %t2, %view : memref<8x8xf32> to memref<8x8xf32, strided<[16, 1]>>
  %t3 = memref.alloc() : memref<8x8xf32>
  linalg.fill ins(%cst : f32) outs(%t3 : memref<8x8xf32>)
  %late = memref.alloc() : memref<8x8xf32>
  memref.copy %t3, %late : memref<8x8xf32> to memref<8x8xf32>
  return %v : f32
}
