// --stl-cpu-vectorize-contractions ends with one clean-up of the function:
// the unrolled micro-kernel's index computations are computed once (the
// accumulator's rows are read before the K loop, by the left operand's loads
// in it, and written after it, all at the same indices) instead of once per
// access, so that the passes after it lower less code.
// RUN: stl-opt %s --stl-cpu-vectorize-contractions=packing=false | FileCheck %s

// CHECK-LABEL: func.func @matmul
// CHECK-SAME: (%[[A:.*]]: memref<64x128xf32>, %[[B:.*]]: memref<128x128xf32>, %[[C:.*]]: memref<64x128xf32>)
// CHECK: %[[COL:.*]] = affine.apply #{{.*}}()[%{{.*}}, %{{.*}}]
// CHECK: %[[ROW0:.*]] = affine.apply #{{.*}}()[%{{.*}}, %{{.*}}]
// CHECK: vector.load %[[C]][%[[ROW0]], %[[COL]]]
// CHECK: %[[ROW1:.*]] = affine.apply
// CHECK: vector.load %[[C]][%[[ROW1]], %[[COL]]]
// CHECK: scf.for
// CHECK: vector.load %[[A]][%[[ROW0]], %{{.*}}]
// CHECK: vector.load %[[A]][%[[ROW1]], %{{.*}}]
// CHECK: scf.yield
// CHECK-NOT: affine.apply
// CHECK: vector.store %{{.*}}, %[[C]][%[[ROW0]], %[[COL]]]
// CHECK-NOT: affine.apply
// CHECK: vector.store %{{.*}}, %[[C]][%[[ROW1]], %[[COL]]]
// CHECK-NOT: affine.apply
// CHECK: return
func.func @matmul(%a: memref<64x128xf32>, %b: memref<128x128xf32>, %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x128xf32>, memref<128x128xf32>)
                outs(%c : memref<64x128xf32>)
  return
}
