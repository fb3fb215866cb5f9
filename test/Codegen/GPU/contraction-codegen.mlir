// The GPU code generation chooses a strategy per contraction from the target
// description (chip, features); parallel-loops contractions are left to the
// loop lowering and mapping that follow, other linalg ops are not its
// business.
// RUN: stl-opt %s --stl-gpu-contraction-codegen="report-strategies chip=sm_80 features=+ptx70" -o /dev/null 2>&1 | FileCheck %s
// RUN: stl-opt %s --stl-gpu-contraction-codegen | FileCheck %s --check-prefix=IR
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="chip=sm_1000" -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="chip=sm_90 features=+ptx70" -o /dev/null 2>&1 | FileCheck %s --check-prefix=PTX

// CHECK: remark: GPU strategy parallel-loops: the only GPU strategy so far (no tensor-core strategy for sm_80 (PTX 7.0))
// CHECK-NOT: remark

// IR: linalg.matmul
// IR: linalg.fill

// CHIP: error: stl-gpu-contraction-codegen: invalid option 'chip': LLVM's NVPTX target knows no chip 'sm_1000'
// PTX: error: stl-gpu-contraction-codegen: invalid option 'features': PTX version '+ptx70' is too old for chip 'sm_90': it needs +ptx78 or newer

func.func @mm(%a: memref<64x128xf32>, %b: memref<128x256xf32>, %c: memref<64x256xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.matmul ins(%a, %b : memref<64x128xf32>, memref<128x256xf32>) outs(%c : memref<64x256xf32>)
  linalg.fill ins(%zero : f32) outs(%c : memref<64x256xf32>)
  return
}
