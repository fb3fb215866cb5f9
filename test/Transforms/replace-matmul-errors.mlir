// Bad options of --stl-replace-matmul: each gives a clear error naming the
// cause, and a non-zero exit.

// RUN: not stl-opt %s --stl-replace-matmul=scheme=strassen-3x3x3 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: stl-replace-matmul: unknown scheme 'strassen-3x3x3' (known: naive-MxKxN, strassen-2x2x2, winograd-2x2x2, strassen-4x4x4, or A*B to compose two)

// RUN: not stl-opt %s --stl-replace-matmul="scheme=strassen-2x2x2 scheme-file=%inputs/schemes/strassen-2x2x2.json" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BOTH
// BOTH: error: stl-replace-matmul: the options 'scheme' and 'scheme-file' exclude each other

// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%t.missing.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING
// MISSING: error: stl-replace-matmul: cannot read scheme file '{{.*}}missing.json': No such file or directory

// Only regular files are read as scheme files: a device or a directory would
// be read without end (or not at all).
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=/dev/zero 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEVICE
// DEVICE: error: stl-replace-matmul: cannot read scheme file '/dev/zero': it is not a regular file
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%S 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DIRECTORY
// DIRECTORY: error: stl-replace-matmul: cannot read scheme file '{{.*}}Transforms': it is not a regular file
// A regular file larger than any valid scheme (sparse, so it takes no disk).
// RUN: rm -f %t.huge.json && truncate -s 300M %t.huge.json
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%t.huge.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HUGEFILE
// HUGEFILE: error: stl-replace-matmul: cannot read scheme file '{{.*}}huge.json': it has 314572800 bytes, more than any valid scheme file (201326592 bytes at most)
// RUN: rm -f %t.huge.json

// An approximate scheme is refused without allow-approximate, whatever the
// file claims ("exact": true).
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/approximate-rank6.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=APPROX
// APPROX: error: stl-replace-matmul: scheme 'strassen-minus-one' is approximate (Brent residual 1); it changes what the program computes, so it is only applied with the option 'allow-approximate'

// Malformed scheme files.
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/truncated.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: error: stl-replace-matmul: scheme file '{{.*}}truncated.json': invalid JSON: {{.*}}Expected , or ] after array element
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/nan.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NAN
// NAN: error: stl-replace-matmul: scheme file '{{.*}}nan.json': invalid JSON
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/bad-tile.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TILE
// TILE: error: stl-replace-matmul: scheme file '{{.*}}bad-tile.json': 'tile' has 2 entries, expected 3 ([m, k, n])
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/huge-tile.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HUGE
// HUGE: error: stl-replace-matmul: scheme file '{{.*}}huge-tile.json': 'tile' entry 100000000000 is out of range [1, 16]
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/negative-rank.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=RANK
// RANK: error: stl-replace-matmul: scheme file '{{.*}}negative-rank.json': 'rank' -7 is out of range [1, 4096]
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/wrong-rows.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ROWS
// ROWS: error: stl-replace-matmul: scheme file '{{.*}}wrong-rows.json': 'rhs' has 1 rows, expected 2
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/not-a-number.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOTNUM
// NOTNUM: error: stl-replace-matmul: scheme file '{{.*}}not-a-number.json': 'lhs'[0][0] is not a number
// RUN: not stl-opt %s --stl-replace-matmul=scheme-file=%inputs/schemes/invalid/infinite.json 2>&1 \
// RUN:   | FileCheck %s --check-prefix=INF
// INF: error: stl-replace-matmul: scheme file '{{.*}}infinite.json': 'rhs'[0][0] is not finite

// A scheme too dense to check in bounded time (dense 16x16x16, rank 64:
// about 1.1e9 multiply-adds for its Brent residual) is refused, not checked
// for minutes; a large sparse one (rank 2401, from the catalog) is fine.
// RUN: %stl_python -c "import json; r = 64; print(json.dumps({'name': 'dense', 'tile': [16, 16, 16], 'rank': r, 'lhs': [[1] * 256] * r, 'rhs': [[1] * 256] * r, 'out': [[1] * r] * 256}))" > %t.dense.json
// RUN: not stl-opt %s --stl-replace-matmul="scheme-file=%t.dense.json allow-approximate" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DENSE
// DENSE: error: stl-replace-matmul: scheme file '{{.*}}dense.json': the scheme is too dense to check: its Brent residual takes 1.07E+09 multiply-adds (at most 5.00E+08
// RUN: stl-opt %s --stl-replace-matmul="scheme=strassen-4x4x4*strassen-4x4x4 pad" \
// RUN:   | FileCheck %s --check-prefix=LARGE
// LARGE: stl.matmul #stl.scheme<"strassen-4x4x4*strassen-4x4x4">

// A pass option of the wrong type.
// RUN: not stl-opt %s --stl-replace-matmul=allow-approximate=maybe 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OPTION
// OPTION: 'maybe' is invalid value for boolean argument

func.func @f(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.matmul ins(%x, %x : tensor<8x8xf32>, tensor<8x8xf32>)
                     outs(%x : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
