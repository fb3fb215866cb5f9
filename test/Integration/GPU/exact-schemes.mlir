// Exact schemes on the GPU: the numerical programs of the CPU tests
// (square, non-square, batched and on-memref MatMuls with a non-zero
// destination, against an independent dense reference), rewritten into STL
// and compiled with --stl-gpu-pipeline for this machine's GPU. Each check
// fails when the relative error exceeds 1e-5 (f32) or 1e-13 (f64); the
// bounds and cases are in cases.sh. Without a GPU: UNSUPPORTED.
// REQUIRES: cuda-gpu

// RUN: %gpu_cases build strassen-2x2x2-f32 %t.s2f32 && %t.s2f32 | FileCheck %s
// RUN: %gpu_cases build strassen-2x2x2-f64 %t.s2f64 && %t.s2f64 | FileCheck %s
// RUN: %gpu_cases build winograd-2x2x2-f32 %t.w2f32 && %t.w2f32 | FileCheck %s
// RUN: %gpu_cases build strassen-4x4x4-f32 %t.s4f32 && %t.s4f32 | FileCheck %s
// RUN: %gpu_cases build strassen-4x4x4-f64 %t.s4f64 && %t.s4f64 | FileCheck %s
// RUN: %gpu_cases build composed-f32 %t.cf32 && %t.cf32 | FileCheck %s

// CHECK: square: relative error
// CHECK-NEXT: PASS
// CHECK: nonsquare: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
// CHECK: memrefs: relative error
// CHECK-NEXT: PASS
