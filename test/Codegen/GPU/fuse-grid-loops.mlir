// RUN: stl-opt %s --split-input-file --stl-gpu-fuse-grid-loops | FileCheck %s

// CHECK-LABEL: func.func @fused(
// CHECK-SAME:      %[[P:.*]]: tensor<3x4x8xf32>)
// CHECK-NOT:     memref<8x16xf32>
// CHECK:         %[[B:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
// CHECK-NEXT:    scf.parallel (%[[I:.*]], %[[J:.*]]) =
// CHECK-NEXT:      %[[X:.*]] = tensor.extract %[[P]][%c0, %[[I]], %[[J]]]
// CHECK-NEXT:      %[[Y:.*]] = tensor.extract %[[P]][%c1, %[[I]], %[[J]]]
// CHECK-NEXT:      %[[Z:.*]] = tensor.extract %[[P]][%c2, %[[I]], %[[J]]]
// CHECK:           %[[S:.*]] = arith.addf %[[X]], %[[Y]]
// CHECK-NEXT:      %[[T:.*]] = arith.subf %[[Y]], %[[Z]]
// CHECK-NOT:       tensor.extract
// CHECK:           %[[U:.*]] = arith.addf %[[X]], %[[S]]
// CHECK-NEXT:      %[[V:.*]] = arith.subf %[[T]], %[[Z]]
// CHECK-NEXT:      memref.store %[[U]], %[[B]][%c0, %[[I]], %[[J]]]
// CHECK-NEXT:      memref.store %[[V]], %[[B]][%c1, %[[I]], %[[J]]]
// CHECK-NEXT:      scf.reduce
// CHECK-NOT:     scf.parallel
// CHECK:         bufferization.to_tensor %[[B]]
// A decoding-like loop (3 channels of a 4x8 grid into 2x2 tiles of an
// 8x16 result) and an encoding-like loop of that result with the same
// tiles: one loop, the result never stored.
func.func @fused(%p: tensor<3x4x8xf32>) -> tensor<2x4x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %x = tensor.extract %p[%c0, %i, %j] : tensor<3x4x8xf32>
    %y = tensor.extract %p[%c1, %i, %j] : tensor<3x4x8xf32>
    %z = tensor.extract %p[%c2, %i, %j] : tensor<3x4x8xf32>
    %r0 = arith.muli %i, %c2 : index
    %r1 = arith.addi %r0, %c1 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %s = arith.addf %x, %y : f32
    %t = arith.subf %y, %z : f32
    memref.store %x, %a[%r0, %q0] : memref<8x16xf32>
    memref.store %s, %a[%r0, %q1] : memref<8x16xf32>
    memref.store %t, %a[%r1, %q0] : memref<8x16xf32>
    memref.store %z, %a[%r1, %q1] : memref<8x16xf32>
    scf.reduce
  }
  %h = bufferization.to_tensor %a restrict writable : memref<8x16xf32> to tensor<8x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %r0 = arith.muli %i, %c2 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %r1 = arith.addi %r0, %c1 : index
    %e00 = tensor.extract %h[%r0, %q0] : tensor<8x16xf32>
    %e01 = tensor.extract %h[%r0, %q1] : tensor<8x16xf32>
    %e10 = tensor.extract %h[%r1, %q0] : tensor<8x16xf32>
    %e11 = tensor.extract %h[%r1, %q1] : tensor<8x16xf32>
    %u = arith.addf %e00, %e01 : f32
    %v = arith.subf %e10, %e11 : f32
    memref.store %u, %b[%c0, %i, %j] : memref<2x4x8xf32>
    memref.store %v, %b[%c1, %i, %j] : memref<2x4x8xf32>
    scf.reduce
  }
  %r = bufferization.to_tensor %b restrict writable : memref<2x4x8xf32> to tensor<2x4x8xf32>
  return %r : tensor<2x4x8xf32>
}

// -----

