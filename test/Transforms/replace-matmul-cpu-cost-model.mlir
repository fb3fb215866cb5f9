// --stl-replace-matmul with target-cpu: the CPU cost model (cycles of the
// CPU code generation, dense and with each default scheme, fused into the
// packed micro-kernel where it would be) chooses the scheme, and leaves
// dense the MatMuls no scheme is predicted to make at least 1.03x faster:
// small ones, skinny ones (16 rows: the scheme's encodings of B, summed for
// every channel, cost more than the multiply-adds saved), and square ones
// too small for the savings to pay for the packing of each channel. A
// scheme named by the user is applied whatever the model predicts, with
// the prediction in the remark; without target-cpu the pass chooses by
// multiply-adds as before.
// REQUIRES: host-x86_64
// RUN: stl-opt %s --stl-replace-matmul="target-cpu=skylake-avx512 report" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=AVX512
// RUN: stl-opt %s --stl-replace-matmul="target-cpu=haswell report" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=AVX2
// RUN: stl-opt %s --stl-replace-matmul="target-cpu=skylake-avx512 scheme=strassen-2x2x2 report" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GIVEN
// RUN: stl-opt %s --stl-replace-matmul="report" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MACS
// RUN: stl-opt %s --stl-replace-matmul="target-cpu=skylake-avx512" | FileCheck %s --check-prefix=IR
// RUN: not stl-opt %s --stl-replace-matmul="target-cpu=nonsense" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN

// AVX512: remark: not replaced with STL: the CPU cost model for skylake-avx512 predicts no scheme makes it faster: the best, 'strassen-4x4x4' (fused), {{.*}} cycles against {{.*}} dense (1.01x, less than 1.03x)
// AVX2: remark: replaced with stl.matmul using scheme 'strassen-4x4x4' {{.*}}; the CPU cost model for haswell predicts {{.*}} cycles against {{.*}} dense (1.07x, encodings fused)
// GIVEN: remark: replaced with stl.matmul using scheme 'strassen-2x2x2' {{.*}}; the CPU cost model for skylake-avx512 predicts {{.*}} cycles against {{.*}} dense (1.00x, encodings fused)
// MACS: remark: replaced with stl.matmul using scheme 'strassen-4x4x4' {{.*}} (1.31x fewer); scheme chosen by the pass (the fewest multiply-adds){{$}}
// IR-LABEL: func.func @square2048
// IR: linalg.matmul
func.func @square2048(%a: tensor<2048x2048xf32>, %b: tensor<2048x2048xf32>, %c: tensor<2048x2048xf32>) -> tensor<2048x2048xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<2048x2048xf32>, tensor<2048x2048xf32>) outs(%c : tensor<2048x2048xf32>) -> tensor<2048x2048xf32>
  return %r : tensor<2048x2048xf32>
}

// AVX512: remark: replaced with stl.matmul using scheme 'strassen-4x4x4' {{.*}}; the CPU cost model for skylake-avx512 predicts {{.*}} cycles against {{.*}} dense (1.07x, encodings fused); scheme chosen by the CPU cost model
// AVX2: remark: replaced with stl.matmul using scheme 'strassen-4x4x4' {{.*}} (1.11x, encodings fused)
// GIVEN: remark: replaced with stl.matmul using scheme 'strassen-2x2x2'
// MACS: remark: replaced with stl.matmul using scheme 'strassen-4x4x4'
// IR-LABEL: func.func @square4096
// IR: stl.matmul #stl.scheme<"strassen-4x4x4">
func.func @square4096(%a: tensor<4096x4096xf32>, %b: tensor<4096x4096xf32>, %c: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<4096x4096xf32>, tensor<4096x4096xf32>) outs(%c : tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  return %r : tensor<4096x4096xf32>
}

// AVX512: remark: not replaced with STL: the CPU cost model for skylake-avx512 predicts no scheme makes it faster: the best, 'winograd-2x2x2' (fused), {{.*}} (0.47x, less than 1.03x)
// AVX2: remark: not replaced with STL: the CPU cost model for haswell predicts no scheme makes it faster
// GIVEN: remark: replaced with stl.matmul using scheme 'strassen-2x2x2' {{.*}}; the CPU cost model for skylake-avx512 predicts {{.*}} (0.{{[0-9]+}}x, encodings fused)
// MACS: remark: replaced with stl.matmul using scheme 'strassen-4x4x4'
// IR-LABEL: func.func @skinny
// IR: linalg.matmul
func.func @skinny(%a: tensor<16x4096xf32>, %b: tensor<4096x4096xf32>, %c: tensor<16x4096xf32>) -> tensor<16x4096xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<16x4096xf32>, tensor<4096x4096xf32>) outs(%c : tensor<16x4096xf32>) -> tensor<16x4096xf32>
  return %r : tensor<16x4096xf32>
}

// AVX512: remark: not replaced with STL: the CPU cost model for skylake-avx512 predicts no scheme makes it faster
// AVX512: remark: stl-replace-matmul: replaced 1 of 4 MatMuls
// AVX2: remark: not replaced with STL: the CPU cost model for haswell predicts no scheme makes it faster
// AVX2: remark: stl-replace-matmul: replaced 2 of 4 MatMuls
// MACS: remark: stl-replace-matmul: replaced 4 of 4 MatMuls
// IR-LABEL: func.func @small
// IR: linalg.matmul
func.func @small(%a: tensor<128x128xf32>, %b: tensor<128x128xf32>, %c: tensor<128x128xf32>) -> tensor<128x128xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<128x128xf32>, tensor<128x128xf32>) outs(%c : tensor<128x128xf32>) -> tensor<128x128xf32>
  return %r : tensor<128x128xf32>
}

// UNKNOWN: error: stl-replace-matmul: invalid option 'target-cpu': LLVM knows no x86_64 CPU 'nonsense'
