// RUN: stl-opt %s --stl-cpu-vectorize-fills --canonicalize | FileCheck %s

// Static buffers with a contiguous innermost dimension: loops storing the
// widest vector (of 64, 32, 16, 8 elements) that divides it.
// CHECK-LABEL: func.func @vectorized
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<64xf32>
// CHECK-DAG:     %[[ONE:.*]] = arith.constant dense<1.000000e+00> : vector<8xf64>
// CHECK:         scf.for %[[I:.*]] = %c0 to %c49 step %c1
// CHECK:           scf.for %[[J:.*]] = %c0 to %c512 step %c1
// CHECK:             scf.for %[[K:.*]] = %c0 to %c512 step %c64
// CHECK:               vector.store %[[ZERO]], %arg0[%[[I]], %[[J]], %[[K]]] : memref<49x512x512xf32>, vector<64xf32>
// CHECK:         scf.for %[[I2:.*]] = %c0 to %c4 step %c1
// CHECK:           scf.for %[[J2:.*]] = %c0 to %c24 step %c8
// CHECK:             vector.store %[[ONE]], %arg1[%[[I2]], %[[J2]]] : memref<4x24xf64>, vector<8xf64>
// CHECK-NOT:     linalg.fill
func.func @vectorized(%a: memref<49x512x512xf32>, %b: memref<4x24xf64>) {
  %z = arith.constant 0.0 : f32
  %o = arith.constant 1.0 : f64
  linalg.fill ins(%z : f32) outs(%a : memref<49x512x512xf32>)
  linalg.fill ins(%o : f64) outs(%b : memref<4x24xf64>)
  return
}

// Left to the loop lowering: dynamic sizes, an innermost size that is not a
// multiple of 8, a strided innermost dimension, tensors.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-4: linalg.fill
// CHECK-NOT:     vector.store
func.func @left_alone(%c: memref<?x64xf32>, %d: memref<4x12xf32>,
                      %e: memref<64x64xf32, strided<[1, 64]>>,
                      %t: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<?x64xf32>)
  linalg.fill ins(%z : f32) outs(%d : memref<4x12xf32>)
  linalg.fill ins(%z : f32) outs(%e : memref<64x64xf32, strided<[1, 64]>>)
  %r = linalg.fill ins(%z : f32) outs(%t : tensor<8x64xf32>) -> tensor<8x64xf32>
  return %r : tensor<8x64xf32>
}

// Only the fills' own loops are rewritten: a view elsewhere in the function
// keeps its subview (alias folding is not applied to it).
// CHECK-LABEL: func.func @rest_untouched
// CHECK:         vector.store
// CHECK:         %[[VIEW:.*]] = memref.subview %arg1
// CHECK:         memref.load %[[VIEW]]
func.func @rest_untouched(%a: memref<8x64xf32>, %b: memref<16x16xf32>,
                          %i: index) -> f32 {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%a : memref<8x64xf32>)
  %v = memref.subview %b[4, 4] [8, 8] [1, 1]
      : memref<16x16xf32> to memref<8x8xf32, strided<[16, 1], offset: 68>>
  %x = memref.load %v[%i, %i] : memref<8x8xf32, strided<[16, 1], offset: 68>>
  return %x : f32
}
