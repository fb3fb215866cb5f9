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

// f32 as TF32 (`tf32`): dense within 1e-5 (these inputs' 9 significant
// bits fit TF32's 11), strassen-4x4x4 (its f32 encodings rounded to TF32)
// within 5e-3. Buffers 8 bytes past a 16-byte boundary: the tensor-core
// kernels' blocks take their scalar path, the aligned ones not; both right.
// RUN: %gpu_cases build tensor-cores-tf32 %t.tf32 && %t.tf32 | FileCheck %s --check-prefix=F32
// RUN: %gpu_cases build tensor-cores-tf32-strassen-4x4x4 %t.tf32s4 && %t.tf32s4 | FileCheck %s --check-prefix=F32
// RUN: %gpu_cases build unaligned-tf32 %t.unaligned && %t.unaligned | FileCheck %s --check-prefix=UNALIGNED
// RUN: %gpu_cases build unaligned-strassen-4x4x4-tf32 %t.unaligneds4 && %t.unaligneds4 | FileCheck %s --check-prefix=UNALIGNED
// F32: nn f32: relative error
// F32-NEXT: PASS
// F32: nt f32: relative error
// F32-NEXT: PASS
// F32: batched f32: relative error
// F32-NEXT: PASS
// UNALIGNED: 8 bytes past 16: relative error
// UNALIGNED-NEXT: PASS
// UNALIGNED: 16-byte aligned: relative error
// UNALIGNED-NEXT: PASS

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
