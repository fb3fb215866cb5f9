// Bad tile sizes are rejected with the problem named.
// RUN: not stl-opt %s --stl-gpu-map-parallel-loops="tile-sizes=0" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ZERO
// RUN: not stl-opt %s --stl-gpu-map-parallel-loops="tile-sizes=64,32" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=THREADS
// RUN: not stl-opt %s --stl-gpu-map-parallel-loops="tile-sizes=1,2,4,8" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=COUNT
// RUN: not stl-opt %s --stl-gpu-pipeline="tile-sizes=2048" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PIPELINE

// ZERO: error: stl-gpu-map-parallel-loops: invalid option 'tile-sizes': tile size 0 is out of range (expected 1 to 1024)
// THREADS: error: stl-gpu-map-parallel-loops: invalid option 'tile-sizes': the tile sizes make 2048 threads per block (at most 1024)
// COUNT: error: stl-gpu-map-parallel-loops: invalid option 'tile-sizes': expected 1 to 3 tile sizes (threads of a block along the innermost loop dimensions), got 4
// PIPELINE: error: stl-gpu-pipeline: invalid option 'tile-sizes': tile size 2048 is out of range (expected 1 to 1024)

func.func @f(%m: memref<100xf32>, %v: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  scf.parallel (%i) = (%c0) to (%c100) step (%c1) {
    memref.store %v, %m[%i] : memref<100xf32>
    scf.reduce
  }
  return
}
