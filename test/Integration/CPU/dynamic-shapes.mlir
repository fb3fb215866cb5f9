// stl.matmul on tensors with dynamic sizes (the grid sizes are computed at
// run time by the lowering), and the decomposed ops written by hand (shared
// encoded weights across a batch), checked against the dense reference
// (relative error at most 1e-5, f32).
// REQUIRES: mlir-runner
// RUN: cat %S/Inputs/harness.mlir %s | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s

// CHECK: dynamic: relative error
// CHECK-NEXT: PASS
// CHECK: shared weights: relative error
// CHECK-NEXT: PASS

func.func @dynamic(%x: tensor<?x?xf32>, %w: tensor<?x?xf32>,
                   %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = stl.matmul #stl.scheme<"strassen-4x4x4">
         ins(%x, %w : tensor<?x?xf32>, tensor<?x?xf32>)
         outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// 3 x (8x12) * (12x6), the weights encoded once for the whole batch.
func.func @shared_weights(%x: tensor<3x8x12xf32>, %w: tensor<12x6xf32>,
                          %c: tensor<3x8x6xf32>) -> tensor<3x8x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<3x7x4x6xf32>
  %xe = stl.encode lhs #stl.scheme<"winograd-2x2x2">
          ins(%x : tensor<3x8x12xf32>) outs(%e0 : tensor<3x7x4x6xf32>)
          -> tensor<3x7x4x6xf32>
  %e1 = tensor.empty() : tensor<7x6x3xf32>
  %we = stl.encode rhs #stl.scheme<"winograd-2x2x2">
          ins(%w : tensor<12x6xf32>) outs(%e1 : tensor<7x6x3xf32>)
          -> tensor<7x6x3xf32>
  %e2 = tensor.empty() : tensor<3x7x4x3xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<3x7x4x3xf32>)
           -> tensor<3x7x4x3xf32>
  %ce = stl.tile_product ins(%xe, %we : tensor<3x7x4x6xf32>, tensor<7x6x3xf32>)
          outs(%acc : tensor<3x7x4x3xf32>) -> tensor<3x7x4x3xf32>
  %r = stl.decode #stl.scheme<"winograd-2x2x2">
         ins(%ce : tensor<3x7x4x3xf32>) outs(%c : tensor<3x8x6xf32>)
         -> tensor<3x8x6xf32>
  return %r : tensor<3x8x6xf32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c6 = arith.constant 6 : index
  %c8 = arith.constant 8 : index
  %c12 = arith.constant 12 : index
  %c16 = arith.constant 16 : index
  %c24 = arith.constant 24 : index
  %c40 = arith.constant 40 : index

  %x = call @input(%c1, %c24, %c40, %c1)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %w = call @input(%c1, %c40, %c16, %c2)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %c = call @input(%c1, %c24, %c16, %c3)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %x2 = tensor.collapse_shape %x [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  %w2 = tensor.collapse_shape %w [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  %c2d = tensor.collapse_shape %c [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  %got = call @dynamic(%x2, %w2, %c2d)
      : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %m = tensor.dim %got, %c0 : tensor<?x?xf32>
  %n = tensor.dim %got, %c1 : tensor<?x?xf32>
  %got3 = tensor.expand_shape %got [[0, 1], [2]] output_shape [1, %m, %n]
      : tensor<?x?xf32> into tensor<1x?x?xf32>
  %gotd = tensor.cast %got3 : tensor<1x?x?xf32> to tensor<?x?x?xf32>
  %ref = call @reference(%x, %w, %c)
      : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  vector.print str "dynamic: "
  call @check(%gotd, %ref) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  %bx = call @input(%c3, %c8, %c12, %c1)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %bw = call @input(%c1, %c12, %c6, %c2)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %bc = call @input(%c3, %c8, %c6, %c3)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %bxs = tensor.cast %bx : tensor<?x?x?xf32> to tensor<3x8x12xf32>
  %bw1 = tensor.cast %bw : tensor<?x?x?xf32> to tensor<1x12x6xf32>
  %bws = tensor.collapse_shape %bw1 [[0, 1], [2]] : tensor<1x12x6xf32> into tensor<12x6xf32>
  %bcs = tensor.cast %bc : tensor<?x?x?xf32> to tensor<3x8x6xf32>
  %bgot = call @shared_weights(%bxs, %bws, %bcs)
      : (tensor<3x8x12xf32>, tensor<12x6xf32>, tensor<3x8x6xf32>) -> tensor<3x8x6xf32>
  %bgotd = tensor.cast %bgot : tensor<3x8x6xf32> to tensor<?x?x?xf32>
  // The reference broadcasts the weights over the batch.
  %e = tensor.empty() : tensor<3x12x6xf32>
  %bwb = linalg.broadcast ins(%bws : tensor<12x6xf32>) outs(%e : tensor<3x12x6xf32>)
           dimensions = [0]
  %bwd = tensor.cast %bwb : tensor<3x12x6xf32> to tensor<?x?x?xf32>
  %bref = call @reference(%bx, %bwd, %bc)
      : (tensor<?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  vector.print str "shared weights: "
  call @check(%bgotd, %bref) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  return
}
