// The tensor-core kernels on the GPU (the mma-sync strategy of
// --stl-gpu-contraction-codegen): f16 / bf16 MatMuls in the shapes and
// layouts it takes (plain, weight transposed, batched; non-zero f32
// destinations), dense and as STL tile products with 16-bit encodings,
// against the dense f32 reference on the same rounded inputs. Dense: 1e-5
// (exact products, f32 accumulation); strassen-4x4x4 with bf16 / f16
// encodings: the encodings' rounding (docs/numerics.md), 5e-2 / 5e-3; bf16
// inputs with f16 encodings: 1e-5.
// Without a GPU: UNSUPPORTED (test/Integration/CPU/tensor-core-cases.mlir
// runs the same programs on the CPU).
// REQUIRES: cuda-gpu

// RUN: %gpu_cases build tensor-cores-bf16 %t.bf16 && %t.bf16 | FileCheck %s --check-prefix=BF16
// RUN: %gpu_cases build tensor-cores-f16 %t.f16 && %t.f16 | FileCheck %s --check-prefix=F16
// RUN: %gpu_cases build tensor-cores-bf16-strassen-4x4x4 %t.bf16s4 && %t.bf16s4 | FileCheck %s --check-prefix=BF16
// RUN: %gpu_cases build tensor-cores-f16-strassen-4x4x4 %t.f16s4 && %t.f16s4 | FileCheck %s --check-prefix=F16
// RUN: %gpu_cases build tensor-cores-bf16-f16-encodings %t.bf16f16 && %t.bf16f16 | FileCheck %s --check-prefix=BF16

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
