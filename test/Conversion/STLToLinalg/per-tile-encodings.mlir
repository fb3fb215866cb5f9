// --convert-stl-to-linalg=per-tile-encodings (the GPU pipelines'): a
// float stl.encode / stl.decode becomes one scf.parallel over the grid of
// tiles writing a fresh buffer (a tensor again, restrict and writable),
// each iteration reading a tile's elements and storing its channels (or the
// reverse), the coefficients folded into the arithmetic: no coefficient
// constant, no zero fill, no reduction. Sums are in f32 (f64 for f64 data)
// and rounded once. Integer data keeps the contraction form.
// RUN: stl-opt %s -split-input-file --convert-stl-to-linalg=per-tile-encodings \
// RUN:   --canonicalize --cse | FileCheck %s

// strassen-2x2x2's U on bf16 data into bf16 encodings: the 4 elements of a
// tile extended once, 7 channels of +-1 sums, each rounded once.
// CHECK-LABEL: func.func @encode_bf16
// CHECK-SAME: (%[[X:.*]]: tensor<64x32xbf16>
// CHECK-NOT: arith.constant dense
// CHECK-NOT: linalg.
// CHECK: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<7x32x16xbf16>
// CHECK: scf.parallel (%[[I:.*]], %[[J:.*]]) = (%{{.*}}, %{{.*}}) to (%c32, %c16)
// CHECK-COUNT-4: tensor.extract %[[X]]
// CHECK-NOT: tensor.extract
// CHECK-NOT: arith.mulf
// CHECK: %[[S0:.*]] = arith.addf
// CHECK-NEXT: %[[R0:.*]] = arith.truncf %[[S0]] : f32 to bf16
// CHECK: arith.negf
// CHECK: arith.subf
// CHECK: memref.store %[[R0]], %[[OUT]][%c0, %[[I]], %[[J]]]
// CHECK-COUNT-6: memref.store {{.*}}, %[[OUT]]
// CHECK-NOT: memref.store
// CHECK: %[[T:.*]] = bufferization.to_tensor %[[OUT]] restrict writable : memref<7x32x16xbf16> to tensor<7x32x16xbf16>
// CHECK: return %[[T]]
func.func @encode_bf16(%x: tensor<64x32xbf16>, %e: tensor<7x32x16xbf16>)
    -> tensor<7x32x16xbf16> {
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2">
         ins(%x : tensor<64x32xbf16>) outs(%e : tensor<7x32x16xbf16>)
         -> tensor<7x32x16xbf16>
  return %r : tensor<7x32x16xbf16>
}

// -----

// Coefficients other than +-1 and 0 are multiplications by constants of
// the sum type (here f64: f64 data, no extension); a zero one is no term.
// CHECK-LABEL: func.func @encode_f64_coefficients
// CHECK-DAG: %[[C25:.*]] = arith.constant 2.500000e+00 : f64
// CHECK-DAG: %[[C05:.*]] = arith.constant 5.000000e-01 : f64
// CHECK: scf.parallel
// CHECK: %[[A:.*]] = tensor.extract
// CHECK: %[[B:.*]] = tensor.extract
// CHECK-NOT: arith.extf
// CHECK: %[[P:.*]] = arith.mulf %[[B]], %[[C05]]
// CHECK: %[[S:.*]] = arith.addf %[[A]], %[[P]]
// CHECK: %[[Q:.*]] = arith.mulf %[[B]], %[[C25]]
// CHECK-NOT: arith.addf
// CHECK: memref.store %[[S]]
// CHECK: memref.store %[[Q]]
// CHECK-NOT: memref.store
func.func @encode_f64_coefficients(%x: tensor<8x8xf64>, %e: tensor<2x8x4xf64>)
    -> tensor<2x8x4xf64> {
  %r = stl.encode lhs #stl.scheme<tile = [1, 2, 1], rank = 2,
                                  lhs = [[1, 0.5], [0, 2.5]],
                                  rhs = [[1, 1], [1, 1]], out = [[1, 1]]>
         ins(%x : tensor<8x8xf64>) outs(%e : tensor<2x8x4xf64>)
         -> tensor<2x8x4xf64>
  return %r : tensor<2x8x4xf64>
}

// -----

// A decoding into a fill of a non-zero scalar adds the scalar (extended to
// f32) instead of reading the destination, and rounds each element once
// into the bf16 destination.
// CHECK-LABEL: func.func @decode_into_fill
// CHECK-SAME: (%[[P:.*]]: tensor<7x32x8xf32>
// CHECK-DAG: %[[S:.*]] = arith.constant 1.500000e+00 : f32
// CHECK-NOT: linalg.fill
// CHECK: %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<64x16xbf16>
// CHECK: scf.parallel
// CHECK: %[[P0:.*]] = tensor.extract %[[P]][%c0,
// CHECK-COUNT-6: tensor.extract %[[P]]
// CHECK-NOT: tensor.extract
// CHECK: %[[S0:.*]] = arith.addf %[[P0]], %[[S]] : f32
// CHECK: arith.truncf {{.*}} : f32 to bf16
// CHECK-COUNT-4: memref.store {{.*}}, %[[OUT]]
// CHECK: bufferization.to_tensor %[[OUT]] restrict writable
func.func @decode_into_fill(%p: tensor<7x32x8xf32>) -> tensor<64x16xbf16> {
  %s = arith.constant 1.5 : bf16
  %e = tensor.empty() : tensor<64x16xbf16>
  %c = linalg.fill ins(%s : bf16) outs(%e : tensor<64x16xbf16>) -> tensor<64x16xbf16>
  %r = stl.decode #stl.scheme<"strassen-2x2x2">
         ins(%p : tensor<7x32x8xf32>) outs(%c : tensor<64x16xbf16>)
         -> tensor<64x16xbf16>
  return %r : tensor<64x16xbf16>
}

