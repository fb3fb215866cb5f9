// The CPU pipeline's packed micro-kernel (the packed-micro-kernel strategy)
// executed on sizes that are multiples of neither the register tile nor the
// cache blocks (zero-padded panels, cut tiles of C) and on whole ones: one
// block per size (the default blocks), many blocks (cache-tiles=12,32,16:
// the last block of every size cut), the AVX2 6 x 16 and 4 x 24 (rows of
// three vectors) and the default 8 x 32 micro-kernels, f32 and f64, serial and on two OpenMP threads, and exact
// STL schemes computed with their encodings fused into the packing
// (strassen-2x2x2, strassen-4x4x4, winograd-2x2x2 on the padded sizes the
// rewrite gives), against the independent dense reference
// (relative error at most 1e-5 in f32, 1e-13 in f64). The IR check makes
// sure the packed kernels are what runs.
// REQUIRES: mlir-runner, host-x86_64

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/packed-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' > %t.f32.mlir
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/packed-cases.mlir \
// RUN:   | sed -e 's/@T@/f64/g' -e 's/@BOUND@/1.0e-13/' > %t.f64.mlir
// RUN: stl-opt %t.f32.mlir --stl-cpu-pipeline="target-cpu=haswell" -mlir-disable-threading \
// RUN:   --mlir-print-ir-after=stl-cpu-vectorize-contractions -o %t.llvm.mlir 2> %t.ir
// RUN: FileCheck %s --check-prefix=IR < %t.ir
// RUN: %run_cpu < %t.llvm.mlir | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-cpu-pipeline="target-cpu=haswell cache-tiles=12,32,16" \
// RUN:   | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-cpu-pipeline="cache-tiles=12,32,16" | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-cpu-pipeline="target-cpu=haswell register-tiles=4,24,4" | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f64.mlir --stl-cpu-pipeline="target-cpu=haswell register-tiles=4,12,4 cache-tiles=12,32,16" \
// RUN:   | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f64.mlir --stl-cpu-pipeline="target-cpu=haswell cache-tiles=12,32,16" \
// RUN:   | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f64.mlir --stl-cpu-pipeline="target-cpu=haswell" | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline="target-cpu=haswell register-tiles=4,8,2 cache-tiles=8,16,8" \
// RUN:   | %run_cpu | FileCheck %s --check-prefix=STL
// RUN: stl-opt %t.f32.mlir --stl-replace-matmul=scheme=strassen-4x4x4 \
// RUN:   | stl-opt --stl-cpu-pipeline="target-cpu=haswell" | %run_cpu | FileCheck %s --check-prefix=STL
// RUN: stl-opt %t.f32.mlir --stl-replace-matmul=scheme=strassen-4x4x4 \
// RUN:   | stl-opt --stl-cpu-pipeline="target-cpu=haswell fuse-encodings=false" | %run_cpu | FileCheck %s --check-prefix=STL
// RUN: stl-opt %t.f64.mlir --stl-replace-matmul=scheme=winograd-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline="cache-tiles=12,8,8" | %run_cpu | FileCheck %s --check-prefix=STL
// RUN: %if openmp %{ stl-opt %t.f32.mlir --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline="target-cpu=haswell cache-tiles=12,32,16 parallel=true" \
// RUN:   | env OMP_NUM_THREADS=2 %run_omp | FileCheck %s --check-prefix=STL %}
// RUN: %if openmp %{ stl-opt %t.f32.mlir --stl-cpu-pipeline="target-cpu=haswell cache-tiles=12,32,16 parallel=true" \
// RUN:   | env OMP_NUM_THREADS=2 %run_omp | FileCheck %s %}

// The 6 x 16 kernel (N = 45 is too narrow for 4 x 24: two of its three
// panels would be cut): six accumulator rows carried by the K loop, two K
// steps of six FMAs (K = 70 takes steps of 2), the B panels and A panels
// packed into their buffers (the rows of an A panel one cache line longer
// than the K block).
// IR-LABEL: func.func @odd
// IR-DAG:     memref.alloc() {alignment = 64 : i64} : memref<3x70x16xf32>
// IR-DAG:     memref.alloc() {alignment = 64 : i64} : memref<17x6x86xf32>
// IR:         scf.for {{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>) {
// IR-COUNT-12: vector.fma {{.*}} : vector<16xf32>
// IR-NOT:     vector.fma
// IR:         scf.yield
// IR-LABEL: func.func @batched

// CHECK: odd: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
// CHECK: whole: relative error
// CHECK-NEXT: PASS

// STL: odd: relative error
// STL-NEXT: PASS
// STL: batched: relative error
// STL-NEXT: PASS
// STL: whole: relative error
// STL-NEXT: PASS
