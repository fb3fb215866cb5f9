// --stl-replace-matmul report: every MatMul says what was done, or why not.
// RUN: stl-opt %s --stl-replace-matmul=report -verify-diagnostics -split-input-file
// RUN: stl-opt %s --stl-replace-matmul="scheme=strassen-4x4x4 report" \
// RUN:   -split-input-file -o /dev/null 2>&1 | FileCheck %s --check-prefix=FIXED

// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls: 25088 tile-product multiply-adds instead of 32768 (1.31x fewer)}}
module {
  func.func @replaced(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>,
                      %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
    // 64*32*16 = 32768 dense; 49 * 16 * 8 * 4 = 25088 with the rank-49 scheme.
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49): 25088 tile-product multiply-adds instead of 32768 (1.31x fewer)}}
    %r = linalg.matmul ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>)
                       outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
    return %r : tensor<64x16xf32>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls: 2205 tile-product multiply-adds instead of 2520 (1.14x fewer)}}
module {
  func.func @replaced_batched(%x: tensor<3x6x10xf32>, %w: tensor<3x10x14xf32>,
                              %c: tensor<3x6x14xf32>) -> tensor<3x6x14xf32> {
    // 3*6*10*14 = 2520 dense; 3 * 7 * 3*5*7 = 2205.
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'winograd-2x2x2' (exact, tile 2x2x2, rank 7): 2205 tile-product multiply-adds instead of 2520 (1.14x fewer)}}
    %r = linalg.batch_matmul ins(%x, %w : tensor<3x6x10xf32>, tensor<3x10x14xf32>)
                             outs(%c : tensor<3x6x14xf32>) -> tensor<3x6x14xf32>
    return %r : tensor<3x6x14xf32>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @dynamic(%x: tensor<?x32xf32>, %w: tensor<32x16xf32>,
                     %c: tensor<?x16xf32>) -> tensor<?x16xf32> {
    // expected-remark @+1 {{not replaced with STL: it has dynamic sizes M, K or N (the option 'pad' pads them to the tile at run time)}}
    %r = linalg.matmul ins(%x, %w : tensor<?x32xf32>, tensor<32x16xf32>)
                       outs(%c : tensor<?x16xf32>) -> tensor<?x16xf32>
    return %r : tensor<?x16xf32>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @no_scheme_fits(%x: tensor<6x10xf32>, %w: tensor<10x15xf32>,
                            %c: tensor<6x15xf32>) -> tensor<6x15xf32> {
    // expected-remark @+1 {{not replaced with STL: no catalog scheme applies to the shape 6x10x15 (MxKxN): scheme 'strassen-4x4x4': dimension M (size 6) is not divisible by the tile size m = 4; scheme 'winograd-2x2x2': dimension N (size 15) is not divisible by the tile size n = 2}}
    %r = linalg.matmul ins(%x, %w : tensor<6x10xf32>, tensor<10x15xf32>)
                       outs(%c : tensor<6x15xf32>) -> tensor<6x15xf32>
    return %r : tensor<6x15xf32>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @integers(%i: tensor<8x8xi4>, %c: tensor<8x8xi4>) -> tensor<8x8xi4> {
    // expected-remark @+1 {{not replaced with STL: its element types (i4, i4 -> i4) are not supported (f16, bf16, f32 or f64, or i8, i16, i32 or i64, operands of one type, accumulated in the same or a wider type of the same kind)}}
    %r = linalg.matmul ins(%i, %i : tensor<8x8xi4>, tensor<8x8xi4>)
                       outs(%c : tensor<8x8xi4>) -> tensor<8x8xi4>
    return %r : tensor<8x8xi4>
  }
}

// -----

// Other element types the schemes are not applied to: 8-bit floats, tf32,
// complex numbers.
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 3 MatMuls}}
module {
  func.func @f8(%x: tensor<8x8xf8E4M3FN>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
    // expected-remark @+1 {{not replaced with STL: its element types (f8E4M3FN, f8E4M3FN -> f32) are not supported}}
    %m = linalg.matmul ins(%x, %x : tensor<8x8xf8E4M3FN>, tensor<8x8xf8E4M3FN>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %m : tensor<8x8xf32>
  }
  func.func @tf32(%x: tensor<8x8xtf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
    // expected-remark @+1 {{not replaced with STL: its element types (tf32, tf32 -> f32) are not supported}}
    %m = linalg.matmul ins(%x, %x : tensor<8x8xtf32>, tensor<8x8xtf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %m : tensor<8x8xf32>
  }
  func.func @complex(%x: tensor<8x8xcomplex<f32>>, %c: tensor<8x8xcomplex<f32>>) -> tensor<8x8xcomplex<f32>> {
    // expected-remark @+1 {{not replaced with STL: its element types (complex<f32>, complex<f32> -> complex<f32>) are not supported}}
    %m = linalg.matmul ins(%x, %x : tensor<8x8xcomplex<f32>>, tensor<8x8xcomplex<f32>>) outs(%c : tensor<8x8xcomplex<f32>>) -> tensor<8x8xcomplex<f32>>
    return %m : tensor<8x8xcomplex<f32>>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @mixed_operands(%a: tensor<8x8xf16>, %b: tensor<8x8xf32>,
                            %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
    // expected-remark @+1 {{not replaced with STL: its element types (f16, f32 -> f32) are not supported (f16, bf16, f32 or f64, or i8, i16, i32 or i64, operands of one type, accumulated in the same or a wider type of the same kind)}}
    %r = linalg.matmul ins(%a, %b : tensor<8x8xf16>, tensor<8x8xf32>)
                       outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %r : tensor<8x8xf32>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @buffers(%m: memref<8x8xf32>) {
    // expected-remark @+1 {{not replaced with STL: it operates on buffers, not tensors}}
    linalg.matmul ins(%m, %m : memref<8x8xf32>, memref<8x8xf32>)
                  outs(%m : memref<8x8xf32>)
    return
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @narrowing(%a: tensor<8x8xf32>, %c: tensor<8x8xf16>) -> tensor<8x8xf16> {
    // expected-remark @+1 {{not replaced with STL: its element types (f32, f32 -> f16) are not supported}}
    %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                                          affine_map<(i, j, k) -> (k, j)>,
                                          affine_map<(i, j, k) -> (i, j)>],
                         iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %a : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf16>) {
    ^bb0(%x: f32, %y: f32, %o: f16):
      %p = arith.mulf %x, %y : f32
      %t = arith.truncf %p : f32 to f16
      %s = arith.addf %o, %t : f16
      linalg.yield %s : f16
    } -> tensor<8x8xf16>
    return %r : tensor<8x8xf16>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @not_multiply_add(%a: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
    // The contraction reads exp(a): not a MatMul.
    // expected-remark @+1 {{not replaced with STL: its body is not a floating-point multiply-add}}
    %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                                          affine_map<(i, j, k) -> (k, j)>,
                                          affine_map<(i, j, k) -> (i, j)>],
                         iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %a : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) {
    ^bb0(%x: f32, %y: f32, %o: f32):
      %e = math.exp %x : f32
      %p = arith.mulf %e, %y : f32
      %s = arith.addf %o, %p : f32
      linalg.yield %s : f32
    } -> tensor<8x8xf32>
    return %r : tensor<8x8xf32>
  }
}

// -----

// A matrix-vector product is not a matrix product; a batch-reduce MatMul
// is (its K is (batch, k): see replace-matmul-grouped.mlir).
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 2 MatMuls: 784 tile-product multiply-adds instead of 1024 (1.31x fewer)}}
module {
  func.func @not_matrix_products(%a: tensor<8x8xf32>, %v: tensor<8xf32>,
                                 %x: tensor<2x8x8xf32>, %c: tensor<8x8xf32>)
      -> (tensor<8xf32>, tensor<8x8xf32>) {
    // expected-remark @+1 {{not replaced with STL: it has 1 M, 0 N and 1 K dimensions (a matrix product needs at least one of each: this is a matrix-vector, vector-matrix or outer product)}}
    %r = linalg.matvec ins(%a, %v : tensor<8x8xf32>, tensor<8xf32>)
                       outs(%v : tensor<8xf32>) -> tensor<8xf32>
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49): 784 tile-product multiply-adds instead of 1024 (1.31x fewer)}}
    %s = linalg.batch_reduce_matmul ins(%x, %x : tensor<2x8x8xf32>, tensor<2x8x8xf32>)
                                    outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %r, %s : tensor<8xf32>, tensor<8x8xf32>
  }
}

