// The CPU pipeline's vectorized contractions (--stl-cpu-vectorize-contractions)
// executed: dense MatMuls and STL tile products (strassen-2x2x2) with full
// and shrunken micro-kernels and a batch, f32 and f64, against the
// independent dense reference (relative error at most 1e-5 in f32, 1e-13 in
// f64). The IR check makes sure the vector FMAs are what runs, with the
// unpacked strategy (packing=false; packed.mlir tests the packed one).
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/vectorized-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' > %t.f32.mlir
// RUN: stl-opt %t.f32.mlir --stl-cpu-pipeline="vectorize=true packing=false" -mlir-disable-threading \
// RUN:   --mlir-print-ir-after=stl-cpu-vectorize-contractions -o %t.dense.llvm.mlir 2> %t.dense.ir
// RUN: FileCheck %s --check-prefix=IR < %t.dense.ir
// RUN: %run_cpu < %t.dense.llvm.mlir | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-cpu-pipeline | %run_cpu | FileCheck %s
// RUN: stl-opt %t.f32.mlir --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s
// RUN: cat %S/Inputs/harness.mlir %S/Inputs/vectorized-cases.mlir \
// RUN:   | sed -e 's/@T@/f64/g' -e 's/@BOUND@/1.0e-13/' \
// RUN:   | stl-opt --stl-replace-matmul=scheme=strassen-2x2x2 \
// RUN:   | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s

// IR-LABEL: func.func @wide
// IR:         scf.for {{.*}} iter_args({{.*}}) -> (vector<8x32xf32>) {
// IR-COUNT-32: vector.fma {{.*}} : vector<32xf32>
// IR-LABEL: func.func @narrow
// IR:         vector.fma {{.*}} : vector<16xf32>
// IR-LABEL: func.func @batched
// IR:         vector.fma {{.*}} : vector<32xf32>

// CHECK: wide: relative error
// CHECK-NEXT: PASS
// CHECK: narrow: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
