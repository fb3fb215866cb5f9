// Repeated STL ops (a model's layers of one shape) are outlined into one
// function each by --convert-stl-to-linalg (see
// test/Conversion/STLToLinalg/outline-repeated.mlir) and still compute
// c + x * w, checked against the dense reference (relative error at most
// 1e-5, f32): chained layers (destinations filled with zero), destinations
// that are not fills (copied), the same value as both operands, dynamic
// sizes, and constant weights (encoded at compile time; the encode of the
// activations, the tile product and the decode outlined on their own).
// REQUIRES: mlir-runner
// RUN: cat %S/Inputs/harness.mlir %s | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-fold-constant-encodings --convert-stl-to-linalg \
// RUN:   | FileCheck %s --check-prefix=IR
// RUN: cat %S/Inputs/harness.mlir %s | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s
// The GPU pipeline's loop stage (host code, run on the CPU as in gpu-loops.mlir).
// RUN: cat %S/Inputs/harness.mlir %s | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-gpu-loops-pipeline \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu | FileCheck %s

// IR-DAG: func.func private @__stl_matmul_{{[0-9]+}}(%{{.*}}: tensor<24x16xf32>, %{{.*}}: tensor<16x16xf32>, %{{.*}}: f32) -> tensor<24x16xf32>
// IR-DAG: func.func private @__stl_matmul_{{[0-9]+}}(%{{.*}}: tensor<16x16xf32>, %{{.*}}: tensor<16x16xf32>, %{{.*}}: tensor<16x16xf32>) -> tensor<16x16xf32>
// IR-DAG: func.func private @__stl_matmul_{{[0-9]+}}(%{{.*}}: tensor<?x?xf32>, %{{.*}}: tensor<?x?xf32>, %{{.*}}: tensor<?x?xf32>) -> tensor<?x?xf32>
// IR-DAG: func.func private @__stl_encode_{{[0-9]+}}(%{{.*}}: tensor<24x8xf32>) -> tensor<7x12x4xf32>
// IR-DAG: func.func private @__stl_tile_product_{{[0-9]+}}(
// IR-DAG: func.func private @__stl_decode_{{[0-9]+}}(

// CHECK: layers: relative error
// CHECK-NEXT: PASS
// CHECK: square: relative error
// CHECK-NEXT: PASS
// CHECK: accumulate: relative error
// CHECK-NEXT: PASS
// CHECK: dynamic 1: relative error
// CHECK-NEXT: PASS
// CHECK: dynamic 2: relative error
// CHECK-NEXT: PASS
// CHECK: constant 1: relative error
// CHECK-NEXT: PASS
// CHECK: constant 2: relative error
// CHECK-NEXT: PASS

!X = tensor<24x16xf32>
!W = tensor<16x16xf32>
!S = tensor<16x16xf32>

func.func @layers(%x: !X, %w0: !W, %w1: !W, %w2: !W) -> !X {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : !X
  %c = linalg.fill ins(%zero : f32) outs(%e : !X) -> !X
  %y0 = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%x, %w0 : !X, !W) outs(%c : !X) -> !X
  %y1 = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%y0, %w1 : !X, !W) outs(%c : !X) -> !X
  %y2 = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%y1, %w2 : !X, !W) outs(%c : !X) -> !X
  return %y2 : !X
}

// c0 + a * a and c1 + a * b: destinations passed and copied.
func.func @accumulate(%a: !S, %b: !S, %c0: !S, %c1: !S) -> (!S, !S) {
  %r0 = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%a, %a : !S, !S) outs(%c0 : !S) -> !S
  %r1 = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%a, %b : !S, !S) outs(%c1 : !S) -> !S
  return %r0, %r1 : !S, !S
}

