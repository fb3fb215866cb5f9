// Whole programs run before and after --stl-replace-matmul (exact schemes,
// chosen per MatMul), compiled by --stl-cpu-pipeline; their printed outputs
// are compared. Tolerance: relative error max|dense - STL| / max|dense| at
// most 1e-4 in f32 (the runs print 6 significant digits) and 2e-2 with f16
// inputs (STL encodes the f16 operands in f16 before the f32 product).
// REQUIRES: mlir-runner

// Self-attention: projections with transposed weights, Q * K^T and
// probabilities * V as batch_matmul, softmax, residual.
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/attention.mlir | sed -e 's/@T@/f32/g' -e 's/@BOUND@/0.0/' > %t.attention.mlir
// RUN: stl-opt %t.attention.mlir --stl-cpu-pipeline | %run_cpu > %t.attention.dense
// RUN: stl-opt %t.attention.mlir --stl-replace-matmul=report -o %t.attention.stl.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ATTENTION
// RUN: stl-opt %t.attention.stl.mlir --stl-cpu-pipeline | %run_cpu > %t.attention.stl
// RUN: %stl_compare %t.attention.dense %t.attention.stl --rtol 1e-4 | FileCheck %s
// ATTENTION: remark: stl-replace-matmul: replaced 3 of 3 MatMuls
// CHECK: memref 0 (sizes 32x64): relative error {{.*}}: agree

// The MLP of examples/ written with linalg.generic contractions only.
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mlp-generic.mlir | sed -e 's/@T@/f32/g' -e 's/@BOUND@/0.0/' > %t.mlp.mlir
// RUN: stl-opt %t.mlp.mlir --stl-cpu-pipeline | %run_cpu > %t.mlp.dense
// RUN: stl-opt %t.mlp.mlir --stl-replace-matmul=report -o %t.mlp.stl.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MLP
// RUN: stl-opt %t.mlp.stl.mlir --stl-cpu-pipeline | %run_cpu > %t.mlp.stl
// RUN: %stl_compare %t.mlp.dense %t.mlp.stl --rtol 1e-4 | FileCheck %s --check-prefix=MLPOUT
// MLP: remark: stl-replace-matmul: replaced 3 of 3 MatMuls
// MLPOUT: memref 0 (sizes 32x32): relative error {{.*}}: agree

// f16 inputs and weights with f32 accumulation (the mixed-precision generic
// contraction frontends emit).
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/mlp-f16.mlir | sed -e 's/@T@/f16/g' -e 's/@BOUND@/0.0/' > %t.f16.mlir
// RUN: stl-opt %t.f16.mlir --stl-cpu-pipeline | %run_cpu > %t.f16.dense
// RUN: stl-opt %t.f16.mlir --stl-replace-matmul=report -o %t.f16.stl.mlir 2>&1 \
// RUN:   | FileCheck %s --check-prefix=F16
// RUN: stl-opt %t.f16.stl.mlir --stl-cpu-pipeline | %run_cpu > %t.f16.stl
// RUN: %stl_compare %t.f16.dense %t.f16.stl --rtol 2e-2 | FileCheck %s --check-prefix=F16OUT
// F16: remark: stl-replace-matmul: replaced 3 of 3 MatMuls
// F16OUT: memref 0 (sizes 32x32): relative error {{.*}}: agree
