// Every eligible form of MatMul, rewritten into STL and run on the CPU:
// linalg.matmul with transposed operands, linalg.contract, linalg.generic
// contractions (transposed result, batch dimension inside an operand),
// linalg.batch_matmul with transposed weights, weights shared by a batch,
// sizes the tile does not divide (padded) and dynamic sizes (padded at run
// time). Each result is checked against the harness's dense reference on
// the same inputs: relative error at most 1e-5 (f32) and 1e-13 (f64).
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %s | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="pad report" -o %t.f32.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REPORT
// RUN: stl-opt --stl-cpu-pipeline %t.f32.mlir | %run_cpu | FileCheck %s
// RUN: cat %S/Inputs/harness.mlir %s | sed -e 's/@T@/f64/g' -e 's/@BOUND@/1.0e-13/' \
// RUN:   | stl-opt --stl-replace-matmul="pad report" -o %t.f64.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REPORT
// RUN: stl-opt --stl-cpu-pipeline %t.f64.mlir | %run_cpu | FileCheck %s

// Every MatMul of the program is replaced (the harness has none).
// REPORT: remark: stl-replace-matmul: replaced 12 of 12 MatMuls
// CHECK: matmul_transposed_a: relative error
// CHECK-NEXT: PASS
// CHECK: matmul_transposed_b: relative error
// CHECK-NEXT: PASS
// CHECK: matmul_transposed_both: relative error
// CHECK-NEXT: PASS
// CHECK: contract: relative error
// CHECK-NEXT: PASS
// CHECK: generic: relative error
// CHECK-NEXT: PASS
// CHECK: generic_transposed_result: relative error
// CHECK-NEXT: PASS
// CHECK: batch_matmul_transposed_b: relative error
// CHECK-NEXT: PASS
// CHECK: contract_batched: relative error
// CHECK-NEXT: PASS
// CHECK: generic_batch_inside: relative error
// CHECK-NEXT: PASS
// CHECK: contract_shared_weights: relative error
// CHECK-NEXT: PASS
// CHECK: padded: relative error
// CHECK-NEXT: PASS
// CHECK: dynamic: relative error
// CHECK-NEXT: PASS

func.func @matmul_transposed_a(%x: tensor<24x40x@T@>, %w: tensor<40x16x@T@>, %c: tensor<24x16x@T@>) -> tensor<24x16x@T@> {
  %xt_e = tensor.empty() : tensor<40x24x@T@>
  %xt = linalg.transpose ins(%x : tensor<24x40x@T@>) outs(%xt_e : tensor<40x24x@T@>) permutation = [1, 0]
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%xt, %w : tensor<40x24x@T@>, tensor<40x16x@T@>) outs(%c : tensor<24x16x@T@>) -> tensor<24x16x@T@>
  return %r : tensor<24x16x@T@>
}

func.func @matmul_transposed_b(%x: tensor<24x40x@T@>, %w: tensor<40x16x@T@>, %c: tensor<24x16x@T@>) -> tensor<24x16x@T@> {
  %wt_e = tensor.empty() : tensor<16x40x@T@>
  %wt = linalg.transpose ins(%w : tensor<40x16x@T@>) outs(%wt_e : tensor<16x40x@T@>) permutation = [1, 0]
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%x, %wt : tensor<24x40x@T@>, tensor<16x40x@T@>) outs(%c : tensor<24x16x@T@>) -> tensor<24x16x@T@>
  return %r : tensor<24x16x@T@>
}

func.func @matmul_transposed_both(%x: tensor<24x40x@T@>, %w: tensor<40x16x@T@>, %c: tensor<24x16x@T@>) -> tensor<24x16x@T@> {
  %xt_e = tensor.empty() : tensor<40x24x@T@>
  %xt = linalg.transpose ins(%x : tensor<24x40x@T@>) outs(%xt_e : tensor<40x24x@T@>) permutation = [1, 0]
  %wt_e = tensor.empty() : tensor<16x40x@T@>
  %wt = linalg.transpose ins(%w : tensor<40x16x@T@>) outs(%wt_e : tensor<16x40x@T@>) permutation = [1, 0]
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%xt, %wt : tensor<40x24x@T@>, tensor<16x40x@T@>) outs(%c : tensor<24x16x@T@>) -> tensor<24x16x@T@>
  return %r : tensor<24x16x@T@>
}

