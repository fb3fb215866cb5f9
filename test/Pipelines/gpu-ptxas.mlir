// The PTX that --stl-gpu-pipeline emits assembles with ptxas for sm_80 and
// sm_90: the README's MLP example (f32, every MatMul rewritten into STL), and
// an MLP with f16 and bf16 inputs accumulating in f32.
// REQUIRES: ptxas

// RUN: stl-opt %stl_src/examples/mlp.mlir --stl-replace-matmul \
// RUN:   --stl-gpu-pipeline="chip=sm_90 features=+ptx80" -o %t.sm90.mlir
// RUN: rm -rf %t.sm90 && %stl_python -m stl_mlir.extract_ptx %t.sm90.mlir \
// RUN:   %t.sm90 --assemble sm_90 | FileCheck %s --check-prefix=SM90
// SM90: ptxas accepted [[N:[1-9][0-9]*]] of [[N]] kernels for sm_90

// RUN: stl-opt %stl_src/examples/mlp.mlir --stl-replace-matmul \
// RUN:   --stl-gpu-pipeline="chip=sm_80 features=+ptx70" -o %t.sm80.mlir
// RUN: rm -rf %t.sm80 && %stl_python -m stl_mlir.extract_ptx %t.sm80.mlir \
// RUN:   %t.sm80 --assemble sm_80 | FileCheck %s --check-prefix=SM80
// SM80: ptxas accepted [[N:[1-9][0-9]*]] of [[N]] kernels for sm_80

// RUN: cat %S/../Integration/CPU/Inputs/harness.mlir \
// RUN:     %S/../Integration/CPU/Inputs/mlp-f16.mlir \
// RUN:   | sed -e 's/@T@/f16/g' -e 's/@BOUND@/0.0/' \
// RUN:   | stl-opt --stl-replace-matmul \
// RUN:   | stl-opt --stl-gpu-pipeline="chip=sm_80 features=+ptx70" -o %t.f16.mlir
// RUN: rm -rf %t.f16 && %stl_python -m stl_mlir.extract_ptx %t.f16.mlir \
// RUN:   %t.f16 --assemble sm_80 | FileCheck %s --check-prefix=MIXED
// RUN: cat %S/../Integration/CPU/Inputs/harness.mlir \
// RUN:     %S/../Integration/CPU/Inputs/mlp-f16.mlir \
// RUN:   | sed -e 's/f16/bf16/g' -e 's/@T@/bf16/g' -e 's/@BOUND@/0.0/' \
// RUN:   | stl-opt --stl-replace-matmul \
// RUN:   | stl-opt --stl-gpu-pipeline="chip=sm_90" -o %t.bf16.mlir
// RUN: rm -rf %t.bf16 && %stl_python -m stl_mlir.extract_ptx %t.bf16.mlir \
// RUN:   %t.bf16 --assemble sm_90 | FileCheck %s --check-prefix=MIXED
// MIXED: ptxas accepted [[N:[1-9][0-9]*]] of [[N]] kernels

// With format=bin the pipeline runs ptxas itself and embeds cubins.
// RUN: stl-opt %stl_src/examples/mlp.mlir --stl-replace-matmul \
// RUN:   --stl-gpu-pipeline="format=bin" | FileCheck %s --check-prefix=BIN
// BIN: gpu.binary @mlp_kernel  [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}bin = "
