// Every math op --stl-cpu-pipeline lowers, run through mlir-runner in f32,
// f64, f16 and bf16: on tensors (elementwise ops, as frontends emit them)
// and on the program's own 1-D and 2-D vectors (Inputs/math-functions.mlir,
// a template), against Inputs/math-functions-expected.py (Python's math
// module in double precision, the operands and results rounded to each
// type). The pipeline computes f16 and bf16 functions in f32 and rounds
// once (--stl-cpu-math-to-f32); what LLVM has no intrinsic for is a libm
// call (erf, erfc, cbrt, acosh, asinh, atanh, log1p), integer powers are
// generated functions (--convert-math-to-funcs).
//
// Measured: relative error at most 3.9e-6 for every function and type (the
// 6 printed digits). Bounds: 1e-5 in f32 and f64; in f16 and bf16, 2e-3
// and 1e-2 (about two units of their rounding: libm's f32 result and
// Python's may round to different neighbours).
// REQUIRES: mlir-runner

// RUN: sed -e 's/@T@/f32/g' -e 's/@WIDEN@/tensor.cast/' -e 's/@P@/f32/g' \
// RUN:   -e 's/@PRINT@/F32/g' %S/Inputs/math-functions.mlir \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu > %t.f32
// RUN: %python %S/Inputs/math-functions-expected.py f32 > %t.f32.expected
// RUN: %stl_compare %t.f32.expected %t.f32 --rtol 1e-5 | FileCheck %s

// RUN: sed -e 's/@T@/f64/g' -e 's/@WIDEN@/tensor.cast/' -e 's/@P@/f64/g' \
// RUN:   -e 's/@PRINT@/F64/g' %S/Inputs/math-functions.mlir \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu > %t.f64
// RUN: %python %S/Inputs/math-functions-expected.py f64 > %t.f64.expected
// RUN: %stl_compare %t.f64.expected %t.f64 --rtol 1e-5 | FileCheck %s

// RUN: sed -e 's/@T@/f16/g' -e 's/@WIDEN@/arith.extf/' -e 's/@P@/f32/g' \
// RUN:   -e 's/@PRINT@/F32/g' %S/Inputs/math-functions.mlir \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu > %t.f16
// RUN: %python %S/Inputs/math-functions-expected.py f16 > %t.f16.expected
// RUN: %stl_compare %t.f16.expected %t.f16 --rtol 2e-3 | FileCheck %s

// RUN: sed -e 's/@T@/bf16/g' -e 's/@WIDEN@/arith.extf/' -e 's/@P@/f32/g' \
// RUN:   -e 's/@PRINT@/F32/g' %S/Inputs/math-functions.mlir \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu > %t.bf16
// RUN: %python %S/Inputs/math-functions-expected.py bf16 > %t.bf16.expected
// RUN: %stl_compare %t.bf16.expected %t.bf16 --rtol 1e-2 | FileCheck %s

// 37 results on tensors, 14 on vectors, all agreeing.
// CHECK-COUNT-51: : agree
// CHECK-NOT: DIFFER
