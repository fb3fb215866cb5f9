// --stl-reuse-workspace: static temporaries of a function's entry block
// become module globals, used by the call that holds the function's lock
// (taken by an atomic exchange on entry, given back before the return); a
// call that finds the lock taken allocates and frees its own buffers.
// RUN: stl-opt %s --stl-reuse-workspace --split-input-file | FileCheck %s

// CHECK-LABEL: module
// CHECK: memref.global "private" @__stl_workspace_temporaries_lock : memref<i32> = dense<0>
// CHECK: memref.global "private" @__stl_workspace_temporaries_0 : memref<64xf32> = uninitialized {alignment = 64 : i64}
// CHECK: memref.global "private" @__stl_workspace_temporaries_1 : memref<4x8xf64> = uninitialized
// CHECK-LABEL: func.func @temporaries
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK: %[[LOCK:.*]] = memref.get_global @__stl_workspace_temporaries_lock
// CHECK: %[[PREVIOUS:.*]] = memref.atomic_rmw assign %[[ONE]], %[[LOCK]][]
// CHECK: %[[HOLDS:.*]] = arith.cmpi eq, %[[PREVIOUS]], %[[ZERO]]
// CHECK: %[[T:.*]] = scf.if %[[HOLDS]] -> (memref<64xf32>) {
// CHECK:   %[[G:.*]] = memref.get_global @__stl_workspace_temporaries_0 : memref<64xf32>
// CHECK:   scf.yield %[[G]]
// CHECK: } else {
// CHECK:   %[[OWN:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
// CHECK:   scf.yield %[[OWN]]
// CHECK: }
// CHECK: memref.copy %{{.*}}, %[[T]]
// CHECK: memref.subview %[[T]]
// CHECK: %[[U:.*]] = scf.if %[[HOLDS]] -> (memref<4x8xf64>)
// CHECK: scf.if %[[HOLDS]] {
// CHECK-NEXT: } else {
// CHECK-NEXT:   memref.dealloc %[[T]]
// CHECK: scf.if %[[HOLDS]] {
// CHECK-NEXT: } else {
// CHECK-NEXT:   memref.dealloc %[[U]]
// CHECK: scf.if %[[HOLDS]] {
// CHECK-NEXT:   %[[L:.*]] = memref.get_global @__stl_workspace_temporaries_lock
// CHECK-NEXT:   memref.atomic_rmw assign %[[ZERO]], %[[L]][]
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @temporaries(%a: memref<64xf32>, %o: memref<64xf32>) {
  %t = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
  memref.copy %a, %t : memref<64xf32> to memref<64xf32>
  %s = memref.subview %t[0] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1]>>
  %c0 = arith.constant 0 : index
  %x = memref.load %s[%c0] : memref<32xf32, strided<[1]>>
  memref.store %x, %o[%c0] : memref<64xf32>
  %u = memref.alloc() : memref<4x8xf64>
  memref.dealloc %t : memref<64xf32>
  memref.dealloc %u : memref<4x8xf64>
  return
}

// -----

// Buffers that leave the function (returned, directly or through a view),
// have dynamic sizes, a memory space or a layout, or are allocated in a
// loop are left alone; a function without any buffer to keep gets no lock.
// CHECK-LABEL: module
// CHECK-NOT: memref.global
// CHECK-LABEL: func.func @kept_on_the_heap
// CHECK-NOT: memref.get_global
// CHECK-COUNT-6: memref.alloc
// CHECK-NOT: memref.get_global
// CHECK: return
func.func @kept_on_the_heap(%n: index) -> (memref<8xf32>, memref<?xf32>) {
  %returned = memref.alloc() : memref<8xf32>
  %viewed = memref.alloc() : memref<8xf32>
  %cast = memref.cast %viewed : memref<8xf32> to memref<?xf32>
  %dynamic = memref.alloc(%n) : memref<?xf32>
  %space = memref.alloc() : memref<8xf32, 1>
  %strided = memref.alloc() : memref<8xf32, strided<[2]>>
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %nested = memref.alloc() : memref<8xf32>
    memref.dealloc %nested : memref<8xf32>
  }
  memref.dealloc %dynamic : memref<?xf32>
  memref.dealloc %space : memref<8xf32, 1>
  memref.dealloc %strided : memref<8xf32, strided<[2]>>
  return %returned, %cast : memref<8xf32>, memref<?xf32>
}

// -----

// A function of more than one block, declarations and the functions of GPU
// modules are left alone; a symbol already named as a workspace global
// makes the new one take another name.
// CHECK-LABEL: module
// CHECK: memref.global "private" @__stl_workspace_renamed_0 : memref<2xi8>
// CHECK: memref.global "private" @__stl_workspace_renamed_lock
// CHECK: memref.global "private" @[[NAME:__stl_workspace_renamed_0_[0-9]+]] : memref<16xf32> = uninitialized
// CHECK-LABEL: func.func @renamed
// CHECK: memref.get_global @[[NAME]] : memref<16xf32>
// CHECK-LABEL: func.func @blocks
// CHECK-NOT: memref.get_global
// CHECK: gpu.module
// CHECK-NOT: memref.get_global
memref.global "private" @__stl_workspace_renamed_0 : memref<2xi8> = uninitialized
func.func @renamed() {
  %t = memref.alloc() : memref<16xf32>
  memref.dealloc %t : memref<16xf32>
  return
}
func.func @blocks(%c: i1) {
  %t = memref.alloc() : memref<16xf32>
  cf.cond_br %c, ^a, ^b
^a:
  memref.dealloc %t : memref<16xf32>
  return
^b:
  memref.dealloc %t : memref<16xf32>
  return
}
func.func private @declared()
gpu.module @kernels {
  func.func @device() {
    %t = memref.alloc() : memref<16xf32>
    memref.dealloc %t : memref<16xf32>
    return
  }
}
