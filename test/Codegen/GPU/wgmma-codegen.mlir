// The wgmma strategy of --stl-gpu-contraction-codegen (opt-in with `wgmma`):
// chosen on sm_90a for 16-bit contractions whose shape its tiles divide and
// whose inputs TMA can read, otherwise mma-sync with the reason wgmma was
// not possible; its tile options and their errors; the kernel's IR (tensor
// maps made by the host code, warp-specialised roles, mbarriers, wgmma).
// RUN: stl-opt %s -split-input-file --stl-gpu-contraction-codegen="report-strategies wgmma chip=sm_90a" -o /dev/null 2>&1 | FileCheck %s
// RUN: stl-opt %s -split-input-file --stl-gpu-contraction-codegen="report-strategies wgmma chip=sm_90" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SM90
// RUN: stl-opt %s -split-input-file --stl-gpu-contraction-codegen="report-strategies chip=sm_90a" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: stl-opt %s -split-input-file --stl-gpu-contraction-codegen="report-strategies wgmma chip=sm_90a wgmma-tile=64,64,3" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TILE
// RUN: stl-opt %s -split-input-file --stl-gpu-contraction-codegen="wgmma chip=sm_90a" | FileCheck %s --check-prefix=IR
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="wgmma chip=sm_90a wgmma-tile=128" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD1
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="wgmma chip=sm_90a wgmma-tile=96,128" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD2
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="wgmma chip=sm_90a wgmma-tile=128,192" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD3
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="wgmma chip=sm_90a wgmma-tile=128,128,9" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD4
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="wgmma chip=sm_90a wgmma-tile=128,256,8" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD5

// BAD1: error: stl-gpu-contraction-codegen: invalid option 'wgmma-tile': expected blockM,blockN[,stages], got 1 values
// BAD2: error: stl-gpu-contraction-codegen: invalid option 'wgmma-tile': block M must be 64 or 128 (64 rows per consumer warpgroup), got 96
// BAD3: error: stl-gpu-contraction-codegen: invalid option 'wgmma-tile': block N must be 64, 128 or 256, got 192
// BAD4: error: stl-gpu-contraction-codegen: invalid option 'wgmma-tile': stages must be 2 to 8, got 9
// BAD5: error: stl-gpu-contraction-codegen: invalid option 'wgmma-tile': 394368 bytes of shared memory, more than the 232448 a block may have

// CHECK: remark: GPU strategy wgmma: wgmma on sm_90a (PTX 8.0), tile 128x256x64, 4 stages (the largest that divides it)
// SM90: remark: GPU strategy mma-sync: tensor cores on sm_90 (PTX 8.0), tile 128x128x32, 2x4 warps, 4 stages (the largest that divides it); no wgmma: wgmma needs sm_90a, not sm_90 (PTX 8.0)
// OFF: remark: GPU strategy mma-sync
// TILE: remark: GPU strategy wgmma: wgmma on sm_90a (PTX 8.0), tile 64x64x64, 3 stages (wgmma-tile)

// A row-major B (N contiguous): its tiles in four 64-column boxes, read by
// the wgmma with the transpose bit. Everything the kernel reads from the
// host is the two tensor maps and the destination.
// IR-LABEL: func.func @nn
// IR-DAG: %[[A:.*]] = stl.gpu_tensor_map %arg0 sizes = [1024, 512] strides = [1024] box = [64, 128] offset = 0 swizzle = 128 : memref<512x1024xbf16>
// IR-DAG: %[[B:.*]] = stl.gpu_tensor_map %arg1 sizes = [256, 1024] strides = [256] box = [64, 64] offset = 0 swizzle = 128 : memref<1024x256xbf16>
// IR-NOT: linalg.fill
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c1{{.*}}, {{.*}} = %c4{{.*}}, {{.*}} = %c1{{.*}}) threads({{.*}}) in ({{.*}} = %c384{{.*}}, {{.*}} = %c1{{.*}}, {{.*}} = %c1{{.*}}) dynamic_shared_memory_size
// IR-COUNT-8: nvvm.mbarrier.init
// IR: nvvm.fence.mbarrier.init
// IR: gpu.barrier
// IR: nvvm.mbarrier.try_wait.parity
// IR: nvvm.mbarrier.arrive.expect_tx %{{.*}}, %c49152_i32
// IR-COUNT-5: nvvm.cp.async.bulk.tensor.shared.cluster.global
// IR: nvvm.mbarrier.try_wait.parity
// IR: nvvm.wgmma.fence.aligned
// IR-COUNT-4: nvvm.wgmma.mma_async {{.*}} <m = 64, n = 256, k = 16>, D[<f32>, <one>], A[<bf16>, <one>, <row>], B[<bf16>, <one>, <row>]
// IR: nvvm.wgmma.commit.group.sync.aligned
// IR: nvvm.wgmma.wait.group.sync.aligned 1
// IR: nvvm.mbarrier.arrive
// IR: nvvm.wgmma.wait.group.sync.aligned 0
// IR-COUNT-128: memref.store
func.func @nn(%a: memref<512x1024xbf16>, %b: memref<1024x256xbf16>, %c: memref<512x256xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<512x256xf32>)
  linalg.matmul ins(%a, %b : memref<512x1024xbf16>, memref<1024x256xbf16>) outs(%c : memref<512x256xf32>)
  return
}

