// TilingInterface on stl.encode, stl.tile_product and stl.decode: the STL
// MatMuls of @square (32x32x32) and @batched (3 x 8x12x16), with
// strassen-2x2x2*naive-1x1x2 (2x2x4 tiles, rank 14: rows and columns tiled
// differently),
// decomposed, their decodes tiled by upstream's tile_using_for (3 x 5
// tiles of the 16 x 8 grid: partial tiles at the edges) and
// tile_using_forall (batch 1, 2 grid rows), the tile products and the left
// encodes fused into the loops (Inputs/transform-tile-fuse.mlir). Every
// case still matches the independent dense reference on the CPU (relative
// error at most 1e-5), as the untiled program does.
// REQUIRES: mlir-runner

// RUN: cat %S/Inputs/harness.mlir %S/Inputs/matmul-cases.mlir \
// RUN:   | sed -e 's/@T@/f32/g' -e 's/@BOUND@/1.0e-5/' \
// RUN:   | stl-opt --stl-replace-matmul="scheme=strassen-2x2x2*naive-1x1x2" \
// RUN:       --transform-preload-library="transform-library-paths=%S/Inputs/transform-tile-fuse.mlir" \
// RUN:       --transform-interpreter --canonicalize > %t.mlir
// RUN: FileCheck %s --check-prefix=IR < %t.mlir
// RUN: stl-opt --stl-cpu-pipeline %t.mlir | %run_cpu | FileCheck %s

// IR-LABEL: func.func @square
// IR:       scf.for
// IR:         scf.for
// IR:           stl.encode lhs {{.*}} -> tensor<14x?x16xf32>
// IR:           stl.tile_product {{.*}} -> tensor<14x?x?xf32>
// IR:           stl.decode {{.*}} -> tensor<?x?xf32>
// IR-LABEL: func.func @batched
// IR:       scf.forall
// IR:         stl.encode lhs {{.*}} -> tensor<1x14x2x6xf32>
// IR:         stl.tile_product {{.*}} -> tensor<1x14x2x4xf32>
// IR:         stl.decode {{.*}} -> tensor<1x4x16xf32>

// CHECK: square: relative error
// CHECK-NEXT: PASS
// CHECK: nonsquare: relative error
// CHECK-NEXT: PASS
// CHECK: batched: relative error
// CHECK-NEXT: PASS
// CHECK: memrefs: relative error
// CHECK-NEXT: PASS
