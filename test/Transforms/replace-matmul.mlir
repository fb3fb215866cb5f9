// --stl-replace-matmul: which MatMuls are rewritten, and into what.
// RUN: stl-opt %s --stl-replace-matmul | FileCheck %s --check-prefix=AUTO
// RUN: stl-opt %s --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | FileCheck %s --check-prefix=S2
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/strassen-2x2x2.json" \
// RUN:   | FileCheck %s --check-prefix=S2
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%inputs/schemes/scaled-strassen-2x2x2.json" \
// RUN:   | FileCheck %s --check-prefix=FILE
// RUN: stl-opt %s --stl-replace-matmul=pad | FileCheck %s --check-prefix=PAD
// RUN: stl-opt %s --stl-replace-matmul=min-macs=10000 | FileCheck %s --check-prefix=MIN
// RUN: stl-opt %s --stl-replace-matmul=narrow-encodings | FileCheck %s --check-prefix=NARROW
// Running the pass twice changes nothing more.
// RUN: stl-opt %s --stl-replace-matmul=pad > %t.once
// RUN: stl-opt %t.once --stl-replace-matmul=pad > %t.twice
// RUN: diff %t.once %t.twice

// The shared Strassen file has the catalog's name and coefficients: it is the
// catalog scheme. The rescaled one is printed in full, once: as an alias the
// ops refer to.
// FILE: #[[SCALED:stl_scaled_strassen_2x2x2]] = #stl.scheme<name = "scaled-strassen-2x2x2", tile = [2, 2, 2], rank = 7, lhs = {{\[\[}}2, 0, 0, 2],
// FILE-NOT: #stl.scheme<

// With no scheme, the exact catalog scheme that saves the most: strassen-4x4x4
// when 4 divides M, K and N. The destination is kept.
// AUTO-LABEL: func.func @divisible_by_4
// AUTO: %[[R:.*]] = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %arg1 : tensor<64x32xf32>, tensor<32x16xf32>) outs(%arg2 : tensor<64x16xf32>) -> tensor<64x16xf32>
// AUTO: return %[[R]]
// S2-LABEL: func.func @divisible_by_4
// S2: stl.matmul #stl.scheme<"strassen-2x2x2">
// FILE-LABEL: func.func @divisible_by_4
// FILE: stl.matmul #[[SCALED]] ins(
// MIN-LABEL: func.func @divisible_by_4
// MIN: stl.matmul
func.func @divisible_by_4(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>,
                          %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>)
                     outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// Only 2 divides every size: winograd-2x2x2. Below min-macs: left alone.
// AUTO-LABEL: func.func @divisible_by_2
// AUTO: stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%arg0, %arg1 : tensor<6x10xf64>, tensor<10x14xf64>)
// S2-LABEL: func.func @divisible_by_2
// S2: stl.matmul #stl.scheme<"strassen-2x2x2">
// MIN-LABEL: func.func @divisible_by_2
// MIN-NOT: stl.matmul
// MIN: return
func.func @divisible_by_2(%x: tensor<6x10xf64>, %w: tensor<10x14xf64>,
                          %c: tensor<6x14xf64>) -> tensor<6x14xf64> {
  %r = linalg.matmul ins(%x, %w : tensor<6x10xf64>, tensor<10x14xf64>)
                     outs(%c : tensor<6x14xf64>) -> tensor<6x14xf64>
  return %r : tensor<6x14xf64>
}