// The result also returned: the loops fused, its stores kept.
// CHECK-LABEL: func.func @also_returned(
// CHECK:         %[[A:.*]] = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
// CHECK:         %[[B:.*]] = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
// CHECK-NEXT:    scf.parallel
// CHECK-COUNT-4:   memref.store {{.*}}, %[[A]]
// CHECK-NOT:       tensor.extract {{.*}} : tensor<8x16xf32>
// CHECK-COUNT-2:   memref.store {{.*}}, %[[B]]
// CHECK:         }
// CHECK-NOT:     scf.parallel
func.func @also_returned(%p: tensor<3x4x8xf32>) -> (tensor<2x4x8xf32>, tensor<8x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %x = tensor.extract %p[%c0, %i, %j] : tensor<3x4x8xf32>
    %y = tensor.extract %p[%c1, %i, %j] : tensor<3x4x8xf32>
    %z = tensor.extract %p[%c2, %i, %j] : tensor<3x4x8xf32>
    %r0 = arith.muli %i, %c2 : index
    %r1 = arith.addi %r0, %c1 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %s = arith.addf %x, %y : f32
    %t = arith.subf %y, %z : f32
    memref.store %x, %a[%r0, %q0] : memref<8x16xf32>
    memref.store %s, %a[%r0, %q1] : memref<8x16xf32>
    memref.store %t, %a[%r1, %q0] : memref<8x16xf32>
    memref.store %z, %a[%r1, %q1] : memref<8x16xf32>
    scf.reduce
  }
  %h = bufferization.to_tensor %a restrict writable : memref<8x16xf32> to tensor<8x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %r0 = arith.muli %i, %c2 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %r1 = arith.addi %r0, %c1 : index
    %e00 = tensor.extract %h[%r0, %q0] : tensor<8x16xf32>
    %e01 = tensor.extract %h[%r0, %q1] : tensor<8x16xf32>
    %e10 = tensor.extract %h[%r1, %q0] : tensor<8x16xf32>
    %e11 = tensor.extract %h[%r1, %q1] : tensor<8x16xf32>
    %u = arith.addf %e00, %e01 : f32
    %v = arith.subf %e10, %e11 : f32
    memref.store %u, %b[%c0, %i, %j] : memref<2x4x8xf32>
    memref.store %v, %b[%c1, %i, %j] : memref<2x4x8xf32>
    scf.reduce
  }
  %r = bufferization.to_tensor %b restrict writable : memref<2x4x8xf32> to tensor<2x4x8xf32>
  return %r, %h : tensor<2x4x8xf32>, tensor<8x16xf32>
}

// -----

// Loops of other bounds: left alone.
// CHECK-LABEL: func.func @other_bounds(
// CHECK-COUNT-2: scf.parallel
func.func @other_bounds(%p: tensor<3x4x8xf32>) -> tensor<2x4x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %x = tensor.extract %p[%c0, %i, %j] : tensor<3x4x8xf32>
    %y = tensor.extract %p[%c1, %i, %j] : tensor<3x4x8xf32>
    %z = tensor.extract %p[%c2, %i, %j] : tensor<3x4x8xf32>
    %r0 = arith.muli %i, %c2 : index
    %r1 = arith.addi %r0, %c1 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %s = arith.addf %x, %y : f32
    %t = arith.subf %y, %z : f32
    memref.store %x, %a[%r0, %q0] : memref<8x16xf32>
    memref.store %s, %a[%r0, %q1] : memref<8x16xf32>
    memref.store %t, %a[%r1, %q0] : memref<8x16xf32>
    memref.store %z, %a[%r1, %q1] : memref<8x16xf32>
    scf.reduce
  }
  %h = bufferization.to_tensor %a restrict writable : memref<8x16xf32> to tensor<8x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c4) step (%c1, %c1) {
    %r0 = arith.muli %i, %c2 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %r1 = arith.addi %r0, %c1 : index
    %e00 = tensor.extract %h[%r0, %q0] : tensor<8x16xf32>
    %e01 = tensor.extract %h[%r0, %q1] : tensor<8x16xf32>
    %e10 = tensor.extract %h[%r1, %q0] : tensor<8x16xf32>
    %e11 = tensor.extract %h[%r1, %q1] : tensor<8x16xf32>
    %u = arith.addf %e00, %e01 : f32
    %v = arith.subf %e10, %e11 : f32
    memref.store %u, %b[%c0, %i, %j] : memref<2x4x8xf32>
    memref.store %v, %b[%c1, %i, %j] : memref<2x4x8xf32>
    scf.reduce
  }
  %r = bufferization.to_tensor %b restrict writable : memref<2x4x8xf32> to tensor<2x4x8xf32>
  return %r : tensor<2x4x8xf32>
}

// -----

// A read of the next tile's element (another iteration's): left alone.
// CHECK-LABEL: func.func @neighbour_tile(
// CHECK-COUNT-2: scf.parallel
func.func @neighbour_tile(%p: tensor<3x4x8xf32>) -> tensor<2x4x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %x = tensor.extract %p[%c0, %i, %j] : tensor<3x4x8xf32>
    %y = tensor.extract %p[%c1, %i, %j] : tensor<3x4x8xf32>
    %z = tensor.extract %p[%c2, %i, %j] : tensor<3x4x8xf32>
    %r0 = arith.muli %i, %c2 : index
    %r1 = arith.addi %r0, %c1 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %s = arith.addf %x, %y : f32
    %t = arith.subf %y, %z : f32
    memref.store %x, %a[%r0, %q0] : memref<8x16xf32>
    memref.store %s, %a[%r0, %q1] : memref<8x16xf32>
    memref.store %t, %a[%r1, %q0] : memref<8x16xf32>
    memref.store %z, %a[%r1, %q1] : memref<8x16xf32>
    scf.reduce
  }
  %h = bufferization.to_tensor %a restrict writable : memref<8x16xf32> to tensor<8x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %r0 = arith.muli %i, %c2 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %r1 = arith.addi %r0, %c1 : index
    %e00 = tensor.extract %h[%r0, %q0] : tensor<8x16xf32>
    %e01 = tensor.extract %h[%r0, %q1] : tensor<8x16xf32>
    %e10 = tensor.extract %h[%r1, %q0] : tensor<8x16xf32>
    %q2 = arith.addi %q1, %c1 : index
    %e11 = tensor.extract %h[%r1, %q2] : tensor<8x16xf32>
    %u = arith.addf %e00, %e01 : f32
    %v = arith.subf %e10, %e11 : f32
    memref.store %u, %b[%c0, %i, %j] : memref<2x4x8xf32>
    memref.store %v, %b[%c1, %i, %j] : memref<2x4x8xf32>
    scf.reduce
  }
  %r = bufferization.to_tensor %b restrict writable : memref<2x4x8xf32> to tensor<2x4x8xf32>
  return %r : tensor<2x4x8xf32>
}

