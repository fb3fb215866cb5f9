// The project's pipelines run on the module (they bufferize function
// boundaries and convert the whole module to LLVM). Nested under another
// operation they are refused with an error, not an abort of the process.
// RUN: not stl-opt %s --pass-pipeline='builtin.module(func.func(stl-cpu-pipeline))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CPU
// CPU: error: stl-cpu-pipeline runs on 'builtin.module', not on 'func.func': use it at the top level (--stl-cpu-pipeline, or --pass-pipeline='builtin.module(stl-cpu-pipeline)')
// RUN: not stl-opt %s --pass-pipeline='builtin.module(func.func(stl-gpu-loops-pipeline))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LOOPS
// LOOPS: error: stl-gpu-loops-pipeline runs on 'builtin.module', not on 'func.func'
// RUN: not stl-opt %s --pass-pipeline='builtin.module(func.func(stl-gpu-pipeline{chip=sm_80}))' 2>&1 \
// RUN:   | FileCheck %s --check-prefix=GPU
// GPU: error: stl-gpu-pipeline runs on 'builtin.module', not on 'func.func'
// On the module, explicitly or as any(...), they run.
// RUN: stl-opt %s --pass-pipeline='builtin.module(stl-cpu-pipeline)' | FileCheck %s --check-prefix=OK
// RUN: stl-opt %s --pass-pipeline='any(stl-cpu-pipeline)' | FileCheck %s --check-prefix=OK
// OK: llvm.func @f

func.func @f(%x: tensor<8x8xf32>, %w: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.matmul ins(%x, %w : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
