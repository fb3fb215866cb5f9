// --stl-replace-matmul with scheme-map: per-op schemes from a JSON file
// keyed by what frontends leave on ops (Inputs/scheme-map.json): a location
// name (fused locations too), a function and the op's position among its
// MatMuls, a whole function. The first matching entry wins; an op's own
// stl.scheme wins over the map; ops no entry matches follow the options;
// scheme files are relative to the map's directory. Under report, the
// remarks name each op's entry, and entries that matched nothing are said.
// RUN: stl-opt %s --stl-replace-matmul="scheme-map=%S/Inputs/scheme-map.json report" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REMARK
// RUN: stl-opt %s --stl-replace-matmul="scheme-map=%S/Inputs/scheme-map.json" | FileCheck %s
// RUN: stl-opt %s --stl-replace-matmul="scheme-map=%S/Inputs/scheme-map.json" --stl-cost-report="output=-" -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=COST

// Errors: an unreadable map, invalid JSON, a bad entry, a scheme that is
// not there.
// RUN: not stl-opt %s --stl-replace-matmul="scheme-map=%S/Inputs/no-such-map.json" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// RUN: echo '{"schemes": [{"loc": "x"}]}' > %t.noscheme.json
// RUN: not stl-opt %s --stl-replace-matmul="scheme-map=%t.noscheme.json" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOSCHEME
// RUN: echo '{"schemes": [{"index": -1, "scheme": "strassen-2x2x2"}]}' > %t.index.json
// RUN: not stl-opt %s --stl-replace-matmul="scheme-map=%t.index.json" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=INDEX
// RUN: echo '{"schemes": [{"layer": "x", "scheme": "strassen-2x2x2"}]}' > %t.key.json
// RUN: not stl-opt %s --stl-replace-matmul="scheme-map=%t.key.json" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=KEY
// RUN: echo '{"schemes": [' > %t.broken.json
// RUN: not stl-opt %s --stl-replace-matmul="scheme-map=%t.broken.json" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=JSON
// An approximate scheme named by an entry is an explicit request: applied
// without allow-approximate, with its remark.
// RUN: echo '{"schemes": [{"function": "decoder", "scheme": "%S/../Inputs/schemes/approximate-rank6.json"}]}' > %t.approximate.json
// RUN: stl-opt %s --stl-replace-matmul="scheme-map=%t.approximate.json" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=APPROXIMATE
// APPROXIMATE: remark: applying the approximate scheme 'strassen-minus-one'
// RUN: echo '{"schemes": [{"function": "decoder", "scheme": "strassen-9x9x9"}]}' > %t.unknown.json
// RUN: not stl-opt %s --stl-replace-matmul="scheme-map=%t.unknown.json" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN

// REMARK: replaced with stl.matmul using scheme 'winograd-2x2x2' {{.*}}; scheme named by scheme-map entry #0
// REMARK: replaced with stl.matmul using scheme 'winograd-2x2x2' {{.*}}; scheme named by scheme-map entry #0
// REMARK: replaced with stl.matmul using scheme 'strassen-2x2x2' {{.*}}; scheme named by scheme-map entry #1
// REMARK: replaced with stl.matmul using scheme 'strassen-4x4x4' {{.*}}; scheme chosen by the pass (the fewest multiply-adds) (no scheme-map entry matched it)
// REMARK: replaced with stl.matmul using scheme 'strassen-2x2x2*strassen-2x2x2' {{.*}}; scheme named by the op's stl.scheme attribute
// REMARK: replaced with stl.matmul using scheme 'strassen-4x4x4' {{.*}}; scheme named by scheme-map entry #2
// REMARK: remark: stl-replace-matmul: scheme-map entry #3 (loc 'layer9.unused') matched no MatMul

// CHECK-LABEL: func.func @forward
// CHECK: stl.matmul #stl.scheme<"winograd-2x2x2"> {{.*}}{stl.scheme_source = "scheme map entry #0"}
// CHECK: stl.matmul #stl.scheme<"winograd-2x2x2"> {{.*}}{stl.scheme_source = "scheme map entry #0"}
// CHECK: stl.matmul #stl.scheme<"strassen-2x2x2"> {{.*}}{stl.scheme_source = "scheme map entry #1"}
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4">
// CHECK-NOT: stl.scheme_source
// CHECK: stl.matmul #stl.scheme<"strassen-2x2x2*strassen-2x2x2"> {{.*}}{stl.scheme_source = "op attribute stl.scheme"}
// CHECK-LABEL: func.func @decoder
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> {{.*}}{stl.scheme_source = "scheme map entry #2"}

// COST: scheme: winograd-2x2x2
// COST-NEXT: scheme from: scheme map entry #0

// MISSING: error: stl-replace-matmul: scheme map '{{.*}}no-such-map.json': cannot read it: No such file or directory
// NOSCHEME: error: stl-replace-matmul: scheme map '{{.*}}': entry #0 names no "scheme"
// INDEX: error: stl-replace-matmul: scheme map '{{.*}}': entry #0: "index" must be an integer of at least 0
// KEY: error: stl-replace-matmul: scheme map '{{.*}}': entry #0: unknown key "layer" (expected function, loc, index, scheme)
// JSON: error: stl-replace-matmul: scheme map '{{.*}}': invalid JSON
// UNKNOWN: error: stl-replace-matmul: the scheme named by scheme-map entry #0 (function 'decoder'): unknown scheme 'strassen-9x9x9'

func.func @forward(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>)
    -> (tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32> loc("layer1.fc1")
  %1 = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32> loc(fused["layer1.fc1", "model.py":12:3])
  %2 = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  %3 = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32> loc("layer2.fc2")
  %4 = linalg.matmul {stl.scheme = "strassen-2x2x2*strassen-2x2x2"} ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32> loc("layer1.fc1")
  return %0, %1, %2, %3, %4 : tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>
}

func.func @decoder(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %0 : tensor<64x64xf32>
}