// Transposed weights (as frontends emit x * W^T): the weights are transposed
// to [K, N] first.
// AUTO-LABEL: func.func @transposed_b
// AUTO-SAME: (%[[X:.*]]: tensor<64x32xf32>, %[[WT:.*]]: tensor<16x32xf32>, %[[C:.*]]: tensor<64x16xf32>)
// AUTO: %[[E:.*]] = tensor.empty() : tensor<32x16xf32>
// AUTO: %[[W:.*]] = linalg.transpose ins(%[[WT]] : tensor<16x32xf32>) outs(%[[E]] : tensor<32x16xf32>) permutation = [1, 0]
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%[[X]], %[[W]] : tensor<64x32xf32>, tensor<32x16xf32>) outs(%[[C]] : tensor<64x16xf32>)
func.func @transposed_b(%x: tensor<64x32xf32>, %wt: tensor<16x32xf32>,
                        %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %r = linalg.matmul indexing_maps = [
                       affine_map<(d0, d1, d2) -> (d0, d2)>,
                       affine_map<(d0, d1, d2) -> (d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1)>]
                     ins(%x, %wt : tensor<64x32xf32>, tensor<16x32xf32>)
                     outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// Transposed activations.
// AUTO-LABEL: func.func @transposed_a
// AUTO: %[[X:.*]] = linalg.transpose ins(%arg0 : tensor<32x64xf32>) outs(%{{.*}} : tensor<64x32xf32>) permutation = [1, 0]
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%[[X]], %arg1 : tensor<64x32xf32>, tensor<32x16xf32>)
func.func @transposed_a(%xt: tensor<32x64xf32>, %w: tensor<32x16xf32>,
                        %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %r = linalg.matmul indexing_maps = [
                       affine_map<(d0, d1, d2) -> (d2, d0)>,
                       affine_map<(d0, d1, d2) -> (d2, d1)>,
                       affine_map<(d0, d1, d2) -> (d0, d1)>]
                     ins(%xt, %w : tensor<32x64xf32>, tensor<32x16xf32>)
                     outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// Batched MatMuls keep their batch dimension; transposed keys (Q * K^T).
// AUTO-LABEL: func.func @batched
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %arg1 : tensor<3x8x12xf32>, tensor<3x12x16xf32>) outs(%arg2 : tensor<3x8x16xf32>) -> tensor<3x8x16xf32>
// AUTO: %[[K:.*]] = linalg.transpose ins(%arg3 : tensor<3x16x12xf32>) outs(%{{.*}} : tensor<3x12x16xf32>) permutation = [0, 2, 1]
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %[[K]] : tensor<3x8x12xf32>, tensor<3x12x16xf32>)
func.func @batched(%x: tensor<3x8x12xf32>, %w: tensor<3x12x16xf32>,
                   %c: tensor<3x8x16xf32>, %kt: tensor<3x16x12xf32>)
    -> (tensor<3x8x16xf32>, tensor<3x8x16xf32>) {
  %r = linalg.batch_matmul ins(%x, %w : tensor<3x8x12xf32>, tensor<3x12x16xf32>)
                           outs(%c : tensor<3x8x16xf32>) -> tensor<3x8x16xf32>
  %s = linalg.batch_matmul indexing_maps = [
                       affine_map<(b, m, n, k) -> (b, m, k)>,
                       affine_map<(b, m, n, k) -> (b, n, k)>,
                       affine_map<(b, m, n, k) -> (b, m, n)>]
                     ins(%x, %kt : tensor<3x8x12xf32>, tensor<3x16x12xf32>)
                     outs(%c : tensor<3x8x16xf32>) -> tensor<3x8x16xf32>
  return %r, %s : tensor<3x8x16xf32>, tensor<3x8x16xf32>
}

