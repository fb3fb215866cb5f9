// Round trip of the #stl.scheme attribute: the full form, the catalog form
// and its expansion, compositions, and coefficients that are not integers.
// RUN: stl-opt %s | FileCheck %s
// RUN: stl-opt %s | stl-opt | FileCheck %s
// Found by stl-opt-fuzzer: in the sanitizer build, a variant of this file
// (Inputs/scheme-attrs-asan.mlir) through a pass made ASan report
// use-after-poison (a false report: LLVM's inline allocator code poisons
// memory that the uninstrumented libMLIR then uses; see
// include/stl/Tools/SanitizerDefaults.h). The tools now ignore manual
// poisoning; the suite runs this under ASan (utils/test.sh --sanitize).
// RUN: stl-opt %S/Inputs/scheme-attrs-asan.mlir --stl-replace-matmul \
// RUN:   | FileCheck %s --check-prefix=ASAN
// ASAN: func.func private @catalog()

// Schemes in the full form print once, as aliases (scheme-alias.mlir).
// CHECK-DAG: #[[RENAMED:stl_naive_1x1x2]] = #stl.scheme<name = "naive-1x1x2", tile = [1, 1, 2], rank = 2, lhs = {{\[\[}}2], [1]], rhs = {{\[\[}}1, 0], [0, 1]], out = {{\[\[}}0.5, 0], [0, 1]]>
// CHECK-DAG: #[[UNNAMED:stl_scheme]] = #stl.scheme<tile = [1, 1, 1], rank = 3, lhs = {{\[\[}}0.1], [-0.33333333333333331], [1.0e-20]], rhs = {{\[\[}}-1], [2.5], [3]], out = {{\[\[}}1, -2, 1.0e+20]]>
// CHECK-DAG: #[[SWAP:stl_swap]] = #stl.scheme<name = "swap", tile = [1, 1, 1], rank = 1, lhs = {{\[\[}}1]], rhs = {{\[\[}}-1]], out = {{\[\[}}-1]]>

// Catalog names print back as catalog names.
// CHECK-LABEL: func.func private @catalog
// CHECK-SAME: a = #stl.scheme<"strassen-2x2x2">
// CHECK-SAME: b = #stl.scheme<"winograd-2x2x2">
// CHECK-SAME: c = #stl.scheme<"strassen-4x4x4">
// CHECK-SAME: d = #stl.scheme<"naive-3x1x2">
// CHECK-SAME: e = #stl.scheme<"strassen-2x2x2*naive-1x1x2">
func.func private @catalog() attributes {
  a = #stl.scheme<"strassen-2x2x2">,
  b = #stl.scheme<"winograd-2x2x2">,
  c = #stl.scheme<"strassen-4x4x4">,
  d = #stl.scheme<"naive-3x1x2">,
  e = #stl.scheme<"strassen-2x2x2*naive-1x1x2">
}

// A full form with a catalog name and the catalog's coefficients is the
// catalog scheme: it prints in the short form.
// CHECK-LABEL: func.func private @full_form_of_catalog
// CHECK-SAME: s = #stl.scheme<"naive-1x1x2">
func.func private @full_form_of_catalog() attributes {
  s = #stl.scheme<name = "naive-1x1x2", tile = [1, 1, 2], rank = 2,
                  lhs = [[1], [1]], rhs = [[1, 0], [0, 1]],
                  out = [[1, 0], [0, 1]]>
}

// A catalog name with other coefficients keeps the full form.
// CHECK-LABEL: func.func private @renamed
// CHECK-SAME: s = #[[RENAMED]]}
func.func private @renamed() attributes {
  s = #stl.scheme<name = "naive-1x1x2", tile = [1, 1, 2], rank = 2,
                  lhs = [[2], [1]], rhs = [[1, 0], [0, 1]],
                  out = [[0.5, 0], [0, 1]]>
}

// Without a name; floating-point coefficients (negative, fractional,
// exponents) survive the round trip exactly.
// CHECK-LABEL: func.func private @unnamed
// CHECK-SAME: s = #[[UNNAMED]]}
func.func private @unnamed() attributes {
  s = #stl.scheme<tile = [1, 1, 1], rank = 3,
                  lhs = [[0.1], [-0.33333333333333331], [1.0e-20]],
                  rhs = [[-1], [2.5], [3.0]], out = [[1, -2, 1.0e20]]>
}

// Keys may come in any order.
// CHECK-LABEL: func.func private @any_order
// CHECK-SAME: s = #[[SWAP]]}
func.func private @any_order() attributes {
  s = #stl.scheme<out = [[-1]], rhs = [[-1]], lhs = [[1]], rank = 1,
                  tile = [1, 1, 1], name = "swap">
}