func.func @contract(%x: tensor<24x40x@T@>, %w: tensor<40x16x@T@>, %c: tensor<24x16x@T@>) -> tensor<24x16x@T@> {
  %wt_e = tensor.empty() : tensor<16x40x@T@>
  %wt = linalg.transpose ins(%w : tensor<40x16x@T@>) outs(%wt_e : tensor<16x40x@T@>) permutation = [1, 0]
  %r = linalg.contract indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%x, %wt : tensor<24x40x@T@>, tensor<16x40x@T@>) outs(%c : tensor<24x16x@T@>) -> tensor<24x16x@T@>
  return %r : tensor<24x16x@T@>
}

func.func @generic(%x: tensor<24x40x@T@>, %w: tensor<40x16x@T@>, %c: tensor<24x16x@T@>) -> tensor<24x16x@T@> {
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %w : tensor<24x40x@T@>, tensor<40x16x@T@>) outs(%c : tensor<24x16x@T@>) {
  ^bb0(%a: @T@, %b: @T@, %o: @T@):
    %p = arith.mulf %a, %b : @T@
    %s = arith.addf %o, %p : @T@
    linalg.yield %s : @T@
  } -> tensor<24x16x@T@>
  return %r : tensor<24x16x@T@>
}

// The result is stored transposed ([N, M]) and transposed back here.
func.func @generic_transposed_result(%x: tensor<24x40x@T@>, %w: tensor<40x16x@T@>, %c: tensor<24x16x@T@>) -> tensor<24x16x@T@> {
  %ct_e = tensor.empty() : tensor<16x24x@T@>
  %ct = linalg.transpose ins(%c : tensor<24x16x@T@>) outs(%ct_e : tensor<16x24x@T@>) permutation = [1, 0]
  %rt = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (n, m)>],
                        iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %w : tensor<24x40x@T@>, tensor<40x16x@T@>) outs(%ct : tensor<16x24x@T@>) {
  ^bb0(%a: @T@, %b: @T@, %o: @T@):
    %p = arith.mulf %a, %b : @T@
    %s = arith.addf %o, %p : @T@
    linalg.yield %s : @T@
  } -> tensor<16x24x@T@>
  %r_e = tensor.empty() : tensor<24x16x@T@>
  %r = linalg.transpose ins(%rt : tensor<16x24x@T@>) outs(%r_e : tensor<24x16x@T@>) permutation = [1, 0]
  return %r : tensor<24x16x@T@>
}

