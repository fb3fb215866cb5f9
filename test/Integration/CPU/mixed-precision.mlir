// f16 and bf16 inputs with f32 accumulation on the CPU: linalg.matmul with
// narrow operands and a batched linalg.generic contraction with extf,
// rewritten into STL, against the dense f32 reference on the same rounded
// inputs. The encoded operands are stored in the input type (f16 or bf16),
// so STL's error is that rounding's, far above dense's: the bounds are 1e-2
// (f16), 5e-2 (bf16, strassen-4x4x4) and 2e-2 (bf16, strassen-2x2x2);
// naive-2x2x2 (no additions in the encoding) stays at f32 accuracy (1e-5).
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul | stl-opt --stl-cpu-pipeline \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=F16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/5.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul | stl-opt --stl-cpu-pipeline \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=BF16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/2.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=BF16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul=scheme=naive-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=BF16

// F16: matmul f16: relative error
// F16-NEXT: PASS
// F16: batched f16: relative error
// F16-NEXT: PASS
// BF16: matmul bf16: relative error
// BF16-NEXT: PASS
// BF16: batched bf16: relative error
// BF16-NEXT: PASS