// -----

// The second loop uses a value computed from the result between the
// loops: left alone.
// CHECK-LABEL: func.func @value_between(
// CHECK-COUNT-2: scf.parallel
func.func @value_between(%p: tensor<3x4x8xf32>, %w: f32) -> tensor<2x4x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %x = tensor.extract %p[%c0, %i, %j] : tensor<3x4x8xf32>
    %y = tensor.extract %p[%c1, %i, %j] : tensor<3x4x8xf32>
    %z = tensor.extract %p[%c2, %i, %j] : tensor<3x4x8xf32>
    %r0 = arith.muli %i, %c2 : index
    %r1 = arith.addi %r0, %c1 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %s = arith.addf %x, %y : f32
    %t = arith.subf %y, %z : f32
    memref.store %x, %a[%r0, %q0] : memref<8x16xf32>
    memref.store %s, %a[%r0, %q1] : memref<8x16xf32>
    memref.store %t, %a[%r1, %q0] : memref<8x16xf32>
    memref.store %z, %a[%r1, %q1] : memref<8x16xf32>
    scf.reduce
  }
  %h = bufferization.to_tensor %a restrict writable : memref<8x16xf32> to tensor<8x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
  %k = tensor.extract %h[%c0, %c0] : tensor<8x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %r0 = arith.muli %i, %c2 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %r1 = arith.addi %r0, %c1 : index
    %e00 = tensor.extract %h[%r0, %q0] : tensor<8x16xf32>
    %e01 = tensor.extract %h[%r0, %q1] : tensor<8x16xf32>
    %e10 = tensor.extract %h[%r1, %q0] : tensor<8x16xf32>
    %e11 = tensor.extract %h[%r1, %q1] : tensor<8x16xf32>
    %u0 = arith.addf %e00, %e01 : f32
    %u = arith.mulf %u0, %k : f32
    %v = arith.subf %e10, %e11 : f32
    memref.store %u, %b[%c0, %i, %j] : memref<2x4x8xf32>
    memref.store %v, %b[%c1, %i, %j] : memref<2x4x8xf32>
    scf.reduce
  }
  %r = bufferization.to_tensor %b restrict writable : memref<2x4x8xf32> to tensor<2x4x8xf32>
  return %r : tensor<2x4x8xf32>
}

// -----

// The second loop stores a buffer that the first reads: left alone (its
// stores would come before the first loop's reads).
// CHECK-LABEL: func.func @buffer_read_before(
// CHECK-COUNT-2: scf.parallel
func.func @buffer_read_before(%p: tensor<3x4x8xf32>) -> tensor<2x4x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<8x16xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<2x4x8xf32>
  %old = bufferization.to_tensor %b restrict : memref<2x4x8xf32> to tensor<2x4x8xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %x = tensor.extract %old[%c0, %i, %j] : tensor<2x4x8xf32>
    %y = tensor.extract %p[%c1, %i, %j] : tensor<3x4x8xf32>
    %z = tensor.extract %p[%c2, %i, %j] : tensor<3x4x8xf32>
    %r0 = arith.muli %i, %c2 : index
    %r1 = arith.addi %r0, %c1 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %s = arith.addf %x, %y : f32
    %t = arith.subf %y, %z : f32
    memref.store %x, %a[%r0, %q0] : memref<8x16xf32>
    memref.store %s, %a[%r0, %q1] : memref<8x16xf32>
    memref.store %t, %a[%r1, %q0] : memref<8x16xf32>
    memref.store %z, %a[%r1, %q1] : memref<8x16xf32>
    scf.reduce
  }
  %h = bufferization.to_tensor %a restrict writable : memref<8x16xf32> to tensor<8x16xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %r0 = arith.muli %i, %c2 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %r1 = arith.addi %r0, %c1 : index
    %e00 = tensor.extract %h[%r0, %q0] : tensor<8x16xf32>
    %e01 = tensor.extract %h[%r0, %q1] : tensor<8x16xf32>
    %e10 = tensor.extract %h[%r1, %q0] : tensor<8x16xf32>
    %e11 = tensor.extract %h[%r1, %q1] : tensor<8x16xf32>
    %u = arith.addf %e00, %e01 : f32
    %v = arith.subf %e10, %e11 : f32
    memref.store %u, %b[%c0, %i, %j] : memref<2x4x8xf32>
    memref.store %v, %b[%c1, %i, %j] : memref<2x4x8xf32>
    scf.reduce
  }
  %r = bufferization.to_tensor %b restrict writable : memref<2x4x8xf32> to tensor<2x4x8xf32>
  return %r : tensor<2x4x8xf32>
}
