// The unpacked strategy (vector-outer-product); packed-micro-kernel.mlir
// tests the packed one.
// RUN: stl-opt %s --stl-cpu-vectorize-contractions=packing=false | FileCheck %s
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="packing=false cache-tiles=32,64,32 register-tiles=4,16,2" \
// RUN:   | FileCheck %s --check-prefix=SIZES
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="packing=false parallel=true" \
// RUN:   | FileCheck %s --check-prefix=PAR
// RUN: not stl-opt %s --stl-cpu-vectorize-contractions="register-tiles=8,32" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BAD
// BAD: error: stl-cpu-vectorize-contractions: invalid option 'register-tiles': expected three sizes (M, N, K) from 1 to 4096
// A register tile inside that range but too large to unroll is refused at
// once (it ran for minutes, growing memory).
// RUN: not stl-opt %s --stl-cpu-vectorize-contractions="register-tiles=1024,1024,1024" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HUGE
// RUN: not stl-opt %s --stl-cpu-pipeline 2>&1 --stl-cpu-vectorize-contractions="register-tiles=64,64,8" \
// RUN:   | FileCheck %s --check-prefix=HUGE2
// HUGE: error: stl-cpu-vectorize-contractions: invalid option 'register-tiles': the micro-kernel of 1073741824 multiply-adds (M * N * K) would be unrolled; at most 16384 (the default 8,32,4 has 1024)
// HUGE2: error: stl-cpu-vectorize-contractions: invalid option 'register-tiles': the micro-kernel of 32768 multiply-adds

// A MatMul on buffers: cache blocks 64 x 256 x 128 (shrunk to divisors:
// 64 x 128 x 128), micro-kernels of 8 rows of vector<32xf32> FMAs per step
// of 4 along K, the accumulator carried by the K loop.
// CHECK-LABEL: func.func @matmul
// CHECK:         scf.for %{{.*}} = %c0{{.*}} to %c128{{.*}} step %c64
// CHECK:           scf.for %{{.*}} = %c0{{.*}} to %c128{{.*}} step %c128
// CHECK:             scf.for %{{.*}} = %c0{{.*}} to %c256{{.*}} step %c128
// CHECK:               scf.for %{{.*}} step %c8
// CHECK:                 scf.for %{{.*}} step %c32
// CHECK-COUNT-8:           vector.load %arg2{{.*}} : memref<128x128xf32>, vector<32xf32>
// CHECK:                   %[[ACC:.*]] = vector.insert {{.*}} [7] : vector<32xf32> into vector<8x32xf32>
// CHECK:                   scf.for %{{.*}} step %c4 iter_args(%{{.*}} = %[[ACC]]) -> (vector<8x32xf32>)
// CHECK-COUNT-32:            vector.fma {{.*}} : vector<32xf32>
// CHECK:                     scf.yield
// CHECK-COUNT-8:           vector.store {{.*}}, %arg2
// CHECK-NOT:   linalg.matmul
// SIZES-LABEL: func.func @matmul
// SIZES:         scf.for {{.*}} step %c4
// SIZES:           scf.for {{.*}} step %c16
// SIZES:             scf.for {{.*}} step %c2 iter_args({{.*}}) -> (vector<4x16xf32>)
// With parallel=true, the outermost block loop over a parallel dimension
// with two blocks or more is an scf.parallel, the rest unchanged.
// PAR-LABEL: func.func @matmul
// PAR:         scf.parallel (%{{.*}}) = (%c0{{.*}}) to (%c128{{.*}}) step (%c64{{.*}})
// PAR-NOT:       scf.parallel
// PAR:           scf.for %{{.*}} = %c0{{.*}} to %c128{{.*}} step %c128
// PAR:             scf.for %{{.*}} = %c0{{.*}} to %c256{{.*}} step %c128
// PAR-COUNT-32:      vector.fma {{.*}} : vector<32xf32>
// PAR:         scf.reduce
func.func @matmul(%a: memref<128x256xf32>, %b: memref<256x128xf32>,
                  %c: memref<128x128xf32>) {
  linalg.matmul ins(%a, %b : memref<128x256xf32>, memref<256x128xf32>)
                outs(%c : memref<128x128xf32>)
  return
}

