// --stl-cost-report at its limits: counts that do not fit in int64 are said
// to be so (they were reported as 0), and a failed write is an error of the
// pass (it was LLVM's fatal "IO failure").
// RUN: stl-opt %s --stl-cost-report -o /dev/null 2>&1 | FileCheck %s
// RUN: stl-opt %s --stl-cost-report="format=json output=-" -o /dev/null | FileCheck %s --check-prefix=JSON
// RUN: not stl-opt %s --stl-cost-report=output=/dev/full -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FULL

// CHECK: STL cost report: 2 STL MatMuls
// CHECK: #0 stl.matmul
// CHECK: sizes: batch 1, M 4194304, K 4194304, N 4194304, weight batch 1
// CHECK-NEXT: multiply-adds: more than 2^63 - 1 (too many to count in int64)
// CHECK: #1 stl.matmul
// CHECK: dense multiply-adds: 512
// The total counts only what fits.
// CHECK: total:
// CHECK-NEXT: dense multiply-adds: 512

// JSON: "cost": {
// JSON-NEXT: "overflow": true
// JSON: "dense_macs": 512

// FULL: error: stl-cost-report: cannot write '/dev/full': No space left on device

func.func @huge(%x: tensor<4194304x4194304xf32>, %w: tensor<4194304x4194304xf32>,
                %c: tensor<4194304x4194304xf32>) -> tensor<4194304x4194304xf32> {
  %r = stl.matmul #stl.scheme<"strassen-4x4x4">
         ins(%x, %w : tensor<4194304x4194304xf32>, tensor<4194304x4194304xf32>)
         outs(%c : tensor<4194304x4194304xf32>) -> tensor<4194304x4194304xf32>
  return %r : tensor<4194304x4194304xf32>
}

func.func @small(%x: tensor<8x8xf32>, %w: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = stl.matmul #stl.scheme<"strassen-2x2x2">
         ins(%x, %w : tensor<8x8xf32>, tensor<8x8xf32>)
         outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