// linalg.contract: a plain MatMul, and tokens [B, S, K] times weights [K, N]
// shared by the batch (no transposition, unbatched weights).
// AUTO-LABEL: func.func @contract
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %arg1 : tensor<8x12xf32>, tensor<12x16xf32>)
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg3, %arg1 : tensor<2x8x12xf32>, tensor<12x16xf32>) outs(%arg4 : tensor<2x8x16xf32>)
func.func @contract(%x: tensor<8x12xf32>, %w: tensor<12x16xf32>,
                    %c: tensor<8x16xf32>, %tokens: tensor<2x8x12xf32>,
                    %out: tensor<2x8x16xf32>)
    -> (tensor<8x16xf32>, tensor<2x8x16xf32>) {
  %r = linalg.contract indexing_maps = [
                         affine_map<(m, n, k) -> (m, k)>,
                         affine_map<(m, n, k) -> (k, n)>,
                         affine_map<(m, n, k) -> (m, n)>]
                       ins(%x, %w : tensor<8x12xf32>, tensor<12x16xf32>)
                       outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  %s = linalg.contract indexing_maps = [
                         affine_map<(b, m, n, k) -> (b, m, k)>,
                         affine_map<(b, m, n, k) -> (k, n)>,
                         affine_map<(b, m, n, k) -> (b, m, n)>]
                       ins(%tokens, %w : tensor<2x8x12xf32>, tensor<12x16xf32>)
                       outs(%out : tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
  return %r, %s : tensor<8x16xf32>, tensor<2x8x16xf32>
}

// A linalg.generic contraction, recognised by structure; mixed precision
// (f16 inputs extended to an f32 accumulator) is kept.
// AUTO-LABEL: func.func @generic_mixed_precision
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%arg0, %arg1 : tensor<8x8xf16>, tensor<8x8xf16>) outs(%arg2 : tensor<8x8xf32>) -> tensor<8x8xf32>
// AUTO-NOT: linalg.generic
// AUTO: return
// With narrow-encodings, the encoded operands are to stay in f16 (by
// default they are widened to f32 when decomposed); same-type MatMuls get
// no attribute.
// NARROW-NOT: encoded_type
// NARROW-LABEL: func.func @generic_mixed_precision
// NARROW: stl.matmul #stl.scheme<"strassen-4x4x4"> {encoded_type = f16} ins(%arg0, %arg1 : tensor<8x8xf16>, tensor<8x8xf16>)
// NARROW-NOT: encoded_type
func.func @generic_mixed_precision(%x: tensor<8x8xf16>, %w: tensor<8x8xf16>,
                                   %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                                        affine_map<(i, j, k) -> (k, j)>,
                                        affine_map<(i, j, k) -> (i, j)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<8x8xf16>, tensor<8x8xf16>) outs(%c : tensor<8x8xf32>) {
  ^bb0(%a: f16, %b: f16, %o: f32):
    %ae = arith.extf %a : f16 to f32
    %be = arith.extf %b : f16 to f32
    %p = arith.mulf %ae, %be : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// A result stored transposed: the destination is transposed in, the result
// transposed back.
// AUTO-LABEL: func.func @generic_transposed_result
// AUTO: %[[C:.*]] = linalg.transpose ins(%arg2 : tensor<16x8xf32>) outs(%{{.*}} : tensor<8x16xf32>) permutation = [1, 0]
// AUTO: %[[R:.*]] = stl.matmul {{.*}} outs(%[[C]] : tensor<8x16xf32>)
// AUTO: %[[RT:.*]] = linalg.transpose ins(%[[R]] : tensor<8x16xf32>) outs(%{{.*}} : tensor<16x8xf32>) permutation = [1, 0]
// AUTO: return %[[RT]]
func.func @generic_transposed_result(%x: tensor<8x12xf32>, %w: tensor<12x16xf32>,
                                     %ct: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                                        affine_map<(i, j, k) -> (k, j)>,
                                        affine_map<(i, j, k) -> (j, i)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<8x12xf32>, tensor<12x16xf32>) outs(%ct : tensor<16x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %p, %o : f32
    linalg.yield %s : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// Sizes the tile does not divide: left alone, or with pad, padded with zeros
// (only the operands that need it) and the result sliced back.
// AUTO-LABEL: func.func @not_divisible
// AUTO-NOT: stl.matmul
// AUTO: return
// PAD-LABEL: func.func @not_divisible
// PAD-SAME: (%[[X:.*]]: tensor<6x10xf32>, %[[W:.*]]: tensor<10x15xf32>, %[[C:.*]]: tensor<6x15xf32>)
// PAD: %[[WP:.*]] = tensor.pad %[[W]] low[0, 0] high[0, 1]
// PAD: } : tensor<10x15xf32> to tensor<10x16xf32>
// PAD: %[[CP:.*]] = tensor.pad %[[C]] low[0, 0] high[0, 1]
// PAD: } : tensor<6x15xf32> to tensor<6x16xf32>
// PAD: %[[R:.*]] = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%[[X]], %[[WP]] : tensor<6x10xf32>, tensor<10x16xf32>) outs(%[[CP]] : tensor<6x16xf32>)
// PAD: %[[S:.*]] = tensor.extract_slice %[[R]][0, 0] [6, 15] [1, 1] : tensor<6x16xf32> to tensor<6x15xf32>
// PAD: return %[[S]]
func.func @not_divisible(%x: tensor<6x10xf32>, %w: tensor<10x15xf32>,
                         %c: tensor<6x15xf32>) -> tensor<6x15xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<6x10xf32>, tensor<10x15xf32>)
                     outs(%c : tensor<6x15xf32>) -> tensor<6x15xf32>
  return %r : tensor<6x15xf32>
}

