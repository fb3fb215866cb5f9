// A whole program as TOSA- or IREE-style frontends emit it, through
// --stl-cpu-pipeline, dense and after --stl-replace-matmul: elementwise
// arith on tensors (bias adds, a ReLU as arith.maximumf, a scale by a
// constant tensor), GELU with math.erf (BERT) and with math.tanh, in f32,
// bf16 (erf) and f16 (tanh), and the program's own vector.transfer_read /
// transfer_write (on tensors, 2-D, one past the end) and vector.print of
// 2-D vectors.
//
// The printed numbers are checked against Inputs/frontend-expected.py,
// which computes them with Python's math module (the narrow types'
// roundings simulated step by step). Measured: relative error 1.1e-6 in
// f32 and in the narrow types (6 printed digits); the bounds are 1e-5 (f32)
// and 1e-2 (about two units of bf16 rounding at the largest value). The
// MatMuls, bias adds and ReLU are exact (small dyadic values), so the STL
// run prints the same numbers as the dense run, bit for bit.
// REQUIRES: mlir-runner

// RUN: %python %S/Inputs/frontend-expected.py vectors > %t.vectors
// RUN: %python %S/Inputs/frontend-expected.py f32 > %t.expected.f32
// RUN: %python %S/Inputs/frontend-expected.py narrow > %t.expected.narrow

// Dense.
// RUN: stl-opt %s --stl-cpu-pipeline | %run_cpu > %t.dense
// RUN: grep '^( (' %t.dense | diff %t.vectors -
// RUN: sed -n '/^f32$/,/^narrow$/p' %t.dense > %t.dense.f32
// RUN: sed -n '/^narrow$/,$p' %t.dense > %t.dense.narrow
// RUN: %stl_compare %t.expected.f32 %t.dense.f32 --rtol 1e-5 | FileCheck %s --check-prefix=F32
// RUN: %stl_compare %t.expected.narrow %t.dense.narrow --rtol 1e-2 | FileCheck %s --check-prefix=NARROW

// STL.
// RUN: stl-opt %s --stl-replace-matmul=report -o %t.stl.mlir 2>&1 | FileCheck %s --check-prefix=REPLACED
// RUN: stl-opt %t.stl.mlir --stl-cpu-pipeline | %run_cpu > %t.stl
// RUN: grep '^( (' %t.stl | diff %t.vectors -
// RUN: sed -n '/^f32$/,/^narrow$/p' %t.stl > %t.stl.f32
// RUN: sed -n '/^narrow$/,$p' %t.stl > %t.stl.narrow
// RUN: %stl_compare %t.expected.f32 %t.stl.f32 --rtol 1e-5 | FileCheck %s --check-prefix=F32
// RUN: %stl_compare %t.expected.narrow %t.stl.narrow --rtol 1e-2 | FileCheck %s --check-prefix=NARROW
// RUN: %stl_compare %t.dense %t.stl --rtol 0 | FileCheck %s --check-prefix=SAME

// The vector.print lines themselves (what frontend-expected.py vectors
// prints): a0[2:6, 3:11], and z1[1:3, 9:17] padded with -1 past column 15.
// RUN: FileCheck %s --check-prefix=VECTORS < %t.dense
// VECTORS: a0[2:6, 3:11]
// VECTORS-NEXT: ( ( 0, 0, 0, 4.40625, 2.125, 0, 0, 0 ), ( 0, 0, 2.125, 3.75, 0.625, 0, 0, 0 ), ( 0, 0.34375, 4.6875, 2.75, 0, 0, 0, 0.03125 ), ( 0, 2.40625, 3.46875, 0, 0, 0, 0, 1.5 ) )
// VECTORS-NEXT: z1[1:3, 9:17]
// VECTORS-NEXT: ( ( -4.26562, 4.40625, -1.74219, 1.48828, 0.234375, -4.62891, 2.75781, -1 ), ( -3.76953, 1.61328, -2.60156, 4.53125, -2.44531, -0.289062, 1.21094, -1 ) )

// F32: memref 0 (sizes 16x16): relative error {{.*}} <= 1e-05: agree
// F32: memref 1 (sizes 16x16): relative error {{.*}} <= 1e-05: agree
// NARROW: memref 0 (sizes 16x16): relative error {{.*}} <= 0.01: agree
// NARROW: memref 1 (sizes 16x16): relative error {{.*}} <= 0.01: agree
// REPLACED: remark: stl-replace-matmul: replaced 2 of 2 MatMuls
// SAME-COUNT-4: relative error 0 <= 0: agree

