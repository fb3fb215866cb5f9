// --stl-cpu-pipeline fails on what it cannot lower instead of exiting 0 with
// IR that mlir-runner and mlir-translate refuse: its last step
// (--stl-check-lowered-to-llvm) names the first op left, its dialect and its
// location. Here the complex dialect (the pipeline has no conversion for it:
// the function types are converted, the ops are left with casts around
// them) and a gpu op outside a kernel.
// RUN: not stl-opt %s -split-input-file --stl-cpu-pipeline 2>&1 \
// RUN:   | FileCheck %s

// CHECK: cpu-pipeline-unlowered.mlir:[[# @LINE + 5]]:8: error: the CPU pipeline (--stl-cpu-pipeline) cannot lower 'complex.add' (dialect 'complex') to the LLVM dialect; mlir-runner and mlir-translate take only LLVM dialect ops
// CHECK: note: 5 ops are left in all: 3 'builtin.unrealized_conversion_cast', 1 'complex.add', 1 'complex.mul'
// CHECK: cpu-pipeline-unlowered.mlir:[[# @LINE + 11]]:8: error: the CPU pipeline (--stl-cpu-pipeline) cannot lower 'gpu.thread_id' (dialect 'gpu') to the LLVM dialect

func.func @complex(%a: complex<f32>, %b: complex<f32>) -> complex<f32> {
  %c = complex.add %a, %b : complex<f32>
  %d = complex.mul %c, %b : complex<f32>
  return %d : complex<f32>
}

// -----

func.func @gpu(%a: index) -> index {
  %t = gpu.thread_id x
  %s = arith.addi %t, %a : index
  return %s : index
}
