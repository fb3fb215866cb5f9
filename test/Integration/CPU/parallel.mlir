// The CPU pipeline with parallel=true executed on two OpenMP threads: the
// vectorized contractions' outermost parallel block loops (the MatMuls' row
// blocks; the STL tile products' products) shared among threads, dense and
// through strassen-2x2x2 and strassen-4x4x4, f32 and f64, against the
// independent dense reference (relative error at most 1e-5 in f32, 1e-13 in
// f64). The IR check makes sure OpenMP regions are what runs.
// REQUIRES: mlir-runner, openmp

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/vectorized-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' > %t.f32.mlir
// RUN: stl-opt %t.f32.mlir --stl-cpu-pipeline="parallel=true" -o %t.dense.llvm.mlir
// RUN: FileCheck %s --check-prefix=IR < %t.dense.llvm.mlir
// RUN: env OMP_NUM_THREADS=2 %run_omp < %t.dense.llvm.mlir | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline="parallel=true" \
// RUN:   | env OMP_NUM_THREADS=2 %run_omp | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-replace-matmul=scheme=strassen-4x4x4 \
// RUN:   | stl-opt --stl-cpu-pipeline="parallel=true" \
// RUN:   | env OMP_NUM_THREADS=2 %run_omp | FileCheck %s
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/vectorized-cases.mlir \
// RUN:   | sed -e 's/@T@/f64/g' -e 's/@BOUND@/1.0e-13/' \
// RUN:   | stl-opt --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline="parallel=true" \
// RUN:   | env OMP_NUM_THREADS=2 %run_omp | FileCheck %s

// IR-LABEL: llvm.func @wide
// IR:         omp.parallel
// IR:           omp.wsloop
// IR-COUNT-32:      llvm.intr.fmuladd
// IR-NOT:     scf.parallel

// CHECK: wide: relative error
// CHECK-NEXT: PASS
// CHECK: narrow: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
