// f16 and bf16 inputs with f32 accumulation on the CPU: linalg.matmul with
// narrow operands and a batched linalg.generic contraction with extf,
// rewritten into STL, against the dense f32 reference on the same rounded
// inputs. The encoded operands are f32 (STL.md section 7), so STL keeps f32
// accuracy: the bound is 1e-5 for every scheme (measured: about 5e-7 for
// f16, 6e-8 for bf16, whose inputs have fewer significant bits). With
// `narrow-encodings` the encoded operands are stored in f16 / bf16 and the
// error is that rounding's: 1e-2 (f16) and 5e-2 (bf16) for strassen-4x4x4,
// measured above 1e-3, which the narrow RUN lines check too (the FAIL of
// the 1e-3 bound).
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul | stl-opt --stl-cpu-pipeline \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=F16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul | stl-opt --stl-cpu-pipeline \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=BF16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=BF16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul=scheme=naive-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s --check-prefix=BF16
// Narrow encodings: within the old bounds, but not within 1e-3.
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul=narrow-encodings | stl-opt --stl-cpu-pipeline \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=F16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-3/' \
// RUN:   | stl-opt --stl-replace-matmul=narrow-encodings | stl-opt --stl-cpu-pipeline \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=NARROW
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/5.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul=narrow-encodings | stl-opt --stl-cpu-pipeline \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=BF16

// F16: matmul f16: relative error
// F16-NEXT: PASS
// F16: batched f16: relative error
// F16-NEXT: PASS
// BF16: matmul bf16: relative error
// BF16-NEXT: PASS
// BF16: batched bf16: relative error
// BF16-NEXT: PASS

// NARROW: matmul f16: relative error
// NARROW-NEXT: FAIL
// NARROW: batched f16: relative error
// NARROW-NEXT: FAIL