// -----

// K-major B (N x K) and M-major A (K x M): one box for B, two for A, the
// wgmma's transpose bit on A only; a bf16 destination read and rounded once.
// CHECK: remark: GPU strategy wgmma: wgmma on sm_90a (PTX 8.0), tile 128x128x64, 6 stages
// IR-LABEL: func.func @tn_f16
// IR-DAG: stl.gpu_tensor_map %arg0 sizes = [256, 128] strides = [256] box = [64, 64]
// IR-DAG: stl.gpu_tensor_map %arg1 sizes = [128, 128] strides = [128] box = [64, 128]
// IR: nvvm.wgmma.mma_async {{.*}} A[<f16>, <one>, <col>], B[<f16>, <one>, <col>]
// IR: memref.load %arg2
// IR: arith.truncf
func.func @tn_f16(%a: memref<128x256xf16>, %b: memref<128x128xf16>, %c: memref<256x128xf16>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : memref<128x256xf16>, memref<128x128xf16>) outs(%c : memref<256x128xf16>)
  return
}

// -----

// The tile product: its channels on the grid's z, a 3-dimensional tensor map
// for the lhs, the weight (shared by the batch) with 3 dimensions too.
// CHECK: remark: GPU strategy wgmma: wgmma on sm_90a (PTX 8.0), tile 64x64x64, 8 stages
// IR-LABEL: func.func @tile_product
// IR-DAG: stl.gpu_tensor_map %arg0 sizes = [64, 64, 2, 7] strides = [64, 28672, 4096] box = [64, 64, 1, 1]
// IR-DAG: stl.gpu_tensor_map %arg1 sizes = [64, 64, 7] strides = [64, 4096] box = [64, 64, 1]
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c1{{.*}}, {{.*}} = %c1{{.*}}, {{.*}} = %c14{{.*}})
func.func @tile_product(%a: memref<2x7x64x64xbf16>, %b: memref<7x64x64xbf16>, %c: memref<2x7x64x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(b, r, i, j, p) -> (b, r, i, p)>, affine_map<(b, r, i, j, p) -> (r, p, j)>, affine_map<(b, r, i, j, p) -> (b, r, i, j)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : memref<2x7x64x64xbf16>, memref<7x64x64xbf16>) outs(%c : memref<2x7x64x64xf32>) {
  ^bb0(%x: bf16, %y: bf16, %acc: f32):
    %xe = arith.extf %x : bf16 to f32
    %ye = arith.extf %y : bf16 to f32
    %m = arith.mulf %xe, %ye : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Shapes no wgmma tile divides go to mma-sync, which says why.
// CHECK: remark: GPU strategy mma-sync: tensor cores on sm_90a (PTX 8.0), tile 32x32x32, 1x2 warps, 4 stages (the largest that divides it); no wgmma: M = 32 is not a multiple of 64
func.func @small(%a: memref<32x32xbf16>, %b: memref<32x32xbf16>, %c: memref<32x32xf32>) {
  linalg.matmul ins(%a, %b : memref<32x32xbf16>, memref<32x32xbf16>) outs(%c : memref<32x32xf32>)
  return
}
