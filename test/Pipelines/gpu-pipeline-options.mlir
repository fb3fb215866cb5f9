// Every option of --stl-gpu-pipeline is checked before anything runs; a bad
// one names the option, what was expected and what was given.
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=gfx90a" 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_" 2>&1 | FileCheck %s --check-prefix=CHIP2
// RUN: not stl-opt %s --stl-gpu-pipeline="features=ptx80" 2>&1 | FileCheck %s --check-prefix=FEATURES
// RUN: not stl-opt %s --stl-gpu-pipeline="format=cubin" 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not stl-opt %s --stl-gpu-pipeline="opt-level=4" 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not stl-opt %s --stl-gpu-pipeline="tile-sizes=8,8,8,2" 2>&1 | FileCheck %s --check-prefix=TILES
// RUN: not stl-opt %s --stl-gpu-pipeline="coarsen-loaded-elements=0" 2>&1 | FileCheck %s --check-prefix=COARSEN
// RUN: not stl-opt %s --stl-gpu-loops-pipeline="coarsen-loaded-elements=-4" 2>&1 | FileCheck %s --check-prefix=COARSEN-LOOPS
// RUN: not stl-opt %s --stl-gpu-pipeline="mma-tile=128,128" 2>&1 | FileCheck %s --check-prefix=MMA
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_80 features=+ptx70 mma-tile=256,256,64,2,4,4" 2>&1 | FileCheck %s --check-prefix=MMA2
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_90a wgmma wgmma-tile=128,96" 2>&1 | FileCheck %s --check-prefix=WGMMA
// RUN: stl-opt %s --stl-gpu-pipeline="tensor-cores=false mma-tile=64,64,32 device-memory coarsen-loops=false" | FileCheck %s --check-prefix=VALID2
// RUN: stl-opt %s --stl-gpu-loops-pipeline="coarsen-loops=false coarsen-loaded-elements=7" -o /dev/null
// RUN: stl-opt %s --stl-gpu-pipeline="chip=sm_90a features=+ptx80 format=llvm opt-level=0 tile-sizes=4,4,4 deallocate=false" \
// RUN:   | FileCheck %s --check-prefix=VALID
// The chip and the PTX version must be ones LLVM's NVPTX target knows (it
// would generate PTX for sm_1000 or with +ptx0), and the PTX version new
// enough for the chip (LLVM aborts otherwise).
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_1000" 2>&1 | FileCheck %s --check-prefix=CHIP3
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_90b" 2>&1 | FileCheck %s --check-prefix=CHIP4
// RUN: not stl-opt %s --stl-gpu-pipeline="features=+ptx0" 2>&1 | FileCheck %s --check-prefix=FEATURES2
// RUN: not stl-opt %s --stl-gpu-pipeline="features=+ptx79" 2>&1 | FileCheck %s --check-prefix=FEATURES3
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_90 features=+ptx60" 2>&1 | FileCheck %s --check-prefix=OLDPTX
// RUN: not stl-opt %s --stl-gpu-pipeline="chip=sm_90a features=+ptx78" 2>&1 | FileCheck %s --check-prefix=OLDPTX2
// RUN: stl-opt %s --stl-gpu-pipeline="chip=sm_80 features=+ptx70 format=llvm" | FileCheck %s --check-prefix=SM80
// RUN: stl-opt %s --stl-gpu-pipeline="chip=sm_100f features=+ptx88 format=llvm" | FileCheck %s --check-prefix=SM100F

// CHIP: error: stl-gpu-pipeline: invalid option 'chip': expected sm_<number> (e.g. sm_80, sm_90 or sm_90a), got 'gfx90a'
// CHIP2: error: stl-gpu-pipeline: invalid option 'chip': {{.*}} got 'sm_'
// FEATURES: error: stl-gpu-pipeline: invalid option 'features': expected +ptx<number> (e.g. +ptx80), got 'ptx80'
// FORMAT: error: stl-gpu-pipeline: invalid option 'format': expected isa, bin, fatbin or llvm, got 'cubin'
// OPT: error: stl-gpu-pipeline: invalid option 'opt-level': expected 0 to 3, got 4
// COARSEN: error: stl-gpu-pipeline: invalid option 'coarsen-loaded-elements': expected a positive number, got 0
// COARSEN-LOOPS: error: stl-gpu-loops-pipeline: invalid option 'coarsen-loaded-elements': expected a positive number, got -4
// TILES: error: stl-gpu-pipeline: invalid option 'tile-sizes': expected 1 to 3 tile sizes (threads of a block along the innermost loop dimensions), got 4
// MMA: error: stl-gpu-pipeline: invalid option 'mma-tile': expected blockM,blockN,blockK[,warpsM,warpsN[,stages]], got 2 values
// WGMMA: error: stl-gpu-pipeline: invalid option 'wgmma-tile': block N must be 64, 128 or 256, got 96
// MMA2: error: stl-gpu-pipeline: invalid option 'mma-tile': 262144 bytes of shared memory, more than the 166912 a block may have
// VALID2: gpu.binary @fill_kernel
// CHIP3: error: stl-gpu-pipeline: invalid option 'chip': LLVM's NVPTX target knows no chip 'sm_1000' (the nearest it knows: sm_{{[0-9]+}}{{.*}}; it knows sm_20 to sm_{{[0-9]+[a-z]*}})
// CHIP4: error: stl-gpu-pipeline: invalid option 'chip': LLVM's NVPTX target knows no chip 'sm_90b' (the nearest it knows: sm_90 or sm_90a; it knows sm_20 to
// FEATURES2: error: stl-gpu-pipeline: invalid option 'features': LLVM's NVPTX target knows no PTX version '+ptx0' (the nearest it knows: +ptx32; it knows +ptx32 to +ptx{{[0-9]+}})
// FEATURES3: error: stl-gpu-pipeline: invalid option 'features': LLVM's NVPTX target knows no PTX version '+ptx79' (the nearest it knows: +ptx78 or +ptx80;
// OLDPTX: error: stl-gpu-pipeline: invalid option 'features': PTX version '+ptx60' is too old for chip 'sm_90': it needs +ptx78 or newer
// OLDPTX2: error: stl-gpu-pipeline: invalid option 'features': PTX version '+ptx78' is too old for chip 'sm_90a': it needs +ptx80 or newer
// SM80: gpu.binary @fill_kernel  [#gpu.object<#nvvm.target<chip = "sm_80", features = "+ptx70">
// SM100F: gpu.binary @fill_kernel  [#gpu.object<#nvvm.target<chip = "sm_100f", features = "+ptx88">
// VALID: gpu.binary @fill_kernel  [#gpu.object<#nvvm.target<O = 0, chip = "sm_90a", features = "+ptx80">, offload = "

func.func @fill(%t: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %r = linalg.fill ins(%zero : f32) outs(%t : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
