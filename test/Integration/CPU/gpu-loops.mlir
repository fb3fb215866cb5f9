// The GPU path up to its last host-only stage, run on the CPU: after
// --stl-gpu-loops-pipeline every computation is a bufferized scf.parallel
// tiled and mapped onto blocks and threads (partial tiles guarded), which
// --stl-cpu-pipeline runs sequentially. This checks the bufferization,
// copies and tiling of the GPU pipeline on machines without a GPU, with the
// bounds of the CPU tests (f32 1e-5, f64 1e-13, f16 1e-2), with the default
// tile sizes and with odd ones that leave partial tiles everywhere.
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/matmul-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4" > %t.f32.mlir
// RUN: stl-opt %t.f32.mlir --stl-gpu-loops-pipeline -o %t.f32.loops.mlir
// RUN: FileCheck %s --check-prefix=LOOPS < %t.f32.loops.mlir
// RUN: stl-opt %t.f32.loops.mlir --stl-cpu-pipeline=deallocate=false \
// RUN:   | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-gpu-loops-pipeline="tile-sizes=3,5,7" \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu | FileCheck %s

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/matmul-cases.mlir \
// RUN:   | sed -e 's/@T@/f64/g' -e 's/@BOUND@/1.0e-13/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=winograd-2x2x2" \
// RUN:   | stl-opt --stl-gpu-loops-pipeline="tile-sizes=16,16" \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu | FileCheck %s

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/mixed-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul | stl-opt --stl-gpu-loops-pipeline \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu \
// RUN:   | FileCheck %s --check-prefix=F16

// The forms of the rewrite (transposed, contract, generic, batched, shared
// weights, padded, dynamic) and dynamic shapes padded at run time.
// RUN: cat %S/Inputs/harness.mlir %S/matmul-forms.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul=pad | stl-opt --stl-gpu-loops-pipeline \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu \
// RUN:   | FileCheck %s --check-prefix=FORMS
// RUN: cat %S/Inputs/harness.mlir %S/dynamic-shapes.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul=pad | stl-opt --stl-gpu-loops-pipeline \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu \
// RUN:   | FileCheck %s --check-prefix=FORMS
// FORMS-NOT: FAIL
// FORMS: relative error
// FORMS-NEXT: PASS
// FORMS-NOT: FAIL

// Buffers the caller passes 8 bytes past a 16-byte boundary, and on one:
// the coarsened encodings and decodings take their scalar accesses for the
// first and their vector accesses for the second (an alignment checked at
// run time); both right (f32: 4 lanes a thread, f64: 2).
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/unaligned-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4" \
// RUN:   | stl-opt --stl-gpu-loops-pipeline | stl-opt --stl-cpu-pipeline=deallocate=false \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=UNALIGNED
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/unaligned-cases.mlir \
// RUN:   | sed -e 's/@T@/f64/g' -e 's/@BOUND@/1.0e-13/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=winograd-2x2x2" \
// RUN:   | stl-opt --stl-gpu-loops-pipeline | stl-opt --stl-cpu-pipeline=deallocate=false \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=UNALIGNED
// UNALIGNED: 8 bytes past 16: relative error
// UNALIGNED-NEXT: PASS
// UNALIGNED: 16-byte aligned: relative error
// UNALIGNED-NEXT: PASS

// The GPU's tensor-core cases (bf16 / f16 inputs, f32 destinations some
// of which are not zero) as strassen-4x4x4 with 16-bit encodings, through
// the GPU path's encodings and decodings (a thread per tile, coefficients
// folded, f32 sums rounded once): within the bounds the GPU cases have on a
// GPU, 5e-2 (bf16) and 5e-3 (f16); and with f16 encodings of bf16 inputs.
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/5.0e-2/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4 narrow-encodings" \
// RUN:   | stl-opt --stl-gpu-loops-pipeline | stl-opt --stl-cpu-pipeline=deallocate=false \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=TC-BF16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/f16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/5.0e-3/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4 narrow-encodings" \
// RUN:   | stl-opt --stl-gpu-loops-pipeline | stl-opt --stl-cpu-pipeline=deallocate=false \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=TC-F16
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/narrowing.mlir %S/Inputs/tensor-core-cases.mlir \
// RUN:   | sed -e 's/@IN@/bf16/g' -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-4x4x4 encoded-type=f16" \
// RUN:   | stl-opt --stl-gpu-loops-pipeline | stl-opt --stl-cpu-pipeline=deallocate=false \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=TC-BF16
// TC-BF16: nn bf16: relative error
// TC-BF16-NEXT: PASS
// TC-BF16: nt bf16: relative error
// TC-BF16-NEXT: PASS
// TC-BF16: batched bf16: relative error
// TC-BF16-NEXT: PASS
// TC-BF16-NOT: FAIL
// TC-F16: nn f16: relative error
// TC-F16-NEXT: PASS
// TC-F16: nt f16: relative error
// TC-F16-NEXT: PASS
// TC-F16: batched f16: relative error
// TC-F16-NEXT: PASS
// TC-F16-NOT: FAIL

