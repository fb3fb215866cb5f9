// The README's workflow: fit an approximate scheme in Python, save it, and
// hand it to stl-opt; the attribute stl-opt prints converts back to the same
// file. The Python package calls this build's libSTLCAPI.so (not with
// sanitizers: the instrumented library cannot be loaded into an
// uninstrumented interpreter without preloading the runtimes).
// UNSUPPORTED: sanitizers
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: env STL_BUILD_DIR=%stl_obj_root %stl_python -m stl_mlir fit --tile 2x2x2 --rank 6 --seed 1 \
// RUN:   --iterations 300 -o %t/r6.json | FileCheck %s --check-prefix=FIT
// FIT: relative Frobenius error: 0.{{[0-9]+$}}
// FIT: wrote {{.*}}r6.json: als-2x2x2-r6, tile 2x2x2, rank 6
//
// RUN: env STL_BUILD_DIR=%stl_obj_root %stl_python -m stl_mlir verify %t/r6.json | FileCheck %s --check-prefix=VERIFY
// VERIFY: exact: {{ *}}no, approximate
//
// Approximate: refused unless asked for.
// RUN: not stl-opt %s --stl-replace-matmul="scheme-file=%t/r6.json" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REFUSED
// REFUSED: error: {{.*}}approximate
//
// RUN: stl-opt %s --stl-replace-matmul="scheme-file=%t/r6.json allow-approximate report" \
// RUN:   -o %t/out.mlir 2>&1 | FileCheck %s --check-prefix=REMARK
// REMARK: remark: applying the approximate scheme 'als-2x2x2-r6' (Brent residual {{[0-9.e-]+}} in f32)
// REMARK: remark: replaced with stl.matmul using scheme 'als-2x2x2-r6' (approximate, tile 2x2x2, rank 6)
//
// The scheme's attribute, inline or as an alias of the stl.matmul.
// RUN: FileCheck %s --check-prefix=IR < %t/out.mlir
// IR: #stl.scheme<name = "als-2x2x2-r6", tile = [2, 2, 2], rank = 6,
// IR-NOT: linalg.matmul
// RUN: FileCheck %s --check-prefix=OP < %t/out.mlir
// OP: stl.matmul
//
// RUN: env STL_BUILD_DIR=%stl_obj_root %stl_python -m stl_mlir from-mlir \
// RUN:   %t/out.mlir -o %t/back.json
// RUN: diff %t/r6.json %t/back.json

func.func @mm(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>,
              %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>)
                     outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}
