// An approximate scheme (Strassen without its last product: 2x2x2, rank 6,
// whose file claims "exact": true) runs when allowed, is reported as
// approximate for every MatMul it replaces, and really changes the results:
// the error check against the dense reference fails.
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/matmul-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme-file=%inputs/schemes/approximate-rank6.json allow-approximate" \
// RUN:     -o %t.mlir 2> %t.remarks
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// RUN: stl-opt --stl-cpu-pipeline %t.mlir | %run_cpu | FileCheck %s

// REMARK-COUNT-4: remark: applying the approximate scheme 'strassen-minus-one' (Brent residual 1 in f32): the result differs from the MatMul's

// CHECK: square: relative error
// CHECK-NEXT: FAIL
// CHECK: nonsquare: relative error
// CHECK-NEXT: FAIL
// CHECK: batched: relative error
// CHECK-NEXT: FAIL
// CHECK: memrefs: relative error
// CHECK-NEXT: FAIL