func.func @dynamic(%x: tensor<?x?xf32>, %w: tensor<?x?xf32>, %c: tensor<?x?xf32>,
                   %y: tensor<?x?xf32>, %v: tensor<?x?xf32>, %d: tensor<?x?xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %r0 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<?x?xf32>, tensor<?x?xf32>)
          outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  %r1 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%y, %v : tensor<?x?xf32>, tensor<?x?xf32>)
          outs(%d : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r0, %r1 : tensor<?x?xf32>, tensor<?x?xf32>
}

// Two layers with constant weights of one shape.
func.func @constants(%x: tensor<24x8xf32>) -> (tensor<24x8xf32>, tensor<24x8xf32>) {
  %w0 = arith.constant dense<[[0.25, -0.5, 0.75, 1.0, -0.25, 0.5, -0.75, 0.125],
                              [0.5, 0.25, -1.0, 0.375, 0.625, -0.125, 0.25, -0.5],
                              [-0.75, 0.125, 0.5, -0.25, 1.0, 0.75, -0.5, 0.25],
                              [1.0, -0.375, 0.25, 0.5, -0.625, 0.125, 0.75, -1.0],
                              [0.125, 0.75, -0.25, -0.5, 0.25, 1.0, 0.5, 0.375],
                              [-0.5, 1.0, 0.125, 0.75, -0.375, -0.25, 0.625, 0.5],
                              [0.375, -0.625, 1.0, 0.25, 0.5, -0.75, -0.125, 0.25],
                              [0.75, 0.5, -0.375, -1.0, 0.125, 0.25, 1.0, -0.625]]> : tensor<8x8xf32>
  %w1 = arith.constant dense<[[-0.5, 0.25, 0.125, -0.75, 1.0, 0.375, 0.5, -0.25],
                              [0.75, -1.0, 0.5, 0.25, -0.125, 0.625, -0.375, 1.0],
                              [0.25, 0.5, -0.625, 1.0, 0.75, -0.5, 0.125, 0.375],
                              [-1.0, 0.125, 0.75, -0.25, 0.5, 0.25, -0.75, 0.625],
                              [0.5, 0.375, -0.25, 0.125, -1.0, 0.75, 0.25, -0.5],
                              [0.125, -0.75, 1.0, 0.5, 0.25, -0.375, 0.625, 0.75],
                              [-0.25, 0.625, 0.375, -0.5, 0.125, 1.0, -1.0, 0.25],
                              [1.0, -0.25, -0.5, 0.625, 0.375, 0.125, 0.75, -0.75]]> : tensor<8x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<24x8xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<24x8xf32>) -> tensor<24x8xf32>
  %y0 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w0 : tensor<24x8xf32>, tensor<8x8xf32>)
          outs(%c : tensor<24x8xf32>) -> tensor<24x8xf32>
  %y1 = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w1 : tensor<24x8xf32>, tensor<8x8xf32>)
          outs(%c : tensor<24x8xf32>) -> tensor<24x8xf32>
  return %y0, %y1 : tensor<24x8xf32>, tensor<24x8xf32>
}

