// The tensor-core kernels in PTX, from --stl-gpu-pipeline on a dense bf16 MatMul
// and on strassen-4x4x4 with bf16 encodings (the tile product's 49 channels
// on the grid), for sm_80 and sm_90, and on a dense f32 MatMul as TF32. The kernel that multiplies has the
// mma.sync, ldmatrix and cp.async instructions of the mma-sync strategy;
// ptxas accepts every kernel with no spills and no warning.
// REQUIRES: ptxas

// RUN: stl-opt %s --stl-gpu-pipeline="chip=sm_80 features=+ptx70" -o %t.dense80.mlir
// RUN: rm -rf %t.dense80 && %stl_python -m stl_mlir.extract_ptx %t.dense80.mlir %t.dense80 --assemble sm_80 --resources | FileCheck %s --check-prefix=RES
// RUN: cat %t.dense80/*.ptx | FileCheck %s --check-prefix=KERNEL
// RUN: cat %t.dense80/*.ptx | grep -c mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 | FileCheck %s --check-prefix=MMA

// RUN: stl-opt %s --stl-replace-matmul="scheme=strassen-4x4x4 narrow-encodings" \
// RUN:   | stl-opt --stl-gpu-pipeline="chip=sm_90 features=+ptx80" -o %t.stl90.mlir
// RUN: rm -rf %t.stl90 && %stl_python -m stl_mlir.extract_ptx %t.stl90.mlir %t.stl90 --assemble sm_90 --resources | FileCheck %s --check-prefix=RES
// RUN: cat %t.stl90/*.ptx | FileCheck %s --check-prefix=KERNEL
// RUN: cat %t.stl90/*.ptx | grep -c mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 | FileCheck %s --check-prefix=MMA

// f32 as TF32 (`tf32`), sm_80: per 32 of K, 4 k8 steps of 2 x 4 m16n8k8
// MMAs; A's fragments with ldmatrix (K contiguous), B's (N contiguous) with
// 32-bit shared loads, each element rounded once (cvt.rna.tf32.f32).
// RUN: stl-opt %S/Inputs/matmul-f32.mlir --stl-gpu-pipeline="chip=sm_80 features=+ptx70 tf32" -o %t.tf32.mlir
// RUN: rm -rf %t.tf32 && %stl_python -m stl_mlir.extract_ptx %t.tf32.mlir %t.tf32 --assemble sm_80 --resources | FileCheck %s --check-prefix=RES
// RUN: cat %t.tf32/*.ptx | grep -c mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 | FileCheck %s --check-prefix=TF32-MMA
// RUN: cat %t.tf32/*.ptx | grep -c cvt.rna.tf32.f32 | FileCheck %s --check-prefix=TF32-CVT
// RUN: cat %t.tf32/*.ptx | FileCheck %s --check-prefix=TF32
// TF32-MMA: {{^}}64{{$}}
// TF32-CVT: {{^}}96{{$}}
// TF32-DAG: ldmatrix.sync.aligned.m8n8.x4.shared.b16
// TF32-DAG: ld.shared.b32
// TF32-DAG: cp.async.cg.shared.global [{{.*}}], [{{.*}}], 16;

// RES-NOT: warning
// RES-NOT: [1-9][0-9]* bytes spill
// RES: ptxas accepted [[N:[1-9][0-9]*]] of [[N]] kernels

// Per 32 of K: 4 A and 2 B fragments per 16 of K (ldmatrix.x4, B with
// .trans: N is B's contiguous dimension), 2 x 16 mma.sync; the copies are
// 16 bytes, bypassing L1 (.cg).
// KERNEL-DAG: cp.async.cg.shared.global [{{.*}}], [{{.*}}], 16;
// KERNEL-DAG: cp.async.commit_group;
// KERNEL-DAG: cp.async.wait_group 2;
// KERNEL-DAG: bar.sync 0;
// KERNEL-DAG: ldmatrix.sync.aligned.m8n8.x4.shared.b16
// KERNEL-DAG: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// MMA: {{^}}32{{$}}

func.func @matmul(%a: tensor<1024x1024xbf16>, %b: tensor<1024x1024xbf16>) -> tensor<1024x1024xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1024x1024xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  %r = linalg.matmul ins(%a, %b : tensor<1024x1024xbf16>, tensor<1024x1024xbf16>) outs(%f : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %r : tensor<1024x1024xf32>
}