// m[i, j] = ((a * i + b * j) mod p - c) * scale, for rows x cols.
func.func @matrix(%rows: index, %cols: index, %a: index, %b: index,
                  %p: index, %c: index, %scale: f32) -> tensor<?x?xf32> {
  %e = tensor.empty(%rows, %cols) : tensor<?x?xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]}
      outs(%e : tensor<?x?xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %ai = arith.muli %a, %i : index
    %bj = arith.muli %b, %j : index
    %s = arith.addi %ai, %bj : index
    %m = arith.remui %s, %p : index
    %d = arith.subi %m, %c : index
    %di = arith.index_cast %d : index to i64
    %f = arith.sitofp %di : i64 to f32
    %v = arith.mulf %f, %scale : f32
    linalg.yield %v : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// GELU, exact form: 0.5 * z * (1 + erf(z / sqrt(2))), elementwise on
// tensors as TOSA / IREE frontends emit it (BERT).
func.func @gelu_erf(%z: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %half = arith.constant dense<0.5> : tensor<16x16xf32>
  %one = arith.constant dense<1.0> : tensor<16x16xf32>
  %rsqrt2 = arith.constant dense<0.707106769> : tensor<16x16xf32>
  %s = arith.mulf %z, %rsqrt2 : tensor<16x16xf32>
  %e = math.erf %s : tensor<16x16xf32>
  %p = arith.addf %e, %one : tensor<16x16xf32>
  %h = arith.mulf %z, %half : tensor<16x16xf32>
  %g = arith.mulf %h, %p : tensor<16x16xf32>
  return %g : tensor<16x16xf32>
}

// GELU, tanh form: 0.5 * z * (1 + tanh(sqrt(2 / pi) * (z + 0.044715 z^3))).
func.func @gelu_tanh(%z: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %half = arith.constant dense<0.5> : tensor<16x16xf32>
  %one = arith.constant dense<1.0> : tensor<16x16xf32>
  %k = arith.constant dense<0.797884583> : tensor<16x16xf32>
  %c = arith.constant dense<0.044715> : tensor<16x16xf32>
  %z2 = arith.mulf %z, %z : tensor<16x16xf32>
  %z3 = arith.mulf %z2, %z : tensor<16x16xf32>
  %cz3 = arith.mulf %z3, %c : tensor<16x16xf32>
  %in = arith.addf %z, %cz3 : tensor<16x16xf32>
  %kin = arith.mulf %in, %k : tensor<16x16xf32>
  %t = math.tanh %kin : tensor<16x16xf32>
  %p = arith.addf %t, %one : tensor<16x16xf32>
  %h = arith.mulf %z, %half : tensor<16x16xf32>
  %g = arith.mulf %h, %p : tensor<16x16xf32>
  return %g : tensor<16x16xf32>
}

// The same GELUs in bf16 (erf) and f16 (tanh).
func.func @gelu_erf_bf16(%z: tensor<16x16xbf16>) -> tensor<16x16xbf16> {
  %half = arith.constant dense<0.5> : tensor<16x16xbf16>
  %one = arith.constant dense<1.0> : tensor<16x16xbf16>
  %rsqrt2 = arith.constant dense<0.707106769> : tensor<16x16xbf16>
  %s = arith.mulf %z, %rsqrt2 : tensor<16x16xbf16>
  %e = math.erf %s : tensor<16x16xbf16>
  %p = arith.addf %e, %one : tensor<16x16xbf16>
  %h = arith.mulf %z, %half : tensor<16x16xbf16>
  %g = arith.mulf %h, %p : tensor<16x16xbf16>
  return %g : tensor<16x16xbf16>
}

func.func @gelu_tanh_f16(%z: tensor<16x16xf16>) -> tensor<16x16xf16> {
  %half = arith.constant dense<0.5> : tensor<16x16xf16>
  %one = arith.constant dense<1.0> : tensor<16x16xf16>
  %k = arith.constant dense<0.797884583> : tensor<16x16xf16>
  %c = arith.constant dense<0.044715> : tensor<16x16xf16>
  %z2 = arith.mulf %z, %z : tensor<16x16xf16>
  %z3 = arith.mulf %z2, %z : tensor<16x16xf16>
  %cz3 = arith.mulf %z3, %c : tensor<16x16xf16>
  %in = arith.addf %z, %cz3 : tensor<16x16xf16>
  %kin = arith.mulf %in, %k : tensor<16x16xf16>
  %t = math.tanh %kin : tensor<16x16xf16>
  %p = arith.addf %t, %one : tensor<16x16xf16>
  %h = arith.mulf %z, %half : tensor<16x16xf16>
  %g = arith.mulf %h, %p : tensor<16x16xf16>
  return %g : tensor<16x16xf16>
}

// Two layers: z0 = x w0 + b0 (a bias row broadcast to the batch), a0 =
// ReLU(z0) as arith.maximumf with zeros, z1 = a0 w1 + b1 scaled by a
// constant tensor.
func.func @mlp(%x: tensor<16x32xf32>, %w0: tensor<32x64xf32>,
               %w1: tensor<64x16xf32>) -> (tensor<16x64xf32>, tensor<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %b0 = arith.constant dense<[0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125,
                              0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125,
                              0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125,
                              0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125,
                              0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125,
                              0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125,
                              0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125,
                              0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125]> : tensor<64xf32>
  %zeros = arith.constant dense<0.0> : tensor<16x64xf32>
  %e0 = tensor.empty() : tensor<16x64xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<16x64xf32>) -> tensor<16x64xf32>
  %mm0 = linalg.matmul ins(%x, %w0 : tensor<16x32xf32>, tensor<32x64xf32>)
                       outs(%f0 : tensor<16x64xf32>) -> tensor<16x64xf32>
  %eb = tensor.empty() : tensor<16x64xf32>
  %bb0 = linalg.broadcast ins(%b0 : tensor<64xf32>) outs(%eb : tensor<16x64xf32>) dimensions = [0]
  %z0 = arith.addf %mm0, %bb0 : tensor<16x64xf32>
  %a0 = arith.maximumf %z0, %zeros : tensor<16x64xf32>
  %e1 = tensor.empty() : tensor<16x16xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %mm1 = linalg.matmul ins(%a0, %w1 : tensor<16x64xf32>, tensor<64x16xf32>)
                       outs(%f1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b1 = arith.constant dense<-0.5> : tensor<16x16xf32>
  %scale = arith.constant dense<0.5> : tensor<16x16xf32>
  %s1 = arith.addf %mm1, %b1 : tensor<16x16xf32>
  %z1 = arith.mulf %s1, %scale : tensor<16x16xf32>
  return %a0, %z1 : tensor<16x64xf32>, tensor<16x16xf32>
}

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print(%t: tensor<16x16xf32>) {
  %u = tensor.cast %t : tensor<16x16xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %c6 = arith.constant 6 : index
  %c9 = arith.constant 9 : index
  %c11 = arith.constant 11 : index
  %c13 = arith.constant 13 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %quarter = arith.constant 0.25 : f32
  %eighth = arith.constant 0.125 : f32
  // x[i, k] = ((5i + 3k) mod 11 - 5) / 4, w0[k, n] = ((7k + 2n) mod 13 - 6) / 8,
  // w1[k, n] = ((3k + 5n) mod 7 - 3) / 4.
  %xd = call @matrix(%c16, %c32, %c5, %c3, %c11, %c5, %quarter)
      : (index, index, index, index, index, index, f32) -> tensor<?x?xf32>
  %w0d = call @matrix(%c32, %c64, %c7, %c2, %c13, %c6, %eighth)
      : (index, index, index, index, index, index, f32) -> tensor<?x?xf32>
  %w1d = call @matrix(%c64, %c16, %c3, %c5, %c7, %c3, %quarter)
      : (index, index, index, index, index, index, f32) -> tensor<?x?xf32>
  %x = tensor.cast %xd : tensor<?x?xf32> to tensor<16x32xf32>
  %w0 = tensor.cast %w0d : tensor<?x?xf32> to tensor<32x64xf32>
  %w1 = tensor.cast %w1d : tensor<?x?xf32> to tensor<64x16xf32>
  %a0, %z1 = call @mlp(%x, %w0, %w1)
      : (tensor<16x32xf32>, tensor<32x64xf32>, tensor<64x16xf32>)
      -> (tensor<16x64xf32>, tensor<16x16xf32>)

  // The program's own vector code: a 4x8 block of the hidden layer read
  // with a 2-D transfer and printed; a transfer past the end of z1
  // (padded with -1) written into a tensor and read back.
  %pad = arith.constant -1.0 : f32
  %blk = vector.transfer_read %a0[%c2, %c3], %pad
      : tensor<16x64xf32>, vector<4x8xf32>
  vector.print str "a0[2:6, 3:11]\n"
  vector.print %blk : vector<4x8xf32>
  %edge = vector.transfer_read %z1[%c1, %c9], %pad
      : tensor<16x16xf32>, vector<2x8xf32>
  %e = tensor.empty() : tensor<2x8xf32>
  %et = vector.transfer_write %edge, %e[%c0, %c0]
      : vector<2x8xf32>, tensor<2x8xf32>
  %back = vector.transfer_read %et[%c0, %c0], %pad
      : tensor<2x8xf32>, vector<2x8xf32>
  vector.print str "z1[1:3, 9:17]\n"
  vector.print %back : vector<2x8xf32>

  %g = call @gelu_erf(%z1) : (tensor<16x16xf32>) -> tensor<16x16xf32>
  %t = call @gelu_tanh(%z1) : (tensor<16x16xf32>) -> tensor<16x16xf32>
  vector.print str "f32\n"
  call @print(%g) : (tensor<16x16xf32>) -> ()
  call @print(%t) : (tensor<16x16xf32>) -> ()

  %zb = arith.truncf %z1 : tensor<16x16xf32> to tensor<16x16xbf16>
  %gb = call @gelu_erf_bf16(%zb) : (tensor<16x16xbf16>) -> tensor<16x16xbf16>
  %gbf = arith.extf %gb : tensor<16x16xbf16> to tensor<16x16xf32>
  %zh = arith.truncf %z1 : tensor<16x16xf32> to tensor<16x16xf16>
  %th = call @gelu_tanh_f16(%zh) : (tensor<16x16xf16>) -> tensor<16x16xf16>
  %thf = arith.extf %th : tensor<16x16xf16> to tensor<16x16xf32>
  vector.print str "narrow\n"
  call @print(%gbf) : (tensor<16x16xf32>) -> ()
  call @print(%thf) : (tensor<16x16xf32>) -> ()
  return
}
