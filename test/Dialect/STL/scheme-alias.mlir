// Aliases of #stl.scheme: a scheme in the full form prints once per module,
// as an alias named after the scheme ("stl_" and the name's letters, digits
// and underscores; MLIR numbers duplicates) that its uses refer to; a
// catalog scheme prints as its name. The aliases parse back to the same
// attributes.
// RUN: stl-opt %s | FileCheck %s
// RUN: stl-opt %s | stl-opt | FileCheck %s
// RUN: stl-opt %s > %t.once && stl-opt %t.once > %t.twice && diff %t.once %t.twice

// CHECK-DAG: #[[MY:stl_my_scheme]] = #stl.scheme<name = "my-scheme", tile = [1, 1, 2], rank = 2, lhs = {{\[\[}}1], [1]], rhs = {{\[\[}}1, 0], [0, 1]], out = {{\[\[}}1, 0], [0, 1]]>
// CHECK-DAG: #[[UNNAMED:stl_scheme]] = #stl.scheme<tile = [1, 1, 1], rank = 1,
// CHECK-DAG: #[[DUP:stl_dup]] = #stl.scheme<name = "dup", tile = [1, 1, 1], rank = 1, lhs = {{\[\[}}1]],
// CHECK-DAG: #[[DUP1:stl_dup1]] = #stl.scheme<name = "dup", tile = [1, 1, 1], rank = 1, lhs = {{\[\[}}2]],
// CHECK-DAG: #[[ODD:stl_q_8_x_y]] = #stl.scheme<name = "Q-8 * x/y__",
// CHECK-DAG: #[[STAR:stl_scheme1]] = #stl.scheme<name = "*",
// CHECK-DAG: #[[DIGIT:stl_7up]] = #stl.scheme<name = "7up",
// CHECK-NOT: #stl.scheme<name = "my-scheme"

// CHECK-LABEL: func.func @ops
// CHECK: stl.matmul #[[MY]] ins(
// CHECK: stl.matmul #[[MY]] ins(
// CHECK: stl.matmul #stl.scheme<"strassen-2x2x2"> ins(
func.func @ops(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>,
               %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %0 = stl.matmul #stl.scheme<name = "my-scheme", tile = [1, 1, 2], rank = 2,
                              lhs = [[1], [1]], rhs = [[1, 0], [0, 1]],
                              out = [[1, 0], [0, 1]]>
      ins(%x, %w : tensor<4x4xf32>, tensor<4x4xf32>)
      outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  %1 = stl.matmul #stl.scheme<name = "my-scheme", tile = [1, 1, 2], rank = 2,
                              lhs = [[1], [1]], rhs = [[1, 0], [0, 1]],
                              out = [[1, 0], [0, 1]]>
      ins(%x, %w : tensor<4x4xf32>, tensor<4x4xf32>)
      outs(%0 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %2 = stl.matmul #stl.scheme<"strassen-2x2x2">
      ins(%x, %w : tensor<4x4xf32>, tensor<4x4xf32>)
      outs(%1 : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %2 : tensor<4x4xf32>
}

// Unnamed schemes, names that differ only in their coefficients and names
// with other characters.
// CHECK-LABEL: func.func private @names()
// CHECK-SAME: a = #[[UNNAMED]], b = #[[DUP]], c = #[[DUP1]], d = #[[ODD]], e = #[[STAR]], f = #[[DIGIT]]}
func.func private @names() attributes {
  a = #stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[1]],
                  out = [[1]]>,
  b = #stl.scheme<name = "dup", tile = [1, 1, 1], rank = 1, lhs = [[1]],
                  rhs = [[1]], out = [[1]]>,
  c = #stl.scheme<name = "dup", tile = [1, 1, 1], rank = 1, lhs = [[2]],
                  rhs = [[1]], out = [[0.5]]>,
  d = #stl.scheme<name = "Q-8 * x/y__", tile = [1, 1, 1], rank = 1,
                  lhs = [[1]], rhs = [[1]], out = [[1]]>,
  e = #stl.scheme<name = "*", tile = [1, 1, 1], rank = 1, lhs = [[1]],
                  rhs = [[1]], out = [[1]]>,
  f = #stl.scheme<name = "7up", tile = [1, 1, 1], rank = 1, lhs = [[1]],
                  rhs = [[1]], out = [[1]]>
}

// Two MatMuls rewritten with a scheme file of rank 24 for 4x4x4 tiles and
// decomposed: six ops carry the scheme, which prints once; the module is
// under 30 KB (with the scheme printed in full by each op: about 150 KB).
// RUN: stl-opt %S/Inputs/two-matmuls.mlir \
// RUN:   --stl-replace-matmul="scheme-file=%stl_src/schemes/rank24-4x4x4.json allow-approximate" \
// RUN:   --stl-decompose -o %t.rank24 2> /dev/null
// RUN: FileCheck %s --check-prefix=RANK24 < %t.rank24
// RUN: %python -c "import os, sys; n = os.path.getsize(sys.argv[1]); print('size', 'under 30 KB' if n < 30000 else n)" %t.rank24 \
// RUN:   | FileCheck %s --check-prefix=SIZE
// RANK24: #[[R24:stl_als_4x4x4_r24]] = #stl.scheme<name = "als-4x4x4-r24", tile = [4, 4, 4], rank = 24,
// RANK24-NOT: #stl.scheme<
// RANK24-COUNT-2: stl.encode {{lhs|rhs}} #[[R24]] ins(
// RANK24: stl.decode #[[R24]] ins(
// RANK24-COUNT-2: stl.encode {{lhs|rhs}} #[[R24]] ins(
// RANK24: stl.decode #[[R24]] ins(
// RANK24-NOT: #stl.scheme<
// SIZE: size under 30 KB
