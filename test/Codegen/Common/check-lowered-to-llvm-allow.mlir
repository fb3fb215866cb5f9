// allow-dialects: ops of those dialects may be left too (the CPU pipeline
// allows omp with parallel=true: mlir-translate translates it).
// RUN: stl-opt %s --stl-check-lowered-to-llvm=allow-dialects=omp | FileCheck %s
// RUN: not stl-opt %s --stl-check-lowered-to-llvm 2>&1 | FileCheck %s --check-prefix=OMP
// RUN: not stl-opt %s --stl-check-lowered-to-llvm=allow-dialects=gpu,ub 2>&1 | FileCheck %s --check-prefix=LISTED

// CHECK: omp.barrier
// OMP: error: the CPU pipeline (--stl-cpu-pipeline) cannot lower 'omp.barrier' (dialect 'omp') to the LLVM dialect; mlir-runner and mlir-translate take only LLVM dialect ops{{$}}
// LISTED: cannot lower 'omp.barrier' (dialect 'omp') to the LLVM dialect; mlir-runner and mlir-translate take only LLVM dialect ops (and here 'gpu', 'ub')

llvm.func @f() {
  omp.barrier
  llvm.return
}
