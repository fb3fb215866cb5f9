// f16 and bf16 inputs with f32 accumulation on the GPU (linalg.matmul with
// narrow operands, and a batched linalg.generic contraction with extf),
// against the dense f32 reference on the same rounded inputs. The encoded
// operands are f32 (STL.md section 7), so the bound is that of f32
// accumulation, 1e-5, as on the CPU (test/Integration/CPU/mixed-precision.mlir).
// Without a GPU: UNSUPPORTED.
// REQUIRES: cuda-gpu

// RUN: %gpu_cases build mixed-f16 %t.f16 && %t.f16 | FileCheck %s --check-prefix=F16
// RUN: %gpu_cases build mixed-bf16 %t.bf16 && %t.bf16 | FileCheck %s --check-prefix=BF16
// RUN: %gpu_cases build mixed-bf16-strassen-2x2x2 %t.bf16s2 && %t.bf16s2 \
// RUN:   | FileCheck %s --check-prefix=BF16

// F16: matmul f16: relative error
// F16-NEXT: PASS
// F16: batched f16: relative error
// F16-NEXT: PASS
// BF16: matmul bf16: relative error
// BF16-NEXT: PASS
// BF16: batched bf16: relative error
// BF16-NEXT: PASS
