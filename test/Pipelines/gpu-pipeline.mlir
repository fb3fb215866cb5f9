// --stl-gpu-pipeline on the three STL ops: each becomes GPU kernels (a
// gpu.launch after the parallel-loop mapping, a gpu.module of NVVM after
// outlining, PTX for the requested chip in a gpu.binary at the end) and the
// host code calls them with gpu.launch_func.
//
// RUN: stl-opt %s --stl-gpu-pipeline -mlir-disable-threading \
// RUN:   -mlir-print-ir-after=convert-parallel-loops-to-gpu \
// RUN:   -mlir-print-ir-before=gpu-module-to-binary -o %t.mlir 2> %t.stages
// RUN: FileCheck %s --check-prefix=LAUNCH < %t.stages
// RUN: FileCheck %s --check-prefix=NVVM < %t.stages
// RUN: FileCheck %s --check-prefix=HOST --implicit-check-not='gpu.launch blocks' \
// RUN:   --implicit-check-not=linalg. --implicit-check-not=stl. < %t.mlir
// RUN: stl-opt %s --stl-gpu-pipeline="chip=sm_80 features=+ptx70 tile-sizes=16,16 opt-level=3" \
// RUN:   | FileCheck %s --check-prefix=SM80

// The encode: one kernel, a thread per 4 consecutive 2x2 tiles
// (--stl-gpu-coarsen-parallel-loops), the coefficients (+-1) folded into
// additions and subtractions: no fill, no coefficient global, no copy. When
// both buffers are 16-byte aligned (checked before the launch), a thread
// loads its rows with 16-byte loads and stores the 4 values of each of the
// 7 channels with one 16-byte store; otherwise with scalar accesses.
// LAUNCH:       IR Dump After ConvertParallelLoopToGpuPass
// LAUNCH:       func.func @encode
// LAUNCH-NOT:     memref.get_global
// LAUNCH:         memref.extract_aligned_pointer_as_index %arg0
// LAUNCH:         memref.extract_aligned_pointer_as_index %alloc
// LAUNCH:         gpu.launch blocks
// LAUNCH:           scf.if
// LAUNCH:             vector.load %arg0{{.*}} {alignment = 16 : i64} : memref<64x32xf32>, vector<4xf32>
// LAUNCH-NOT:         arith.mulf
// LAUNCH-COUNT-7:     vector.store {{.*}}, %alloc{{.*}} {alignment = 16 : i64} : memref<7x32x16xf32>, vector<4xf32>
// LAUNCH-NEXT:      } else {
// LAUNCH-COUNT-16:    memref.load %arg0
// LAUNCH-NOT:         arith.mulf
// LAUNCH:             arith.subf
// LAUNCH-COUNT-28:    memref.store
// LAUNCH-NOT:     gpu.launch blocks
// LAUNCH:         return
// The tile product: one thread per output element of the 7 channels, the
// reduction over K/k a loop in the thread.
// LAUNCH:       IR Dump After ConvertParallelLoopToGpuPass
// LAUNCH:       func.func @tile_product
// LAUNCH:         gpu.launch blocks
// LAUNCH:           scf.if
// LAUNCH-NEXT:        scf.for
// LAUNCH-NEXT:          memref.load %arg0
// LAUNCH-NEXT:          memref.load %arg1
// LAUNCH-NEXT:          memref.load %arg2
// LAUNCH-NEXT:          arith.mulf
// LAUNCH-NEXT:          arith.addf
// LAUNCH-NEXT:          memref.store
// The decode: one kernel, a thread per 4 consecutive grid cells reading
// their 7 channels (a 16-byte load each) and their 2x2 tiles of the
// destination (two rows of 4 tiles, 16 bytes each), writing the tiles
// (16-byte stores); scalar accesses when a buffer is not aligned.
// LAUNCH:       IR Dump After ConvertParallelLoopToGpuPass
// LAUNCH:       func.func @decode
// LAUNCH-NOT:     memref.get_global
// LAUNCH:         gpu.launch blocks
// LAUNCH:           scf.if
// LAUNCH-COUNT-7:     vector.load %arg0{{.*}} {alignment = 16 : i64} : memref<7x32x8xf32>, vector<4xf32>
// LAUNCH:             vector.load %arg1{{.*}} : memref<64x16xf32>, vector<4xf32>
// LAUNCH-COUNT-4:     vector.store {{.*}} : memref<64x16xf32>, vector<4xf32>
// LAUNCH-NEXT:      } else {
// LAUNCH-COUNT-28:    memref.load %arg0
// LAUNCH:             memref.load %arg1
// LAUNCH-NEXT:        memref.load %arg1
// LAUNCH:             arith.addf
// LAUNCH-COUNT-16:    memref.store
// LAUNCH-NOT:     gpu.launch blocks
// LAUNCH:         return

