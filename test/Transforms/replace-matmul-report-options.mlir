// The reasons given under the options pad, min-macs and a fixed scheme.
// RUN: stl-opt %s --stl-replace-matmul="pad report" -verify-diagnostics -split-input-file
// RUN: stl-opt %s --stl-replace-matmul="min-macs=1000 report" -split-input-file \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=MIN

// With pad, a shape that padding makes more expensive is left alone.
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @tiny(%x: tensor<3x3xf32>, %c: tensor<3x3xf32>) -> tensor<3x3xf32> {
    // expected-remark @+1 {{not replaced with STL: no catalog scheme applies to the shape 3x3x3 (MxKxN): scheme 'strassen-4x4x4': it would not save multiply-adds: its tile product on the operands padded to 4x4x4 takes 49, the MatMul 27; scheme 'winograd-2x2x2': it would not save multiply-adds: its tile product on the operands padded to 4x4x4 takes 56, the MatMul 27}}
    %r = linalg.matmul ins(%x, %x : tensor<3x3xf32>, tensor<3x3xf32>)
                       outs(%c : tensor<3x3xf32>) -> tensor<3x3xf32>
    return %r : tensor<3x3xf32>
  }
}

// -----

// Padding that pays: the sizes after padding are reported.
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls: 28224 tile-product multiply-adds instead of 34596 (1.23x fewer)}}
module {
  func.func @padded(%x: tensor<31x31xf32>, %w: tensor<31x36xf32>, %c: tensor<31x36xf32>) -> tensor<31x36xf32> {
    // 49 * 8 * 8 * 9 = 28224 with strassen-4x4x4 on 32x32x36;
    // 7 * 16 * 16 * 18 = 32256 with winograd-2x2x2 on 32x32x36.
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49): 28224 tile-product multiply-adds instead of 34596 (1.23x fewer); operands padded to 32x32x36}}
    %r = linalg.matmul ins(%x, %w : tensor<31x31xf32>, tensor<31x36xf32>)
                       outs(%c : tensor<31x36xf32>) -> tensor<31x36xf32>
    return %r : tensor<31x36xf32>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls (1 of dynamic sizes, not counted)}}
module {
  func.func @dynamic(%x: tensor<?x32xf32>, %w: tensor<32x16xf32>, %c: tensor<?x16xf32>) -> tensor<?x16xf32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49); dynamic sizes, padded to the tile at run time}}
    %r = linalg.matmul ins(%x, %w : tensor<?x32xf32>, tensor<32x16xf32>)
                       outs(%c : tensor<?x16xf32>) -> tensor<?x16xf32>
    return %r : tensor<?x16xf32>
  }
}

// MIN: remark: not replaced with STL: it has 27 multiply-adds, fewer than min-macs = 1000
// MIN: remark: not replaced with STL: no catalog scheme applies to the shape 31x31x36
// MIN: remark: not replaced with STL: it has dynamic sizes
