// Per-op schemes: a MatMul carrying the discardable attribute stl.scheme
// (a catalog name, a composition, a scheme file's path, or an #stl.scheme)
// gets that scheme, whatever the pass options say; an approximate scheme
// named on an op is an explicit request: applied, with a remark, without
// allow-approximate. Ops without the attribute follow the pass options.
// The remarks say where each op's scheme came from.
// RUN: sed -e 's|@INPUTS@|%inputs|' %s > %t.mlir
// RUN: stl-opt %t.mlir --split-input-file --stl-replace-matmul="report" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REMARK
// RUN: stl-opt %t.mlir --split-input-file --stl-replace-matmul="scheme=strassen-2x2x2 report" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPTION
// RUN: stl-opt %t.mlir --split-input-file --stl-replace-matmul | FileCheck %s
// RUN: stl-opt %t.mlir --split-input-file --stl-replace-matmul --stl-cost-report="output=-" -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=COST
// RUN: stl-opt %t.mlir --split-input-file --stl-replace-matmul --stl-cost-report="output=- format=json" -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=JSON

// The cost report names the source of the schemes ops named.
// COST:      scheme: winograd-2x2x2
// COST-NEXT: scheme from: op attribute stl.scheme
// COST:      scheme: strassen-2x2x2*strassen-2x2x2
// COST-NEXT: scheme from: op attribute stl.scheme
// COST:      scheme: strassen-minus-one
// COST-NEXT: scheme from: op attribute stl.scheme
// COST:      scheme: strassen-4x4x4
// COST-NOT:  scheme from
// COST:      sizes
// JSON: "scheme": "winograd-2x2x2",
// JSON: "scheme_source": "op attribute stl.scheme",
// CHECK-LABEL: func.func @per_op
// CHECK:       stl.matmul #stl.scheme<"winograd-2x2x2">
// CHECK-NOT:   stl.scheme =
// CHECK:       stl.matmul #stl.scheme<"strassen-2x2x2*strassen-2x2x2">
// CHECK:       stl.matmul #stl_strassen_minus_one
// CHECK:       stl.matmul #stl.scheme<"strassen-4x4x4">
// REMARK: remark: replaced with stl.matmul using scheme 'winograd-2x2x2' {{.*}}; scheme named by the op's stl.scheme attribute
// REMARK: remark: replaced with stl.matmul using scheme 'strassen-2x2x2*strassen-2x2x2' {{.*}}; scheme named by the op's stl.scheme attribute
// REMARK: remark: applying the approximate scheme 'strassen-minus-one'
// REMARK: remark: replaced with stl.matmul using scheme 'strassen-minus-one' (approximate, {{.*}}; scheme named by the op's stl.scheme attribute
// REMARK: remark: replaced with stl.matmul using scheme 'strassen-4x4x4' {{.*}}; scheme chosen by the pass (the fewest multiply-adds)
// OPTION: using scheme 'winograd-2x2x2' {{.*}}; scheme named by the op's stl.scheme attribute
// OPTION: using scheme 'strassen-2x2x2*strassen-2x2x2' {{.*}}; scheme named by the op's stl.scheme attribute
// OPTION: using scheme 'strassen-minus-one' {{.*}}; scheme named by the op's stl.scheme attribute
// OPTION: using scheme 'strassen-2x2x2' {{.*}}; scheme given by the pass option 'scheme'
func.func @per_op(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>)
    -> (tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) {
  %0 = linalg.matmul {stl.scheme = "winograd-2x2x2"} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %1 = linalg.matmul {stl.scheme = #stl.scheme<"strassen-2x2x2*strassen-2x2x2">} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %2 = linalg.matmul {stl.scheme = "@INPUTS@/schemes/approximate-rank6.json"} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %3 = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0, %1, %2, %3 : tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>
}

// -----

// A scheme named on an op that cannot take it (its tile does not divide
// the sizes, no pad) leaves the op alone, saying why.
// REMARK: remark: not replaced with STL: scheme 'strassen-4x4x4': dimension M (size 30) is not divisible by the tile size m = 4 (the scheme named by the op's stl.scheme attribute)
// CHECK-LABEL: func.func @not_divisible
// CHECK:       linalg.matmul
func.func @not_divisible(%a: tensor<30x64xf32>, %b: tensor<64x64xf32>, %c: tensor<30x64xf32>) -> tensor<30x64xf32> {
  %0 = linalg.matmul {stl.scheme = "strassen-4x4x4"} ins(%a, %b : tensor<30x64xf32>, tensor<64x64xf32>) outs(%c : tensor<30x64xf32>) -> tensor<30x64xf32>
  return %0 : tensor<30x64xf32>
}
