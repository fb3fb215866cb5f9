// RUN: stl-opt %s --stl-gpu-managed-memory=device -split-input-file -verify-diagnostics

// With device memory the host code may not read a buffer itself (here a
// result printed on the host): an error at the op, not a segmentation
// fault at run time.
func.func @host_read(%n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %a = memref.alloc(%n) : memref<?xf32>
  // expected-error @below {{stl-gpu-managed-memory: with 'device', the host code must not access buffers itself, but 'memref.load' does (device memory is not host accessible)}}
  %v = memref.load %a[%c0] : memref<?xf32>
  memref.dealloc %a : memref<?xf32>
  return %v : f32
}

// -----

// A copy on the host of a caller's buffer.
func.func @host_copy(%x: memref<4xf32>, %y: memref<4xf32>) {
  // expected-error @below {{'memref.copy' does (device memory is not host accessible)}}
  memref.copy %x, %y : memref<4xf32> to memref<4xf32>
  return
}