// NVVM-LABEL: IR Dump Before GpuModuleToBinaryPass
// NVVM:       gpu.module @encode_kernel{{.*}} [#nvvm.target<chip = "sm_90", features = "+ptx80">]
// NVVM:         llvm.func @encode_kernel({{.*}}) attributes {gpu.kernel, gpu.known_block_size = array<i32: 32, 8, 1>, {{.*}}nvvm.kernel
// NVVM:           nvvm.read.ptx.sreg.ctaid.y
// NVVM:           nvvm.read.ptx.sreg.tid.x
// NVVM:           nvvm.read.ptx.sreg.tid.y
// NVVM:       gpu.module @tile_product_kernel [#nvvm.target<chip = "sm_90", features = "+ptx80">]
// NVVM:         llvm.func @tile_product_kernel({{.*}}) attributes {gpu.kernel, gpu.known_block_size = array<i32: 32, 8, 1>, gpu.known_grid_size = array<i32: 1, 4, 7>, nvvm.kernel
// NVVM:           nvvm.read.ptx.sreg.ctaid.z
// NVVM:           nvvm.read.ptx.sreg.tid.x
// NVVM:           llvm.fmul {{.*}} : f32
// NVVM-NEXT:      llvm.fadd {{.*}} : f32
// NVVM:       gpu.module @decode_kernel{{.*}} [#nvvm.target<chip = "sm_90", features = "+ptx80">]
// NVVM:         llvm.func @decode_kernel({{.*}}nvvm.kernel
// NVVM:           llvm.fsub {{.*}} : f32

// HOST:       llvm.func @encode(
// HOST:         llvm.call @mgpuMemAlloc
// HOST:         gpu.launch_func  @encode_kernel::@encode_kernel blocks in
// HOST:       gpu.binary @encode_kernel  [#gpu.object<#nvvm.target<chip = "sm_90", features = "+ptx80">, {{.*}}assembly = "{{.*}}.target sm_90{{.*}}.entry encode_kernel
// HOST:       llvm.func @tile_product(
// HOST:         gpu.launch_func  @tile_product_kernel::@tile_product_kernel blocks in
// HOST:       gpu.binary @tile_product_kernel  [#gpu.object<{{.*}}assembly = "{{.*}}.entry tile_product_kernel{{.*}}mul.rn.f32
// HOST:       llvm.func @decode(
// HOST:         gpu.launch_func  @decode_kernel::@decode_kernel blocks in
// HOST:       gpu.binary @decode_kernel  [#gpu.object<

// SM80:       gpu.binary @tile_product_kernel  [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx70">, {{.*}}assembly = "{{.*}}.version 7.0{{.*}}.target sm_80{{.*}}.maxntid 16, 16, 1

func.func @encode(%x: tensor<64x32xf32>, %e: tensor<7x32x16xf32>)
    -> tensor<7x32x16xf32> {
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2">
         ins(%x : tensor<64x32xf32>) outs(%e : tensor<7x32x16xf32>)
         -> tensor<7x32x16xf32>
  return %r : tensor<7x32x16xf32>
}

func.func @tile_product(%a: tensor<7x32x16xf32>, %b: tensor<7x16x8xf32>,
                        %c: tensor<7x32x8xf32>) -> tensor<7x32x8xf32> {
  %r = stl.tile_product ins(%a, %b : tensor<7x32x16xf32>, tensor<7x16x8xf32>)
         outs(%c : tensor<7x32x8xf32>) -> tensor<7x32x8xf32>
  return %r : tensor<7x32x8xf32>
}

func.func @decode(%p: tensor<7x32x8xf32>, %c: tensor<64x16xf32>)
    -> tensor<64x16xf32> {
  %r = stl.decode #stl.scheme<"strassen-2x2x2">
         ins(%p : tensor<7x32x8xf32>) outs(%c : tensor<64x16xf32>)
         -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}
