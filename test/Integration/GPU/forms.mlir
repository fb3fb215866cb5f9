// Every MatMul form the rewrite recognises (transposed operands,
// linalg.contract, linalg.generic, batched, shared weights, padded and
// dynamic sizes), dynamic shapes padded at run time, and constant weights
// encoded at compile time, on the GPU: the CPU tests' programs
// (matmul-forms.mlir, dynamic-shapes.mlir, constant-weights.mlir) compiled
// with --stl-gpu-pipeline; f32, relative error bound 1e-5 against the dense
// reference. Without a GPU: UNSUPPORTED.
// REQUIRES: cuda-gpu

// RUN: %gpu_cases build matmul-forms-f32 %t.forms && %t.forms \
// RUN:   | FileCheck %s --check-prefix=FORMS
// RUN: %gpu_cases build dynamic-shapes-f32 %t.dyn && %t.dyn \
// RUN:   | FileCheck %s --check-prefix=DYNAMIC
// RUN: %gpu_cases build constant-weights-f32 %t.const && %t.const \
// RUN:   | FileCheck %s --check-prefix=CONSTANT

// FORMS-COUNT-12: relative error {{.*}}{{$}}
// FORMS-NOT: FAIL
// DYNAMIC: dynamic: relative error
// DYNAMIC-NEXT: PASS
// DYNAMIC: shared weights: relative error
// DYNAMIC-NEXT: PASS
// CONSTANT: linear: relative error
// CONSTANT-NEXT: PASS