// -----

// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  // Heads [B, H, M, K] times per-batch weights [B, K, N]: the weights have
  // some batch dimensions but not all.
  func.func @partly_batched(%x: tensor<2x3x8x8xf32>, %w: tensor<2x8x8xf32>,
                            %c: tensor<2x3x8x8xf32>) -> tensor<2x3x8x8xf32> {
    // expected-remark @+1 {{not replaced with STL: its operands are not matrices over its batch, M, N and K dimensions}}
    %r = linalg.generic {indexing_maps = [affine_map<(b, h, m, n, k) -> (b, h, m, k)>,
                                          affine_map<(b, h, m, n, k) -> (b, k, n)>,
                                          affine_map<(b, h, m, n, k) -> (b, h, m, n)>],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
        ins(%x, %w : tensor<2x3x8x8xf32>, tensor<2x8x8xf32>) outs(%c : tensor<2x3x8x8xf32>) {
    ^bb0(%a: f32, %b: f32, %o: f32):
      %p = arith.mulf %a, %b : f32
      %s = arith.addf %o, %p : f32
      linalg.yield %s : f32
    } -> tensor<2x3x8x8xf32>
    return %r : tensor<2x3x8x8xf32>
  }
}

// With a fixed scheme, the reason names that scheme's tile.
// FIXED: remark: replaced with stl.matmul using scheme 'strassen-4x4x4'
// FIXED: remark: not replaced with STL: scheme 'strassen-4x4x4': dimension M (size 6) is not divisible by the tile size m = 4
// FIXED: remark: not replaced with STL: it has dynamic sizes
// FIXED: remark: not replaced with STL: scheme 'strassen-4x4x4': dimension M (size 6) is not divisible by the tile size m = 4
