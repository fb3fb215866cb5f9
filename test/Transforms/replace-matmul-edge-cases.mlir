// Inputs at the edges of what the rewrite takes: empty MatMuls, sizes whose
// counts overflow int64, a dynamic batch with static M, K, N, and tensors
// with an encoding (sparse) that STL would drop. Each gets a reason.
// RUN: stl-opt %s -split-input-file -verify-diagnostics \
// RUN:   --stl-replace-matmul="report pad" | FileCheck %s
// RUN: stl-opt %s -split-input-file --stl-replace-matmul="min-macs=1" \
// RUN:   | FileCheck %s --check-prefix=MIN

// Empty MatMuls are left as they are (the result is the init), with and
// without pad.
// CHECK-LABEL: func.func @empty
// CHECK-COUNT-2: linalg.matmul
// CHECK-NOT: stl.matmul
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 2 MatMuls}}
module {
  func.func @empty(%x: tensor<0x8xf32>, %w: tensor<8x8xf32>, %c: tensor<0x8xf32>,
                   %y: tensor<8x0xf32>, %v: tensor<0x8xf32>, %d: tensor<8x8xf32>) -> (tensor<0x8xf32>, tensor<8x8xf32>) {
    // expected-remark @+1 {{not replaced with STL: it is empty (dimension M has size 0): there is nothing to multiply}}
    %r = linalg.matmul ins(%x, %w : tensor<0x8xf32>, tensor<8x8xf32>) outs(%c : tensor<0x8xf32>) -> tensor<0x8xf32>
    // expected-remark @+1 {{not replaced with STL: it is empty (dimension K has size 0): there is nothing to multiply}}
    %s = linalg.matmul ins(%y, %v : tensor<8x0xf32>, tensor<0x8xf32>) outs(%d : tensor<8x8xf32>) -> tensor<8x8xf32>
    return %r, %s : tensor<0x8xf32>, tensor<8x8xf32>
  }
}

// -----

// Multiply-add counts beyond int64 are said to be so (not 0, not wrapped),
// and min-macs does not take such a MatMul for a small one.
// CHECK-LABEL: func.func @huge
// CHECK: stl.matmul
// MIN-LABEL: func.func @huge
// MIN: stl.matmul
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls: more than 2^63 - 1 tile-product multiply-adds instead of more than 2^63 - 1 (1.31x fewer)}}
module {
  func.func @huge(%x: tensor<4194304x4194304xf32>, %w: tensor<4194304x4194304xf32>,
                  %c: tensor<4194304x4194304xf32>) -> tensor<4194304x4194304xf32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49): more than 2^63 - 1 tile-product multiply-adds instead of more than 2^63 - 1 (1.31x fewer)}}
    %r = linalg.matmul ins(%x, %w : tensor<4194304x4194304xf32>, tensor<4194304x4194304xf32>)
                       outs(%c : tensor<4194304x4194304xf32>) -> tensor<4194304x4194304xf32>
    return %r : tensor<4194304x4194304xf32>
  }
}

// -----

// Padding a size near INT64_MAX to the tile would overflow.
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @pad_overflow(%x: tensor<9223372036854775807x1xf32>, %w: tensor<1x1xf32>,
                          %c: tensor<9223372036854775807x1xf32>) -> tensor<9223372036854775807x1xf32> {
    // expected-remark @+1 {{not replaced with STL: no catalog scheme applies to the shape 9223372036854775807x1x1 (MxKxN): scheme 'strassen-4x4x4': padding the sizes to multiples of its tile overflows int64; scheme 'winograd-2x2x2': padding the sizes to multiples of its tile overflows int64}}
    %r = linalg.matmul ins(%x, %w : tensor<9223372036854775807x1xf32>, tensor<1x1xf32>)
                       outs(%c : tensor<9223372036854775807x1xf32>) -> tensor<9223372036854775807x1xf32>
    return %r : tensor<9223372036854775807x1xf32>
  }
}

// -----

// A dynamic batch with static M, K and N needs no padding: counted per
// batch.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%{{.*}}, %{{.*}} : tensor<?x16x32xf32>, tensor<?x32x8xf32>)
// CHECK-NOT: tensor.pad
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls (1 of dynamic sizes, not counted)}}
module {
  func.func @dynamic_batch(%x: tensor<?x16x32xf32>, %w: tensor<?x32x8xf32>,
                           %c: tensor<?x16x8xf32>) -> tensor<?x16x8xf32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49): 3136 tile-product multiply-adds instead of 4096 per batch (1.31x fewer)}}
    %r = linalg.batch_matmul ins(%x, %w : tensor<?x16x32xf32>, tensor<?x32x8xf32>)
                             outs(%c : tensor<?x16x8xf32>) -> tensor<?x16x8xf32>
    return %r : tensor<?x16x8xf32>
  }
}

// -----

// Sparse operands keep their MatMul.
#CSR = #sparse_tensor.encoding<{map = (i, j) -> (i : dense, j : compressed)}>
// CHECK-LABEL: func.func @sparse
// CHECK: linalg.matmul
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @sparse(%x: tensor<16x16xf32, #CSR>, %w: tensor<16x16xf32>,
                    %c: tensor<16x16xf32>) -> tensor<16x16xf32> {
    // expected-remark @+1 {{not replaced with STL: operand 0 has the tensor encoding #sparse_tensor.encoding<{ map = (d0, d1) -> (d0 : dense, d1 : compressed) }>, which an STL MatMul would drop (sparse and other encoded tensors are left alone)}}
    %r = linalg.matmul ins(%x, %w : tensor<16x16xf32, #CSR>, tensor<16x16xf32>)
                       outs(%c : tensor<16x16xf32>) -> tensor<16x16xf32>
    return %r : tensor<16x16xf32>
  }
}
