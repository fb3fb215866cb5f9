// The GPU's tensor-core cases (Inputs/tensor-core-cases.mlir, run on a GPU
// by test/Integration/GPU/tensor-cores.mlir) on the CPU: dense f16 / bf16
// MatMuls with f32 accumulation within 1e-5 of the dense f32 reference on
// the same rounded inputs, and strassen-4x4x4 with f16 / bf16 encodings
// (summed in f32, rounded once) within the GPU cases' bounds, 5e-3 / 5e-2
// (measured: 2.1e-3 / 1.8e-2); bf16 inputs with f16 encodings
// (encoded-type=f16) within 1e-5 (measured 9e-8: these inputs are
// multiples of 1/511 whose sums fit in f16's 11 significant bits; on random
// bf16 inputs the error is about 1e-3, docs/numerics.md).
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=BF16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=F16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/5.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4 narrow-encodings" \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=BF16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/5.0e-3/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4 narrow-encodings" \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=F16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4 encoded-type=f16" \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=BF16

// f32 inputs (the GPU's TF32 cases; here in f32): dense within 1e-5, and
// strassen-4x4x4 within the TF32 cases' bound, 5e-3.
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing-f32.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/f32/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=F32
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing-f32.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/f32/g' -e 's/@T@/f32/g' -e 's/@BOUND@/5.0e-3/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4" \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=F32

// BF16: nn bf16: relative error
// BF16-NEXT: PASS
// BF16: nt bf16: relative error
// BF16-NEXT: PASS
// BF16: batched bf16: relative error
// BF16-NEXT: PASS
// F16: nn f16: relative error
// F16-NEXT: PASS
// F16: nt f16: relative error
// F16-NEXT: PASS
// F16: batched f16: relative error
// F16-NEXT: PASS
// F32: nn f32: relative error
// F32-NEXT: PASS
// F32: nt f32: relative error
// F32-NEXT: PASS
// F32: batched f32: relative error
// F32-NEXT: PASS