// Whole programs (self-attention; MLPs whose bias and activation the GPU
// path computes in the decoding's loop, --stl-gpu-fuse-elementwise-consumers,
// and whose next layer's encoding runs in that loop too,
// --stl-gpu-fuse-grid-loops: 9 grid loops become 7; f16 inputs) through the
// GPU path against their dense CPU runs, with the CPU whole-program tests'
// tolerances.
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/attention.mlir | sed -e 's/@T@/f32/g' -e 's/@BOUND@/0.0/' > %t.attention.mlir
// RUN: stl-opt %t.attention.mlir --stl-cpu-pipeline | %run_cpu > %t.attention.dense
// RUN: stl-opt %t.attention.mlir --stl-replace-matmul | stl-opt --stl-gpu-loops-pipeline \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu > %t.attention.stl
// RUN: %stl_compare %t.attention.dense %t.attention.stl --rtol 1e-4 | FileCheck %s --check-prefix=WHOLE
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mlp-generic.mlir | sed -e 's/@T@/f32/g' -e 's/@BOUND@/0.0/' > %t.mlp.mlir
// RUN: stl-opt %t.mlp.mlir --stl-cpu-pipeline | %run_cpu > %t.mlp.dense
// RUN: stl-opt %t.mlp.mlir --stl-replace-matmul | stl-opt --stl-gpu-loops-pipeline -o %t.mlp.loops.mlir
// RUN: stl-opt %t.mlp.loops.mlir --stl-cpu-pipeline=deallocate=false | %run_cpu > %t.mlp.stl
// RUN: %stl_compare %t.mlp.dense %t.mlp.stl --rtol 1e-4 | FileCheck %s --check-prefix=WHOLE
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mlp-f16.mlir | sed -e 's/@T@/f16/g' -e 's/@BOUND@/0.0/' > %t.f16.mlir
// RUN: stl-opt %t.f16.mlir --stl-cpu-pipeline | %run_cpu > %t.f16.dense
// RUN: stl-opt %t.f16.mlir --stl-replace-matmul | stl-opt --stl-gpu-loops-pipeline \
// RUN:   | stl-opt --stl-cpu-pipeline=deallocate=false | %run_cpu > %t.f16.stl
// RUN: %stl_compare %t.f16.dense %t.f16.stl --rtol 2e-2 | FileCheck %s --check-prefix=WHOLE
// WHOLE: relative error {{.*}}: agree
// WHOLE-NOT: disagree

// The frontend-style program (bias adds as arith on tensors, a ReLU, GELUs,
// bf16 and f16) through the GPU path: the element-wise ops around its STL
// MatMuls fused into the encodings' and decodings' loops; the same numbers
// as the dense CPU run, bit for bit (its MatMuls and bias adds are exact).
// RUN: stl-opt %S/whole-programs-frontend.mlir --stl-cpu-pipeline | %run_cpu > %t.fe.dense
// RUN: stl-opt %S/whole-programs-frontend.mlir --stl-replace-matmul \
// RUN:   | stl-opt --stl-gpu-loops-pipeline | stl-opt --stl-cpu-pipeline=deallocate=false \
// RUN:   | %run_cpu > %t.fe.stl
// RUN: %stl_compare %t.fe.dense %t.fe.stl --rtol 0 | FileCheck %s --check-prefix=FRONTEND
// FRONTEND-COUNT-4: relative error 0 <= 0: agree

// No linalg op is left; every outermost loop is mapped.
// LOOPS-NOT: linalg.
// LOOPS: mapping = [#gpu.loop_dim_map<processor = thread_z

// CHECK: square: relative error
// CHECK-NEXT: PASS
// CHECK: nonsquare: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
// CHECK: memrefs: relative error
// CHECK-NEXT: PASS

// F16: matmul f16: relative error
// F16-NEXT: PASS
// F16: batched f16: relative error
// F16-NEXT: PASS
