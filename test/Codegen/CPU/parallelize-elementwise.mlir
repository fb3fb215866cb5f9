// --stl-cpu-parallelize-elementwise: linalg ops on buffers whose loops are
// all parallel, with static sizes and at least min-elements iterations, are
// tiled by 1 along their outermost loop into an scf.parallel (the same op on
// a slice per iteration); contractions (a reduction loop), small ops, ops
// with one outer iteration and ops already inside an scf.parallel stay as
// they are.
// RUN: stl-opt %s --stl-cpu-parallelize-elementwise | FileCheck %s
// RUN: stl-opt %s --stl-cpu-parallelize-elementwise=min-elements=64 | FileCheck %s --check-prefix=SMALL
// RUN: not stl-opt %s --stl-cpu-parallelize-elementwise=min-elements=0 -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPTION

// CHECK-LABEL: func.func @large
// CHECK:       scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}}) {
// CHECK:         %[[ROW:.*]] = memref.subview %{{.*}}[%[[I]], 0] [1, 512] [1, 1]
// CHECK:         linalg.fill ins(%{{.*}} : f32) outs(%[[ROW]] : memref<1x512xf32, strided<[512, 1], offset: ?>>)
// CHECK:       scf.parallel
// CHECK:         linalg.generic {{.*}} ins(%{{.*}} : memref<1x4x128x4xf32, strided<{{.*}}>>) outs(%{{.*}} : memref<4x1x4x128xf32, strided<{{.*}}>>)
// CHECK-NOT:   scf.parallel
// CHECK:       linalg.matmul
// CHECK:       return
func.func @large(%c: memref<256x512xf32>, %a: memref<128x4x128x4xf32>, %t: memref<4x128x4x128xf32>,
                 %x: memref<256x256xf32>, %y: memref<256x512xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<256x512xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1, d0, d3, d2)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a : memref<128x4x128x4xf32>) outs(%t : memref<4x128x4x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.matmul ins(%x, %y : memref<256x256xf32>, memref<256x512xf32>) outs(%c : memref<256x512xf32>)
  return
}

// CHECK-LABEL: func.func @left_serial
// CHECK-NOT:   memref.subview
// CHECK:       linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<16x16xf32>)
// CHECK:       linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<1x131072xf32>)
// CHECK:       scf.parallel
// CHECK-NEXT:    linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<512x512xf32>)
// SMALL-LABEL: func.func @left_serial
// SMALL:       scf.parallel
// SMALL:         linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : memref<1x16xf32, strided<[16, 1], offset: ?>>)
func.func @left_serial(%s: memref<16x16xf32>, %w: memref<1x131072xf32>, %n: memref<512x512xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%s : memref<16x16xf32>)
  linalg.fill ins(%zero : f32) outs(%w : memref<1x131072xf32>)
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c0) to (%c2) step (%c1) {
    linalg.fill ins(%zero : f32) outs(%n : memref<512x512xf32>)
    scf.reduce
  }
  return
}

// OPTION: invalid option 'min-elements': 0 (expected at least 1)
