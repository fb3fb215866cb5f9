// Every option of --stl-gpu-pipeline is checked before anything runs; a bad
// one names the option, what was expected and what was given.
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=gfx90a" 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_" 2>&1 | FileCheck %s --check-prefix=CHIP2
// RUN: not stl-opt %s --stl-gpu-pipeline="features=ptx80" 2>&1 | FileCheck %s --check-prefix=FEATURES
// RUN: not stl-opt %s --stl-gpu-pipeline="format=cubin" 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not stl-opt %s --stl-gpu-pipeline="opt-level=4" 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not stl-opt %s --stl-gpu-pipeline="tile-sizes=8,8,8,2" 2>&1 | FileCheck %s --check-prefix=TILES
// RUN: stl-opt %s --stl-gpu-pipeline="chip=sm_90a features=+ptx80 format=llvm opt-level=0 tile-sizes=4,4,4 deallocate=false" \
// RUN:   | FileCheck %s --check-prefix=VALID

// CHIP: error: stl-gpu-pipeline: invalid option 'chip': expected sm_<number> (e.g. sm_80, sm_90 or sm_90a), got 'gfx90a'
// CHIP2: error: stl-gpu-pipeline: invalid option 'chip': {{.*}} got 'sm_'
// FEATURES: error: stl-gpu-pipeline: invalid option 'features': expected +ptx<number> (e.g. +ptx80), got 'ptx80'
// FORMAT: error: stl-gpu-pipeline: invalid option 'format': expected isa, bin, fatbin or llvm, got 'cubin'
// OPT: error: stl-gpu-pipeline: invalid option 'opt-level': expected 0 to 3, got 4
// TILES: error: stl-gpu-pipeline: invalid option 'tile-sizes': expected 1 to 3 tile sizes (threads of a block along the innermost loop dimensions), got 4
// VALID: gpu.binary @fill_kernel  [#gpu.object<#nvvm.target<O = 0, chip = "sm_90a", features = "+ptx80">, offload = "

func.func @fill(%t: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %r = linalg.fill ins(%zero : f32) outs(%t : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