func.func @batch_matmul_transposed_b(%x: tensor<3x8x12x@T@>, %w: tensor<3x12x16x@T@>, %c: tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@> {
  %wt_e = tensor.empty() : tensor<3x16x12x@T@>
  %wt = linalg.transpose ins(%w : tensor<3x12x16x@T@>) outs(%wt_e : tensor<3x16x12x@T@>) permutation = [0, 2, 1]
  %r = linalg.batch_matmul indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>, affine_map<(b, m, n, k) -> (b, n, k)>, affine_map<(b, m, n, k) -> (b, m, n)>]
         ins(%x, %wt : tensor<3x8x12x@T@>, tensor<3x16x12x@T@>) outs(%c : tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  return %r : tensor<3x8x16x@T@>
}

func.func @contract_batched(%x: tensor<3x8x12x@T@>, %w: tensor<3x12x16x@T@>, %c: tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@> {
  %r = linalg.contract indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>, affine_map<(b, m, n, k) -> (b, k, n)>, affine_map<(b, m, n, k) -> (b, m, n)>]
         ins(%x, %w : tensor<3x8x12x@T@>, tensor<3x12x16x@T@>) outs(%c : tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  return %r : tensor<3x8x16x@T@>
}

// The left operand is stored [M, B, K].
func.func @generic_batch_inside(%x: tensor<3x8x12x@T@>, %w: tensor<3x12x16x@T@>, %c: tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@> {
  %xp_e = tensor.empty() : tensor<8x3x12x@T@>
  %xp = linalg.transpose ins(%x : tensor<3x8x12x@T@>) outs(%xp_e : tensor<8x3x12x@T@>) permutation = [1, 0, 2]
  %r = linalg.generic {indexing_maps = [affine_map<(b, m, n, k) -> (m, b, k)>, affine_map<(b, m, n, k) -> (b, k, n)>, affine_map<(b, m, n, k) -> (b, m, n)>],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
         ins(%xp, %w : tensor<8x3x12x@T@>, tensor<3x12x16x@T@>) outs(%c : tensor<3x8x16x@T@>) {
  ^bb0(%a: @T@, %b: @T@, %o: @T@):
    %p = arith.mulf %a, %b : @T@
    %s = arith.addf %o, %p : @T@
    linalg.yield %s : @T@
  } -> tensor<3x8x16x@T@>
  return %r : tensor<3x8x16x@T@>
}

// Weights shared by every batch: the batch dimension is another M
// dimension.
func.func @contract_shared_weights(%x: tensor<3x8x12x@T@>, %w: tensor<12x16x@T@>, %c: tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@> {
  %r = linalg.contract indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>, affine_map<(b, m, n, k) -> (k, n)>, affine_map<(b, m, n, k) -> (b, m, n)>]
         ins(%x, %w : tensor<3x8x12x@T@>, tensor<12x16x@T@>) outs(%c : tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  return %r : tensor<3x8x16x@T@>
}

// Sizes that 4 does not divide: padded (the run uses the option pad).
func.func @padded(%x: tensor<6x10x@T@>, %w: tensor<10x15x@T@>, %c: tensor<6x15x@T@>) -> tensor<6x15x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<6x10x@T@>, tensor<10x15x@T@>) outs(%c : tensor<6x15x@T@>) -> tensor<6x15x@T@>
  return %r : tensor<6x15x@T@>
}

// Dynamic sizes (6x10x15 at run time): padded at run time.
func.func @dynamic(%x: tensor<?x?x@T@>, %w: tensor<?x?x@T@>, %c: tensor<?x?x@T@>) -> tensor<?x?x@T@> {
  %r = linalg.matmul ins(%x, %w : tensor<?x?x@T@>, tensor<?x?x@T@>) outs(%c : tensor<?x?x@T@>) -> tensor<?x?x@T@>
  return %r : tensor<?x?x@T@>
}

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c6 = arith.constant 6 : index
  %c8 = arith.constant 8 : index
  %c10 = arith.constant 10 : index
  %c12 = arith.constant 12 : index
  %c15 = arith.constant 15 : index
  %c16 = arith.constant 16 : index
  %c24 = arith.constant 24 : index
  %c40 = arith.constant 40 : index

  // Inputs of shape [24, 40] x [40, 16] + [24, 16].
  %mat_x3 = call @input(%c1, %c24, %c40, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %mat_w3 = call @input(%c1, %c40, %c16, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %mat_c3 = call @input(%c1, %c24, %c16, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %mat_x2 = tensor.collapse_shape %mat_x3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %mat_x = tensor.cast %mat_x2 : tensor<?x?x@T@> to tensor<24x40x@T@>
  %mat_w2 = tensor.collapse_shape %mat_w3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %mat_w = tensor.cast %mat_w2 : tensor<?x?x@T@> to tensor<40x16x@T@>
  %mat_c2 = tensor.collapse_shape %mat_c3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %mat_c = tensor.cast %mat_c2 : tensor<?x?x@T@> to tensor<24x16x@T@>
  %mat_ref = call @reference(%mat_x3, %mat_w3, %mat_c3)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  %matmul_transposed_a_got = call @matmul_transposed_a(%mat_x, %mat_w, %mat_c) : (tensor<24x40x@T@>, tensor<40x16x@T@>, tensor<24x16x@T@>) -> tensor<24x16x@T@>
  %matmul_transposed_a_gotde = tensor.expand_shape %matmul_transposed_a_got [[0, 1], [2]] output_shape [1, 24, 16]
      : tensor<24x16x@T@> into tensor<1x24x16x@T@>
  %matmul_transposed_a_gotd = tensor.cast %matmul_transposed_a_gotde : tensor<1x24x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "matmul_transposed_a: "
  call @check(%matmul_transposed_a_gotd, %mat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  %matmul_transposed_b_got = call @matmul_transposed_b(%mat_x, %mat_w, %mat_c) : (tensor<24x40x@T@>, tensor<40x16x@T@>, tensor<24x16x@T@>) -> tensor<24x16x@T@>
  %matmul_transposed_b_gotde = tensor.expand_shape %matmul_transposed_b_got [[0, 1], [2]] output_shape [1, 24, 16]
      : tensor<24x16x@T@> into tensor<1x24x16x@T@>
  %matmul_transposed_b_gotd = tensor.cast %matmul_transposed_b_gotde : tensor<1x24x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "matmul_transposed_b: "
  call @check(%matmul_transposed_b_gotd, %mat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  %matmul_transposed_both_got = call @matmul_transposed_both(%mat_x, %mat_w, %mat_c) : (tensor<24x40x@T@>, tensor<40x16x@T@>, tensor<24x16x@T@>) -> tensor<24x16x@T@>
  %matmul_transposed_both_gotde = tensor.expand_shape %matmul_transposed_both_got [[0, 1], [2]] output_shape [1, 24, 16]
      : tensor<24x16x@T@> into tensor<1x24x16x@T@>
  %matmul_transposed_both_gotd = tensor.cast %matmul_transposed_both_gotde : tensor<1x24x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "matmul_transposed_both: "
  call @check(%matmul_transposed_both_gotd, %mat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  %contract_got = call @contract(%mat_x, %mat_w, %mat_c) : (tensor<24x40x@T@>, tensor<40x16x@T@>, tensor<24x16x@T@>) -> tensor<24x16x@T@>
  %contract_gotde = tensor.expand_shape %contract_got [[0, 1], [2]] output_shape [1, 24, 16]
      : tensor<24x16x@T@> into tensor<1x24x16x@T@>
  %contract_gotd = tensor.cast %contract_gotde : tensor<1x24x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "contract: "
  call @check(%contract_gotd, %mat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  %generic_got = call @generic(%mat_x, %mat_w, %mat_c) : (tensor<24x40x@T@>, tensor<40x16x@T@>, tensor<24x16x@T@>) -> tensor<24x16x@T@>
  %generic_gotde = tensor.expand_shape %generic_got [[0, 1], [2]] output_shape [1, 24, 16]
      : tensor<24x16x@T@> into tensor<1x24x16x@T@>
  %generic_gotd = tensor.cast %generic_gotde : tensor<1x24x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "generic: "
  call @check(%generic_gotd, %mat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  %generic_transposed_result_got = call @generic_transposed_result(%mat_x, %mat_w, %mat_c) : (tensor<24x40x@T@>, tensor<40x16x@T@>, tensor<24x16x@T@>) -> tensor<24x16x@T@>
  %generic_transposed_result_gotde = tensor.expand_shape %generic_transposed_result_got [[0, 1], [2]] output_shape [1, 24, 16]
      : tensor<24x16x@T@> into tensor<1x24x16x@T@>
  %generic_transposed_result_gotd = tensor.cast %generic_transposed_result_gotde : tensor<1x24x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "generic_transposed_result: "
  call @check(%generic_transposed_result_gotd, %mat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  // Inputs of shape [3, 8, 12] x [3, 12, 16] + [3, 8, 16].
  %bat_x3 = call @input(%c3, %c8, %c12, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bat_w3 = call @input(%c3, %c12, %c16, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bat_c3 = call @input(%c3, %c8, %c16, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %bat_x = tensor.cast %bat_x3 : tensor<?x?x?x@T@> to tensor<3x8x12x@T@>
  %bat_w = tensor.cast %bat_w3 : tensor<?x?x?x@T@> to tensor<3x12x16x@T@>
  %bat_c = tensor.cast %bat_c3 : tensor<?x?x?x@T@> to tensor<3x8x16x@T@>
  %bat_ref = call @reference(%bat_x3, %bat_w3, %bat_c3)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  %batch_matmul_transposed_b_got = call @batch_matmul_transposed_b(%bat_x, %bat_w, %bat_c) : (tensor<3x8x12x@T@>, tensor<3x12x16x@T@>, tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  %batch_matmul_transposed_b_gotd = tensor.cast %batch_matmul_transposed_b_got : tensor<3x8x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "batch_matmul_transposed_b: "
  call @check(%batch_matmul_transposed_b_gotd, %bat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  %contract_batched_got = call @contract_batched(%bat_x, %bat_w, %bat_c) : (tensor<3x8x12x@T@>, tensor<3x12x16x@T@>, tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  %contract_batched_gotd = tensor.cast %contract_batched_got : tensor<3x8x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "contract_batched: "
  call @check(%contract_batched_gotd, %bat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  %generic_batch_inside_got = call @generic_batch_inside(%bat_x, %bat_w, %bat_c) : (tensor<3x8x12x@T@>, tensor<3x12x16x@T@>, tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  %generic_batch_inside_gotd = tensor.cast %generic_batch_inside_got : tensor<3x8x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "generic_batch_inside: "
  call @check(%generic_batch_inside_gotd, %bat_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  // Inputs of shape [3, 8, 12] x [12, 16] + [3, 8, 16].
  %shared_x3 = call @input(%c3, %c8, %c12, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %shared_w3 = call @input(%c1, %c12, %c16, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %shared_c3 = call @input(%c3, %c8, %c16, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %shared_x = tensor.cast %shared_x3 : tensor<?x?x?x@T@> to tensor<3x8x12x@T@>
  %shared_w2 = tensor.collapse_shape %shared_w3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %shared_w = tensor.cast %shared_w2 : tensor<?x?x@T@> to tensor<12x16x@T@>
  %shared_c = tensor.cast %shared_c3 : tensor<?x?x?x@T@> to tensor<3x8x16x@T@>
  // The reference broadcasts the shared weights over the batch.
  %shared_wb_e = tensor.empty() : tensor<3x12x16x@T@>
  %shared_wb = linalg.broadcast ins(%shared_w : tensor<12x16x@T@>) outs(%shared_wb_e : tensor<3x12x16x@T@>) dimensions = [0]
  %shared_wref = tensor.cast %shared_wb : tensor<3x12x16x@T@> to tensor<?x?x?x@T@>
  %shared_ref = call @reference(%shared_x3, %shared_wref, %shared_c3)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  %contract_shared_weights_got = call @contract_shared_weights(%shared_x, %shared_w, %shared_c) : (tensor<3x8x12x@T@>, tensor<12x16x@T@>, tensor<3x8x16x@T@>) -> tensor<3x8x16x@T@>
  %contract_shared_weights_gotd = tensor.cast %contract_shared_weights_got : tensor<3x8x16x@T@> to tensor<?x?x?x@T@>
  vector.print str "contract_shared_weights: "
  call @check(%contract_shared_weights_gotd, %shared_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  // Inputs of shape [6, 10] x [10, 15] + [6, 15].
  %pad_x3 = call @input(%c1, %c6, %c10, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %pad_w3 = call @input(%c1, %c10, %c15, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %pad_c3 = call @input(%c1, %c6, %c15, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %pad_x2 = tensor.collapse_shape %pad_x3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %pad_x = tensor.cast %pad_x2 : tensor<?x?x@T@> to tensor<6x10x@T@>
  %pad_w2 = tensor.collapse_shape %pad_w3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %pad_w = tensor.cast %pad_w2 : tensor<?x?x@T@> to tensor<10x15x@T@>
  %pad_c2 = tensor.collapse_shape %pad_c3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %pad_c = tensor.cast %pad_c2 : tensor<?x?x@T@> to tensor<6x15x@T@>
  %pad_ref = call @reference(%pad_x3, %pad_w3, %pad_c3)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  %padded_got = call @padded(%pad_x, %pad_w, %pad_c) : (tensor<6x10x@T@>, tensor<10x15x@T@>, tensor<6x15x@T@>) -> tensor<6x15x@T@>
  %padded_gotde = tensor.expand_shape %padded_got [[0, 1], [2]] output_shape [1, 6, 15]
      : tensor<6x15x@T@> into tensor<1x6x15x@T@>
  %padded_gotd = tensor.cast %padded_gotde : tensor<1x6x15x@T@> to tensor<?x?x?x@T@>
  vector.print str "padded: "
  call @check(%padded_gotd, %pad_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()

  // Inputs of shape [6, 10] x [10, 15] + [6, 15].
  %dyn_x3 = call @input(%c1, %c6, %c10, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %dyn_w3 = call @input(%c1, %c10, %c15, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %dyn_c3 = call @input(%c1, %c6, %c15, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %dyn_x = tensor.collapse_shape %dyn_x3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %dyn_w = tensor.collapse_shape %dyn_w3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %dyn_c = tensor.collapse_shape %dyn_c3 [[0, 1], [2]] : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %dyn_ref = call @reference(%dyn_x3, %dyn_w3, %dyn_c3)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@>
  %dynamic_got = call @dynamic(%dyn_x, %dyn_w, %dyn_c) : (tensor<?x?x@T@>, tensor<?x?x@T@>, tensor<?x?x@T@>) -> tensor<?x?x@T@>
  %dynamic_got3 = tensor.expand_shape %dynamic_got [[0, 1], [2]] output_shape [1, %c6, %c15]
      : tensor<?x?x@T@> into tensor<1x?x?x@T@>
  %dynamic_gotd = tensor.cast %dynamic_got3 : tensor<1x?x?x@T@> to tensor<?x?x?x@T@>
  vector.print str "dynamic: "
  call @check(%dynamic_gotd, %dyn_ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  return
}
