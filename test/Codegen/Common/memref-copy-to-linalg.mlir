// RUN: stl-opt %s --stl-memref-copy-to-linalg | FileCheck %s

// Copies between ranked buffers become linalg.copy (and so loops and, in
// --stl-gpu-pipeline, kernels), strided ones included. Copies inside
// kernels and of unranked buffers stay.

// CHECK-LABEL: func.func @copies
// CHECK:         linalg.copy ins(%{{.*}} : memref<4x8xf32>) outs(%{{.*}} : memref<4x8xf32>)
// CHECK:         linalg.copy ins(%{{.*}} : memref<2x3xf32, strided<[8, 1], offset: 9>>) outs(%{{.*}} : memref<2x3xf32>)
// CHECK:         memref.copy %{{.*}}, %{{.*}} : memref<*xf32> to memref<*xf32>
// CHECK-NOT:     memref.copy
func.func @copies(%a: memref<4x8xf32>, %b: memref<4x8xf32>, %c: memref<2x3xf32>,
                  %u: memref<*xf32>, %v: memref<*xf32>) {
  memref.copy %a, %b : memref<4x8xf32> to memref<4x8xf32>
  %s = memref.subview %a[1, 1] [2, 3] [1, 1]
      : memref<4x8xf32> to memref<2x3xf32, strided<[8, 1], offset: 9>>
  memref.copy %s, %c : memref<2x3xf32, strided<[8, 1], offset: 9>> to memref<2x3xf32>
  memref.copy %u, %v : memref<*xf32> to memref<*xf32>
  return
}

// CHECK-LABEL: gpu.module @kernels
// CHECK:         memref.copy
gpu.module @kernels {
  gpu.func @k(%a: memref<4xf32>, %b: memref<4xf32>) kernel {
    memref.copy %a, %b : memref<4xf32> to memref<4xf32>
    gpu.return
  }
}