// Dynamic sizes: left alone, or with pad, padded to the tile at run time.
// AUTO-LABEL: func.func @dynamic
// AUTO-NOT: stl.matmul
// AUTO: return
// PAD-LABEL: func.func @dynamic
// PAD: %[[M:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x32xf32>
// PAD: %[[H:.*]] = affine.apply #{{.*}}()[%[[M]]]
// PAD: tensor.pad %arg0 low[0, 0] high[%[[H]], 0]
// PAD: %[[R:.*]] = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%{{.*}}, %arg1 : tensor<?x32xf32>, tensor<32x16xf32>) outs(%{{.*}} : tensor<?x16xf32>)
// PAD: tensor.extract_slice %[[R]][0, 0] [%{{.*}}, 16] [1, 1] : tensor<?x16xf32> to tensor<?x16xf32>
func.func @dynamic(%x: tensor<?x32xf32>, %w: tensor<32x16xf32>,
                   %c: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<?x32xf32>, tensor<32x16xf32>)
                     outs(%c : tensor<?x16xf32>) -> tensor<?x16xf32>
  return %r : tensor<?x16xf32>
}

// Every MatMul of a function is considered, nested ones included.
// AUTO-LABEL: func.func @nested
// AUTO: scf.for
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4">
// AUTO: stl.matmul #stl.scheme<"strassen-4x4x4">
func.func @nested(%x: tensor<8x8xf32>, %n: index) -> tensor<8x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<8x8xf32> {
    %p = linalg.matmul ins(%acc, %x : tensor<8x8xf32>, tensor<8x8xf32>)
                       outs(%x : tensor<8x8xf32>) -> tensor<8x8xf32>
    scf.yield %p : tensor<8x8xf32>
  }
  %s = linalg.matmul ins(%r, %x : tensor<8x8xf32>, tensor<8x8xf32>)
                     outs(%x : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %s : tensor<8x8xf32>
}

// Left alone whatever the options (see replace-matmul-report.mlir for the
// reasons given): i4 integers, buffers, a matrix-vector product.
// AUTO-LABEL: func.func @left_alone
// AUTO-NOT: stl.matmul
// AUTO: return
// PAD-LABEL: func.func @left_alone
// PAD-NOT: stl.matmul
// PAD: return
func.func @left_alone(%i: tensor<8x8xi4>, %m: memref<8x8xf32>,
                      %a: tensor<8x8xf32>, %v: tensor<8xf32>)
    -> (tensor<8x8xi4>, tensor<8xf32>) {
  %0 = linalg.matmul ins(%i, %i : tensor<8x8xi4>, tensor<8x8xi4>)
                     outs(%i : tensor<8x8xi4>) -> tensor<8x8xi4>
  linalg.matmul ins(%m, %m : memref<8x8xf32>, memref<8x8xf32>)
                outs(%m : memref<8x8xf32>)
  %1 = linalg.matvec ins(%a, %v : tensor<8x8xf32>, tensor<8xf32>)
                     outs(%v : tensor<8xf32>) -> tensor<8xf32>
  return %0, %1 : tensor<8x8xi4>, tensor<8xf32>
}