// [1, m, n] inputs as m x n matrices and back.
func.func @matrix(%t: tensor<?x?x?xf32>) -> tensor<?x?xf32> {
  %m = tensor.collapse_shape %t [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  return %m : tensor<?x?xf32>
}
func.func @batch(%m: tensor<?x?xf32>) -> tensor<?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = tensor.dim %m, %c0 : tensor<?x?xf32>
  %n = tensor.dim %m, %c1 : tensor<?x?xf32>
  %t = tensor.expand_shape %m [[0, 1], [2]] output_shape [1, %r, %n]
      : tensor<?x?xf32> into tensor<1x?x?xf32>
  %d = tensor.cast %t : tensor<1x?x?xf32> to tensor<?x?x?xf32>
  return %d : tensor<?x?x?xf32>
}
func.func @zeros(%m: index, %n: index) -> tensor<?x?x?xf32> {
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%c1, %m, %n) : tensor<?x?x?xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  return %z : tensor<?x?x?xf32>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %c8 = arith.constant 8 : index
  %c10 = arith.constant 10 : index
  %c12 = arith.constant 12 : index
  %c16 = arith.constant 16 : index
  %c24 = arith.constant 24 : index

  // Chained layers.
  %x3 = call @input(%c1, %c24, %c16, %c1) : (index, index, index, index) -> tensor<?x?x?xf32>
  %w03 = call @input(%c1, %c16, %c16, %c2) : (index, index, index, index) -> tensor<?x?x?xf32>
  %w13 = call @input(%c1, %c16, %c16, %c3) : (index, index, index, index) -> tensor<?x?x?xf32>
  %w23 = call @input(%c1, %c16, %c16, %c4) : (index, index, index, index) -> tensor<?x?x?xf32>
  %xm = call @matrix(%x3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %w0m = call @matrix(%w03) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %w1m = call @matrix(%w13) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %w2m = call @matrix(%w23) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %x = tensor.cast %xm : tensor<?x?xf32> to !X
  %w0 = tensor.cast %w0m : tensor<?x?xf32> to !W
  %w1 = tensor.cast %w1m : tensor<?x?xf32> to !W
  %w2 = tensor.cast %w2m : tensor<?x?xf32> to !W
  %y = call @layers(%x, %w0, %w1, %w2) : (!X, !W, !W, !W) -> !X
  %yd = tensor.cast %y : !X to tensor<?x?xf32>
  %y3 = call @batch(%yd) : (tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %z = call @zeros(%c24, %c16) : (index, index) -> tensor<?x?x?xf32>
  %r0 = call @reference(%x3, %w03, %z) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %r1 = call @reference(%r0, %w13, %z) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %r2 = call @reference(%r1, %w23, %z) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  vector.print str "layers: "
  call @check(%y3, %r2) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  // Accumulating into destinations that are not fills.
  %c03 = call @input(%c1, %c16, %c16, %c5) : (index, index, index, index) -> tensor<?x?x?xf32>
  %c13 = call @input(%c1, %c16, %c16, %c6) : (index, index, index, index) -> tensor<?x?x?xf32>
  %c0m = call @matrix(%c03) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %c1m = call @matrix(%c13) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %acc0 = tensor.cast %c0m : tensor<?x?xf32> to !S
  %acc1 = tensor.cast %c1m : tensor<?x?xf32> to !S
  %s0, %s1 = call @accumulate(%w0, %w1, %acc0, %acc1) : (!S, !S, !S, !S) -> (!S, !S)
  %s0d = tensor.cast %s0 : !S to tensor<?x?xf32>
  %s03 = call @batch(%s0d) : (tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %q0 = call @reference(%w03, %w03, %c03) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  vector.print str "square: "
  call @check(%s03, %q0) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  %s1d = tensor.cast %s1 : !S to tensor<?x?xf32>
  %s13 = call @batch(%s1d) : (tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %q1 = call @reference(%w03, %w13, %c13) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  vector.print str "accumulate: "
  call @check(%s13, %q1) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  // Dynamic sizes: 12 x 8 times 8 x 6, and 6 x 10 times 10 x 4.
  %a3 = call @input(%c1, %c12, %c8, %c1) : (index, index, index, index) -> tensor<?x?x?xf32>
  %b3 = call @input(%c1, %c8, %c6, %c2) : (index, index, index, index) -> tensor<?x?x?xf32>
  %d3 = call @input(%c1, %c12, %c6, %c3) : (index, index, index, index) -> tensor<?x?x?xf32>
  %e3 = call @input(%c1, %c6, %c10, %c4) : (index, index, index, index) -> tensor<?x?x?xf32>
  %f3 = call @input(%c1, %c10, %c4, %c5) : (index, index, index, index) -> tensor<?x?x?xf32>
  %g3 = call @input(%c1, %c6, %c4, %c6) : (index, index, index, index) -> tensor<?x?x?xf32>
  %am = call @matrix(%a3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %bm = call @matrix(%b3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %dm = call @matrix(%d3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %em = call @matrix(%e3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %fm = call @matrix(%f3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %gm = call @matrix(%g3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %t0, %t1 = call @dynamic(%am, %bm, %dm, %em, %fm, %gm)
      : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>)
      -> (tensor<?x?xf32>, tensor<?x?xf32>)
  %t03 = call @batch(%t0) : (tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %t13 = call @batch(%t1) : (tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %u0 = call @reference(%a3, %b3, %d3) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %u1 = call @reference(%e3, %f3, %g3) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  vector.print str "dynamic 1: "
  call @check(%t03, %u0) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  vector.print str "dynamic 2: "
  call @check(%t13, %u1) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  // Constant weights: the reference reads the same constants.
  %k3 = call @input(%c1, %c24, %c8, %c2) : (index, index, index, index) -> tensor<?x?x?xf32>
  %km = call @matrix(%k3) : (tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %k = tensor.cast %km : tensor<?x?xf32> to tensor<24x8xf32>
  %o0, %o1 = call @constants(%k) : (tensor<24x8xf32>) -> (tensor<24x8xf32>, tensor<24x8xf32>)
  %cw0 = arith.constant dense<[[[0.25, -0.5, 0.75, 1.0, -0.25, 0.5, -0.75, 0.125],
                                [0.5, 0.25, -1.0, 0.375, 0.625, -0.125, 0.25, -0.5],
                                [-0.75, 0.125, 0.5, -0.25, 1.0, 0.75, -0.5, 0.25],
                                [1.0, -0.375, 0.25, 0.5, -0.625, 0.125, 0.75, -1.0],
                                [0.125, 0.75, -0.25, -0.5, 0.25, 1.0, 0.5, 0.375],
                                [-0.5, 1.0, 0.125, 0.75, -0.375, -0.25, 0.625, 0.5],
                                [0.375, -0.625, 1.0, 0.25, 0.5, -0.75, -0.125, 0.25],
                                [0.75, 0.5, -0.375, -1.0, 0.125, 0.25, 1.0, -0.625]]]> : tensor<1x8x8xf32>
  %cw1 = arith.constant dense<[[[-0.5, 0.25, 0.125, -0.75, 1.0, 0.375, 0.5, -0.25],
                                [0.75, -1.0, 0.5, 0.25, -0.125, 0.625, -0.375, 1.0],
                                [0.25, 0.5, -0.625, 1.0, 0.75, -0.5, 0.125, 0.375],
                                [-1.0, 0.125, 0.75, -0.25, 0.5, 0.25, -0.75, 0.625],
                                [0.5, 0.375, -0.25, 0.125, -1.0, 0.75, 0.25, -0.5],
                                [0.125, -0.75, 1.0, 0.5, 0.25, -0.375, 0.625, 0.75],
                                [-0.25, 0.625, 0.375, -0.5, 0.125, 1.0, -1.0, 0.25],
                                [1.0, -0.25, -0.5, 0.625, 0.375, 0.125, 0.75, -0.75]]]> : tensor<1x8x8xf32>
  %cw0d = tensor.cast %cw0 : tensor<1x8x8xf32> to tensor<?x?x?xf32>
  %cw1d = tensor.cast %cw1 : tensor<1x8x8xf32> to tensor<?x?x?xf32>
  %zk = call @zeros(%c24, %c8) : (index, index) -> tensor<?x?x?xf32>
  %p0 = call @reference(%k3, %cw0d, %zk) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %p1 = call @reference(%k3, %cw1d, %zk) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %o0d = tensor.cast %o0 : tensor<24x8xf32> to tensor<?x?xf32>
  %o03 = call @batch(%o0d) : (tensor<?x?xf32>) -> tensor<?x?x?xf32>
  %o1d = tensor.cast %o1 : tensor<24x8xf32> to tensor<?x?xf32>
  %o13 = call @batch(%o1d) : (tensor<?x?xf32>) -> tensor<?x?x?xf32>
  vector.print str "constant 1: "
  call @check(%o03, %p0) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  vector.print str "constant 2: "
  call @check(%o13, %p1) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  return
}