// -----

// Any other destination is read: each element's initial value starts its
// sum.
// CHECK-LABEL: func.func @decode_accumulate
// CHECK-SAME: (%[[P:.*]]: tensor<7x32x8xf32>, %[[C:.*]]: tensor<64x16xf32>)
// CHECK: %[[OUT:.*]] = memref.alloc()
// CHECK: scf.parallel
// CHECK-COUNT-7: tensor.extract %[[P]]
// CHECK: %[[OLD:.*]] = tensor.extract %[[C]]
// CHECK-NEXT: arith.addf %[[OLD]],
// CHECK-COUNT-3: tensor.extract %[[C]]
// CHECK-COUNT-4: memref.store {{.*}}, %[[OUT]]
func.func @decode_accumulate(%p: tensor<7x32x8xf32>, %c: tensor<64x16xf32>)
    -> tensor<64x16xf32> {
  %r = stl.decode #stl.scheme<"strassen-2x2x2">
         ins(%p : tensor<7x32x8xf32>) outs(%c : tensor<64x16xf32>)
         -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// Batch dimensions and dynamic sizes: the grid's sizes are computed, the
// fresh buffer sized like the destination.
// CHECK-LABEL: func.func @encode_dynamic_batched
// CHECK-SAME: (%[[X:.*]]: tensor<?x?x?xf32>, %[[E:.*]]: tensor<?x7x?x?xf32>)
// CHECK-DAG: %[[B:.*]] = tensor.dim %[[E]], %c0
// CHECK-DAG: %[[G1:.*]] = tensor.dim %[[E]], %c2
// CHECK-DAG: %[[G2:.*]] = tensor.dim %[[E]], %c3
// CHECK: memref.alloc(%[[B]], %[[G1]], %[[G2]]) {alignment = 64 : i64} : memref<?x7x?x?xf32>
// CHECK: scf.parallel (%[[IB:.*]], %{{.*}}, %{{.*}}) = ({{.*}}) to (%[[B]], %[[G1]], %[[G2]])
// CHECK: tensor.extract %[[X]][%[[IB]],
func.func @encode_dynamic_batched(%x: tensor<?x?x?xf32>, %e: tensor<?x7x?x?xf32>)
    -> tensor<?x7x?x?xf32> {
  %r = stl.encode rhs #stl.scheme<"strassen-2x2x2">
         ins(%x : tensor<?x?x?xf32>) outs(%e : tensor<?x7x?x?xf32>)
         -> tensor<?x7x?x?xf32>
  return %r : tensor<?x7x?x?xf32>
}

// -----

// Integer data keeps the contraction with the coefficient tensor.
// CHECK-LABEL: func.func @encode_integer
// CHECK: arith.constant dense
// CHECK: linalg.generic
// CHECK-NOT: scf.parallel
func.func @encode_integer(%x: tensor<8x8xi32>, %e: tensor<7x4x4xi32>)
    -> tensor<7x4x4xi32> {
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2">
         ins(%x : tensor<8x8xi32>) outs(%e : tensor<7x4x4xi32>)
         -> tensor<7x4x4xi32>
  return %r : tensor<7x4x4xi32>
}

// -----

// stl.matmul of bf16 data with a bf16 destination: decoded straight into
// the destination (no f32 copy of it, no rounding pass after), whose zero
// fill is no term.
// CHECK-LABEL: func.func @matmul_bf16
// CHECK-NOT: linalg.generic {{.*}}ins(%{{.*}} : tensor<64x16xbf16>)
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK: scf.parallel
// CHECK-COUNT-7: tensor.extract
// CHECK-NOT: tensor.extract
// CHECK: arith.truncf {{.*}} : f32 to bf16
// CHECK-COUNT-4: memref.store
// CHECK: %[[R:.*]] = bufferization.to_tensor {{.*}} : memref<64x16xbf16> to tensor<64x16xbf16>
// CHECK-NEXT: return %[[R]]
func.func @matmul_bf16(%a: tensor<64x32xbf16>, %b: tensor<32x16xbf16>)
    -> tensor<64x16xbf16> {
  %zero = arith.constant 0.0 : bf16
  %e = tensor.empty() : tensor<64x16xbf16>
  %z = linalg.fill ins(%zero : bf16) outs(%e : tensor<64x16xbf16>) -> tensor<64x16xbf16>
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%a, %b : tensor<64x32xbf16>, tensor<32x16xbf16>)
         outs(%z : tensor<64x16xbf16>) -> tensor<64x16xbf16>
  return %r : tensor<64x16xbf16>
}
