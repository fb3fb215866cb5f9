// RUN: stl-opt %s --stl-gpu-map-parallel-loops="tile-sizes=32,64" \
// RUN:   -verify-diagnostics

// The option error is reported on the operation the pass runs on.
// expected-error@+1 {{stl-gpu-map-parallel-loops: invalid option 'tile-sizes': the tile sizes make 2048 threads per block (at most 1024)}}
module {
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
}
