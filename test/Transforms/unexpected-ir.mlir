// IR the passes do not expect, and every pass run twice. MatMuls inside
// regions (scf.for, scf.if) are rewritten like any other; what cannot be
// (dynamic sizes without `pad`, buffers, i4 integers) is left alone; already
// rewritten IR is left as it is; each pass run on its own output changes
// nothing, and the CPU pipeline run on its own output (LLVM dialect)
// succeeds.
// RUN: stl-opt %s --stl-replace-matmul | FileCheck %s
//
// RUN: stl-opt %s --stl-replace-matmul=pad > %t.base
// RUN: stl-opt %t.base --stl-replace-matmul=pad > %t.1
// RUN: stl-opt %t.1 --stl-replace-matmul=pad > %t.2
// RUN: diff %t.1 %t.2
// RUN: stl-opt %t.base --stl-decompose > %t.1
// RUN: stl-opt %t.1 --stl-decompose > %t.2
// RUN: diff %t.1 %t.2
// RUN: stl-opt %t.base --stl-fold-constant-encodings > %t.1
// RUN: stl-opt %t.1 --stl-fold-constant-encodings > %t.2
// RUN: diff %t.1 %t.2
// RUN: stl-opt %t.base --convert-stl-to-linalg > %t.1
// RUN: stl-opt %t.1 --convert-stl-to-linalg > %t.2
// RUN: diff %t.1 %t.2
// RUN: stl-opt %t.base --stl-cpu-vectorize-contractions > %t.1
// RUN: stl-opt %t.1 --stl-cpu-vectorize-contractions > %t.2
// RUN: diff %t.1 %t.2
// RUN: stl-opt %t.base --stl-cpu-vectorize-fills > %t.1
// RUN: stl-opt %t.1 --stl-cpu-vectorize-fills > %t.2
// RUN: diff %t.1 %t.2
// RUN: stl-opt %t.base --stl-cpu-pipeline > %t.1
// RUN: stl-opt %t.1 --stl-cpu-pipeline | FileCheck %s --check-prefix=LLVM
// RUN: stl-opt %t.1 --stl-cpu-pipeline --stl-replace-matmul --stl-decompose \
// RUN:   --convert-stl-to-linalg -o /dev/null

// LLVM: llvm.func @in_loop
// LLVM-NOT: linalg.
// LLVM-NOT: stl.

// CHECK-LABEL: func.func @in_loop
// CHECK: scf.for
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4">
// CHECK: scf.yield
func.func @in_loop(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>, %n: index) -> tensor<16x16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %x) -> tensor<16x16xf32> {
    %m = linalg.matmul ins(%acc, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
    scf.yield %m : tensor<16x16xf32>
  }
  return %r : tensor<16x16xf32>
}
// CHECK-LABEL: func.func @in_if
// CHECK: scf.if
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4">

func.func @in_if(%x: tensor<8x8xf64>, %w: tensor<8x8xf64>, %c: tensor<8x8xf64>, %b: i1) -> tensor<8x8xf64> {
  %r = scf.if %b -> tensor<8x8xf64> {
    %m = linalg.matmul ins(%x, %w : tensor<8x8xf64>, tensor<8x8xf64>) outs(%c : tensor<8x8xf64>) -> tensor<8x8xf64>
    scf.yield %m : tensor<8x8xf64>
  } else {
    scf.yield %c : tensor<8x8xf64>
  }
  return %r : tensor<8x8xf64>
}
// CHECK-LABEL: func.func @constant_weights
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4">

func.func @constant_weights(%x: tensor<8x4xf32>, %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %w = arith.constant dense<1.5> : tensor<4x4xf32>
  %m = linalg.matmul ins(%x, %w : tensor<8x4xf32>, tensor<4x4xf32>) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %m : tensor<8x4xf32>
}
// CHECK-LABEL: func.func @mixed
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> ins({{.*}} : tensor<8x8xbf16>, tensor<8x8xbf16>)

func.func @mixed(%x: tensor<8x8xbf16>, %w: tensor<8x8xbf16>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %m = linalg.matmul ins(%x, %w : tensor<8x8xbf16>, tensor<8x8xbf16>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %m : tensor<8x8xf32>
}
// CHECK-LABEL: func.func @dynamic
// CHECK-NOT: stl.matmul
// CHECK: linalg.matmul

func.func @dynamic(%x: tensor<?x?xf32>, %w: tensor<?x?xf32>, %c: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %m = linalg.matmul ins(%x, %w : tensor<?x?xf32>, tensor<?x?xf32>) outs(%c : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %m : tensor<?x?xf32>
}
// CHECK-LABEL: func.func @buffers
// CHECK-NOT: stl.matmul
// CHECK: linalg.matmul

func.func @buffers(%x: memref<64x64xf32>, %w: memref<64x64xf32>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%x, %w : memref<64x64xf32>, memref<64x64xf32>) outs(%c : memref<64x64xf32>)
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<64x64xf32>)
  return
}
// CHECK-LABEL: func.func @integers
// CHECK-NOT: stl.matmul
// CHECK: linalg.matmul

func.func @integers(%x: tensor<8x8xi4>, %c: tensor<8x8xi4>) -> tensor<8x8xi4> {
  %m = linalg.matmul ins(%x, %x : tensor<8x8xi4>, tensor<8x8xi4>) outs(%c : tensor<8x8xi4>) -> tensor<8x8xi4>
  return %m : tensor<8x8xi4>
}

// Already rewritten: left as it is.
// CHECK-LABEL: func.func @already_stl
// CHECK-NEXT: stl.matmul #stl.scheme<"winograd-2x2x2"> ins
// CHECK-NEXT: return
func.func @already_stl(%x: tensor<8x8xf32>, %w: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %m = stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%x, %w : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %m : tensor<8x8xf32>
}
