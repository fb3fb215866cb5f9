// A scheme loaded from a JSON file (Strassen with rescaled, non-integer coefficients) on the CPU.
// STL result vs. an independent dense reference on the same inputs (square,
// non-square, batched, on memrefs; non-zero destination), f32 and f64. The
// test fails when the relative error max|got - ref| / max|ref| exceeds 1e-5
// (f32) or 1e-13 (f64), or when a MatMul was not rewritten.
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/matmul-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme-file=%inputs/schemes/scaled-strassen-2x2x2.json" > %t.f32.mlir
// RUN: FileCheck %s --check-prefix=IR --implicit-check-not=linalg.matmul \
// RUN:   --implicit-check-not=linalg.batch_matmul < %t.f32.mlir
// RUN: stl-opt --stl-cpu-pipeline %t.f32.mlir | %run_cpu | FileCheck %s

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/matmul-cases.mlir \
// RUN:   | sed -e 's/@T@/f64/g' -e 's/@BOUND@/1.0e-13/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme-file=%inputs/schemes/scaled-strassen-2x2x2.json" > %t.f64.mlir
// RUN: FileCheck %s --check-prefix=IR --implicit-check-not=linalg.matmul \
// RUN:   --implicit-check-not=linalg.batch_matmul < %t.f64.mlir
// RUN: stl-opt --stl-cpu-pipeline %t.f64.mlir | %run_cpu | FileCheck %s

// The scheme is printed once, as an alias, which the four MatMuls use.
// IR: #[[SCALED:stl_scaled_strassen_2x2x2]] = #stl.scheme<name = "scaled-strassen-2x2x2", tile = [2, 2, 2], rank = 7, lhs = {{\[\[}}2, 0, 0, 2]
// IR-COUNT-4: stl.matmul #[[SCALED]] ins(

// CHECK: square: relative error
// CHECK-NEXT: PASS
// CHECK: nonsquare: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
// CHECK: memrefs: relative error
// CHECK-NEXT: PASS
