// RUN: stl-opt %s --stl-gpu-managed-memory | FileCheck %s
// RUN: stl-opt %s --stl-gpu-managed-memory=device | FileCheck %s --check-prefix=DEVICE

// Host allocations become host-shared (managed) GPU allocations, frees
// become gpu.dealloc on a stream that is waited for, and globals are read
// through a managed copy freed at the end of the block. Nothing inside
// kernels changes.

memref.global "private" constant @coeffs : memref<4xf32> = dense<[1.0, 2.0, 3.0, 4.0]>

// CHECK-LABEL: func.func @host
// CHECK-SAME:    (%[[N:.*]]: index)
// CHECK:         %[[A:.*]] = gpu.alloc  host_shared (%[[N]]) : memref<?xf32>
// CHECK:         %[[G:.*]] = gpu.alloc  host_shared () : memref<4xf32>
// CHECK:         %[[READ:.*]] = memref.get_global @coeffs : memref<4xf32>
// CHECK:         memref.copy %[[READ]], %[[G]]
// CHECK:         gpu.launch
// CHECK:           memref.load %[[G]]
// CHECK:           memref.alloca
// CHECK:           memref.store {{.*}}, %[[A]]
// CHECK:         %[[T0:.*]] = gpu.wait async
// CHECK:         %[[T1:.*]] = gpu.dealloc async [%[[T0]]] %[[A]] : memref<?xf32>
// CHECK:         gpu.wait [%[[T1]]]
// CHECK:         %[[T2:.*]] = gpu.wait async
// CHECK:         %[[T3:.*]] = gpu.dealloc async [%[[T2]]] %[[G]] : memref<4xf32>
// CHECK:         gpu.wait [%[[T3]]]
// CHECK-NEXT:    return
// CHECK-NOT:   memref.alloc(
// CHECK-NOT:   memref.dealloc

// With device: device allocations, the global copied in with gpu.memcpy,
// synchronous gpu ops for --gpu-async-region to chain on one stream.
// DEVICE-LABEL: func.func @host
// DEVICE:         %[[A:.*]] = gpu.alloc  (%{{.*}}) : memref<?xf32>
// DEVICE:         %[[G:.*]] = gpu.alloc  () : memref<4xf32>
// DEVICE:         %[[READ:.*]] = memref.get_global @coeffs : memref<4xf32>
// DEVICE:         gpu.memcpy  %[[G]], %[[READ]] : memref<4xf32>, memref<4xf32>
// DEVICE-NOT:     memref.copy
// DEVICE:         gpu.launch
// DEVICE:         gpu.dealloc  %[[A]] : memref<?xf32>
// DEVICE-NEXT:    gpu.dealloc  %[[G]] : memref<4xf32>
// DEVICE-NEXT:    return
func.func @host(%n: index) {
  %c1 = arith.constant 1 : index
  %c0 = arith.constant 0 : index
  %a = memref.alloc(%n) : memref<?xf32>
  %g = memref.get_global @coeffs : memref<4xf32>
  gpu.launch blocks(%bx, %by, %bz) in (%x = %c1, %y = %c1, %z = %c1)
             threads(%tx, %ty, %tz) in (%u = %c1, %v = %c1, %w = %c1) {
    %e = memref.load %g[%c0] : memref<4xf32>
    %s = memref.alloca() : memref<1xf32>
    memref.store %e, %a[%c0] : memref<?xf32>
    gpu.terminator
  }
  memref.dealloc %a : memref<?xf32>
  return
}

// A global that is returned is copied but not freed.

// CHECK-LABEL: func.func @returned
// CHECK:         %[[G:.*]] = gpu.alloc  host_shared () : memref<4xf32>
// CHECK:         memref.copy
// CHECK-NOT:     gpu.dealloc
// CHECK:         return %[[G]]
func.func @returned() -> memref<4xf32> {
  %g = memref.get_global @coeffs : memref<4xf32>
  return %g : memref<4xf32>
}
