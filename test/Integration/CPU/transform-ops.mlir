// transform.stl.* from a transform script (Inputs/transform-square.mlir,
// preloaded): only the MatMul of @square is replaced by an STL MatMul and
// decomposed; the other cases stay dense. Every case still matches the
// independent dense reference on the CPU (relative error at most 1e-5).
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/matmul-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --transform-preload-library="transform-library-paths=%S/Inputs/transform-square.mlir" \
// RUN:       --transform-interpreter > %t.mlir
// RUN: FileCheck %s --check-prefix=IR < %t.mlir
// RUN: stl-opt --stl-cpu-pipeline %t.mlir | %run_cpu | FileCheck %s

// IR-LABEL: func.func @square
// IR-NOT:   linalg.matmul
// IR:       stl.encode lhs #stl.scheme<"winograd-2x2x2">
// IR:       stl.encode rhs #stl.scheme<"winograd-2x2x2">
// IR:       stl.tile_product
// IR:       stl.decode #stl.scheme<"winograd-2x2x2">
// IR-LABEL: func.func @nonsquare
// IR:       linalg.matmul
// IR-NOT:   transform.

// CHECK: square: relative error
// CHECK-NEXT: PASS
// CHECK: nonsquare: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
// CHECK: memrefs: relative error
// CHECK-NEXT: PASS