// The STL tile product (a batched MatMul over the channels written as
// linalg.generic), f64: 8 x 32 micro-kernels on vector<32xf64>.
// PAR-LABEL: func.func @tile_product
// PAR:         scf.parallel (%{{.*}}) = (%c0{{.*}}) to (%c7{{.*}}) step (%c1{{.*}})
// PAR-NOT:       scf.parallel
// PAR:           vector.fma {{.*}} : vector<32xf64>
// CHECK-LABEL: func.func @tile_product
// CHECK:         vector.fma {{.*}} : vector<32xf64>
// CHECK-NOT:     linalg.generic
func.func @tile_product(%a: memref<7x16x64xf64>, %b: memref<7x64x32xf64>,
                        %c: memref<7x16x32xf64>) {
  linalg.generic {
      indexing_maps = [affine_map<(b, i, j, k) -> (b, i, k)>,
                       affine_map<(b, i, j, k) -> (b, k, j)>,
                       affine_map<(b, i, j, k) -> (b, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<7x16x64xf64>, memref<7x64x32xf64>)
      outs(%c : memref<7x16x32xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  return
}

// One block of rows (M = 64): the N loop (two blocks of 256) is the
// parallel one; the reduction loop never is.
// PAR-LABEL: func.func @one_row_block
// PAR:         scf.for %{{.*}} = %c0{{.*}} to %c64{{.*}} step %c64
// PAR-NEXT:      scf.parallel (%{{.*}}) = (%c0{{.*}}) to (%c512{{.*}}) step (%c256{{.*}})
// PAR-NOT:         scf.parallel
// PAR:             scf.for %{{.*}} = %c0{{.*}} to %c256{{.*}} step %c128
// PAR:               vector.fma
// CHECK-LABEL: func.func @one_row_block
// CHECK-NOT:     scf.parallel
func.func @one_row_block(%a: memref<64x256xf32>, %b: memref<256x512xf32>,
                         %c: memref<64x512xf32>) {
  linalg.matmul ins(%a, %b : memref<64x256xf32>, memref<256x512xf32>)
                outs(%c : memref<64x512xf32>)
  return
}

// Left to the loop lowering: a reduction shorter than 16 (an encoding), a
// transposed right operand (N not innermost), dynamic sizes, tensors,
// mixed element types, and N not a multiple of 8.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-6: linalg.
// CHECK-NOT:     vector.
func.func @left_alone(%a: memref<64x8xf32>, %b: memref<8x64xf32>,
                      %c: memref<64x64xf32>, %bt: memref<64x64xf32>,
                      %d: memref<?x?xf32>, %t: tensor<64x64xf32>,
                      %h: memref<64x64xf16>, %n: memref<64x12xf32>,
                      %bn: memref<64x12xf32>) -> tensor<64x64xf32> {
  linalg.matmul ins(%a, %b : memref<64x8xf32>, memref<8x64xf32>)
                outs(%c : memref<64x64xf32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                 affine_map<(m, n, k) -> (n, k)>,
                                 affine_map<(m, n, k) -> (m, n)>]
                ins(%c, %bt : memref<64x64xf32>, memref<64x64xf32>)
                outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%d, %d : memref<?x?xf32>, memref<?x?xf32>)
                outs(%d : memref<?x?xf32>)
  %r = linalg.matmul ins(%t, %t : tensor<64x64xf32>, tensor<64x64xf32>)
                     outs(%t : tensor<64x64xf32>) -> tensor<64x64xf32>
  linalg.matmul ins(%h, %h : memref<64x64xf16>, memref<64x64xf16>)
                outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%c, %bn : memref<64x64xf32>, memref<64x12xf32>)
                outs(%n : memref<64x12xf32>)
  return %r : tensor<64x64xf32>
}
