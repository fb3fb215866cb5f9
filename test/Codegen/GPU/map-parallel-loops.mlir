// RUN: stl-opt %s --stl-gpu-map-parallel-loops | FileCheck %s
// RUN: stl-opt %s --stl-gpu-map-parallel-loops="tile-sizes=4,2,16" \
// RUN:   | FileCheck %s --check-prefix=SIZES

// A 3-d loop (channels, rows, columns) is tiled by (1, 8, 32) with the
// default tile sizes: the loop over tiles goes to blocks, the loop in a tile
// to threads, innermost dimension to x; partial tiles are guarded.

// CHECK-LABEL: func.func @three_dims
// CHECK-DAG:   %[[C8:.*]] = arith.constant 8 : index
// CHECK-DAG:   %[[C32:.*]] = arith.constant 32 : index
// CHECK:       %[[S1:.*]] = arith.muli %{{.*}}, %[[C8]]
// CHECK:       %[[S2:.*]] = arith.muli %{{.*}}, %[[C32]]
// CHECK:       scf.parallel ({{.*}}) = ({{.*}}) to (%c7, %c30, %c50) step (%{{.*}}, %[[S1]], %[[S2]])
// CHECK:         scf.parallel ({{.*}}) = ({{.*}}) to (%{{.*}}, %[[S1]], %[[S2]])
// CHECK:           arith.cmpi ult, %{{.*}}, %c50
// CHECK-NEXT:      %[[IN:.*]] = arith.andi
// CHECK-NEXT:      scf.if %[[IN]] {
// CHECK-NEXT:        memref.store
// CHECK:         } {mapping = [#gpu.loop_dim_map<processor = thread_z, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = thread_y, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = thread_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}
// CHECK:       } {mapping = [#gpu.loop_dim_map<processor = block_z, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_y, map = (d0) -> (d0), bound = (d0) -> (d0)>, #gpu.loop_dim_map<processor = block_x, map = (d0) -> (d0), bound = (d0) -> (d0)>]}

// SIZES-LABEL: func.func @three_dims
// SIZES-DAG:   arith.muli %c1, %c4
// SIZES-DAG:   arith.muli %c1, %c2
// SIZES-DAG:   arith.muli %c1, %c16
func.func @three_dims(%m: memref<7x30x50xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : index
  %c30 = arith.constant 30 : index
  %c50 = arith.constant 50 : index
  scf.parallel (%r, %i, %j) = (%c0, %c0, %c0) to (%c7, %c30, %c50)
      step (%c1, %c1, %c1) {
    memref.store %v, %m[%r, %i, %j] : memref<7x30x50xf32>
    scf.reduce
  }
  return
}

// Five dimensions: the two outermost run sequentially in each block and
// thread; nested parallel loops are left to the outermost one.

// CHECK-LABEL: func.func @five_dims
// CHECK:       scf.parallel
// CHECK:         scf.parallel
// CHECK:         } {mapping = [#gpu.loop_dim_map<processor = sequential, {{.*}}>, #gpu.loop_dim_map<processor = sequential, {{.*}}>, #gpu.loop_dim_map<processor = thread_z, {{.*}}>, #gpu.loop_dim_map<processor = thread_y, {{.*}}>, #gpu.loop_dim_map<processor = thread_x, {{.*}}>]}
// CHECK:       } {mapping = [#gpu.loop_dim_map<processor = sequential, {{.*}}>, #gpu.loop_dim_map<processor = sequential, {{.*}}>, #gpu.loop_dim_map<processor = block_z, {{.*}}>, #gpu.loop_dim_map<processor = block_y, {{.*}}>, #gpu.loop_dim_map<processor = block_x, {{.*}}>]}
func.func @five_dims(%m: memref<2x3x4x5x6xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  scf.parallel (%a, %b, %c, %d, %e) = (%c0, %c0, %c0, %c0, %c0)
      to (%c2, %c3, %c4, %c5, %c6) step (%c1, %c1, %c1, %c1, %c1) {
    memref.store %v, %m[%a, %b, %c, %d, %e] : memref<2x3x4x5x6xf32>
    scf.reduce
  }
  return
}

// A one-dimensional loop: 32 threads along x.

// CHECK-LABEL: func.func @one_dim
// CHECK:       %[[S:.*]] = arith.muli %c1, %c32
// CHECK:       scf.parallel {{.*}} step (%[[S]])
// CHECK:       } {mapping = [#gpu.loop_dim_map<processor = thread_x, {{.*}}>]}
// CHECK:       } {mapping = [#gpu.loop_dim_map<processor = block_x, {{.*}}>]}
func.func @one_dim(%m: memref<100xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  scf.parallel (%i) = (%c0) to (%c100) step (%c1) {
    memref.store %v, %m[%i] : memref<100xf32>
    scf.reduce
  }
  return
}
