// --stl-copy-strided-returns: a view returned through a cast that drops its
// strides (what one-shot bufferization gives for a returned slice of a
// larger buffer) becomes a contiguous copy; contiguous casts stay.
// RUN: stl-opt %s --stl-copy-strided-returns | FileCheck %s

// CHECK-LABEL: func.func @dynamic_view
// CHECK-SAME: (%[[B:.*]]: memref<?x?xf32>, %[[M:.*]]: index, %[[N:.*]]: index)
// CHECK: %[[V:.*]] = memref.subview %[[B]]
// CHECK-DAG: %[[D0:.*]] = memref.dim %[[V]], %c0
// CHECK-DAG: %[[D1:.*]] = memref.dim %[[V]], %c1
// CHECK: %[[COPY:.*]] = memref.alloc(%[[D0]], %[[D1]]) : memref<?x?xf32>
// CHECK: linalg.copy ins(%[[V]] : memref<?x?xf32, strided<[?, 1]>>) outs(%[[COPY]] : memref<?x?xf32>)
// CHECK-NOT: memref.cast
// CHECK: return %[[COPY]] : memref<?x?xf32>
func.func @dynamic_view(%buffer: memref<?x?xf32>, %m: index, %n: index) -> memref<?x?xf32> {
  %view = memref.subview %buffer[0, 0] [%m, %n] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  %cast = memref.cast %view : memref<?x?xf32, strided<[?, 1]>> to memref<?x?xf32>
  return %cast : memref<?x?xf32>
}

// A cast used elsewhere too keeps that use; the copy is taken at the
// return, after the writes into the view.
// CHECK-LABEL: func.func @also_written
// CHECK: %[[CAST:.*]] = memref.cast
// CHECK: memref.store %{{.*}}, %[[CAST]]
// CHECK: %[[COPY:.*]] = memref.alloc
// CHECK: linalg.copy
// CHECK: return %[[COPY]]
func.func @also_written(%buffer: memref<?x?xf32>, %m: index, %x: f32) -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %view = memref.subview %buffer[0, 0] [%m, %m] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1]>>
  %cast = memref.cast %view : memref<?x?xf32, strided<[?, 1]>> to memref<?x?xf32>
  memref.store %x, %cast[%c0, %c0] : memref<?x?xf32>
  return %cast : memref<?x?xf32>
}

// Casts of contiguous buffers are left alone.
// CHECK-LABEL: func.func @contiguous
// CHECK-NOT: memref.alloc
// CHECK: %[[CAST:.*]] = memref.cast
// CHECK: return %[[CAST]]
func.func @contiguous(%buffer: memref<4x8xf32>) -> memref<?x8xf32> {
  %cast = memref.cast %buffer : memref<4x8xf32> to memref<?x8xf32>
  return %cast : memref<?x8xf32>
}

// CHECK-LABEL: func.func @static_contiguous_layout
// CHECK-NOT: memref.alloc
// CHECK: return
func.func @static_contiguous_layout(%buffer: memref<4x8xf32, strided<[8, 1]>>) -> memref<4x8xf32> {
  %cast = memref.cast %buffer : memref<4x8xf32, strided<[8, 1]>> to memref<4x8xf32>
  return %cast : memref<4x8xf32>
}
