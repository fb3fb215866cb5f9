// The GPU code generation chooses a strategy per contraction from the target
// description (chip, features) and the contraction: tensor cores (mma-sync)
// for 16-bit inputs on sm_80 and newer where a tile divides the shape and
// the inputs' layouts allow 16-byte copies, parallel loops otherwise (each
// remark says why); other linalg ops are not its business.
// RUN: stl-opt %s --stl-gpu-contraction-codegen="report-strategies chip=sm_80 features=+ptx70" -o /dev/null 2>&1 | FileCheck %s
// RUN: stl-opt %s --stl-gpu-contraction-codegen="report-strategies chip=sm_75 features=+ptx70" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SM75
// RUN: stl-opt %s --stl-gpu-contraction-codegen="report-strategies tensor-cores=false" -o /dev/null 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: stl-opt %s --stl-gpu-contraction-codegen="report-strategies mma-tile=64,64,64,2,2,3" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TILE
// RUN: stl-opt %s --stl-gpu-contraction-codegen | FileCheck %s --check-prefix=IR
// RUN: stl-opt %s --stl-gpu-contraction-codegen="report-strategies chip=sm_80 features=+ptx70 tf32" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TF32
// RUN: stl-opt %s --stl-gpu-contraction-codegen="tf32" | FileCheck %s --check-prefix=TF32-IR
// RUN: stl-opt %s --stl-gpu-contraction-codegen="report-strategies chip=sm_86 features=+ptx71 tf32 mma-tile=64,64,32,2,2,8" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TF32-TILE
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="chip=sm_1000" -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHIP
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="chip=sm_90 features=+ptx70" -o /dev/null 2>&1 | FileCheck %s --check-prefix=PTX
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="mma-tile=128,128" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADTILE1
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="mma-tile=128,128,32,4,4,1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADTILE2
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="mma-tile=64,64,32,2,8" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADTILE3
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="mma-tile=96,128,32" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADTILE6
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="mma-tile=256,256,64,2,2,8" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADTILE4
// RUN: not stl-opt %s --stl-gpu-contraction-codegen="mma-tile=32,128,32,2,4" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADTILE5

// CHIP: error: stl-gpu-contraction-codegen: invalid option 'chip': LLVM's NVPTX target knows no chip 'sm_1000'
// PTX: error: stl-gpu-contraction-codegen: invalid option 'features': PTX version '+ptx70' is too old for chip 'sm_90': it needs +ptx78 or newer
// BADTILE1: error: stl-gpu-contraction-codegen: invalid option 'mma-tile': expected blockM,blockN,blockK[,warpsM,warpsN[,stages]], got 2 values
// BADTILE2: error: stl-gpu-contraction-codegen: invalid option 'mma-tile': stages must be 2 to 8, got 1
// BADTILE3: error: stl-gpu-contraction-codegen: invalid option 'mma-tile': each warp's tile (64/2 x 64/8) must be whole multiples of 16 x 16
// BADTILE6: error: stl-gpu-contraction-codegen: invalid option 'mma-tile': block sizes must be powers of two
// BADTILE4: error: stl-gpu-contraction-codegen: invalid option 'mma-tile': 524288 bytes of shared memory, more than the 232448 a block may have
// BADTILE5: error: stl-gpu-contraction-codegen: invalid option 'mma-tile': the 16-byte chunks of a tile (128) do not split evenly over 256 threads

// CHECK: remark: GPU strategy parallel-loops: no tensor cores: f32 inputs (`tf32` multiplies them on the tensor cores as TF32)
// SM75: remark: GPU strategy parallel-loops: no tensor-core strategy for sm_75 (PTX 7.0) (mma-sync needs sm_80: cp.async)
// OFF: remark: GPU strategy parallel-loops: tensor cores are off
// IR-LABEL: func.func @f32
// IR: linalg.matmul
// IR: linalg.fill
// With `tf32`, f32 inputs on the tensor cores, said so: 3 stages of 4-byte
// elements; A's fragments with ldmatrix (K contiguous: a 32-bit element a
// lane and matrix), B's (N contiguous: no 32-bit ldmatrix.trans) a 32-bit
// shared load each; every element rounded to TF32, m16n8k8 MMAs.
// TF32: remark: GPU strategy mma-sync: tensor cores as TF32 on sm_80 (PTX 7.0), tile 64x128x32, 2x2 warps, 3 stages (the largest that divides it)
// An mma-tile that fits 16-bit inputs may not fit TF32's (twice the bytes).
// TF32-TILE: remark: GPU strategy parallel-loops: the mma-tile 64x64x32, 2x2 warps, 8 stages does not fit TF32 inputs: 131072 bytes of shared memory, more than the 101376 a block may have
// TF32-IR-LABEL: func.func @f32
// TF32-IR: %[[SMEM:.*]] = arith.constant 73728 : i32
// TF32-IR: gpu.launch {{.*}} dynamic_shared_memory_size %[[SMEM]]
// TF32-IR: nvvm.ldmatrix {{.*}} layout = #nvvm.mma_layout<row>
// TF32-IR: llvm.bitcast {{.*}} : i32 to f32
// TF32-IR-NEXT: nvvm.convert.float.to.tf32 {{.*}} {rnd = #nvvm.fp_rnd_mode<rna>}
// TF32-IR: llvm.load {{.*}} : !llvm.ptr<3> -> i32
// TF32-IR: nvvm.convert.float.to.tf32
// TF32-IR: nvvm.mma.sync A[{{.*}}] B[{{.*}}] C[{{.*}}] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<tf32>, multiplicandBPtxType = #nvvm.mma_type<tf32>, shape = #nvvm.shape<m = 16, n = 8, k = 8>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// TF32-IR-NOT: nvvm.ldmatrix {{.*}} layout = #nvvm.mma_layout<col>
// TF32-IR: gpu.terminator
func.func @f32(%a: memref<64x128xf32>, %b: memref<128x256xf32>, %c: memref<64x256xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.matmul ins(%a, %b : memref<64x128xf32>, memref<128x256xf32>) outs(%c : memref<64x256xf32>)
  linalg.fill ins(%zero : f32) outs(%c : memref<64x256xf32>)
  return
}

// The largest tile that divides the shape.
// CHECK: remark: GPU strategy mma-sync: tensor cores on sm_80 (PTX 7.0), tile 128x128x32, 2x4 warps, 4 stages (the largest that divides it)
// TILE: remark: GPU strategy mma-sync: tensor cores on sm_90 (PTX 8.0), tile 64x64x64, 2x2 warps, 3 stages (mma-tile)
// A block per 128 x 128 tile, 8 warps, 4 stages of (128 + 128) x 32 bf16 in
// dynamic shared memory; the prologue starts 3 stages (4 16-byte copies per
// thread each), the loop waits for all but 2 groups and multiplies 2 x 16
// tiles of 16 x 8 per warp per 32 of K; the epilogue adds the destination.
// Each block checks that both inputs start on a 16-byte boundary (their
// strides are multiples of 16 bytes), which the types do not say: if not,
// the block computes its tile with scalar loads.
// IR-LABEL: func.func @bf16
// IR: %[[SMEM:.*]] = arith.constant 65536 : i32
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c2{{.*}}, {{.*}} = %c2{{.*}}, {{.*}} = %c1{{.*}}) threads({{.*}}) in ({{.*}} = %c256{{.*}}, {{.*}}) dynamic_shared_memory_size %[[SMEM]]
// IR: %[[A:.*]] = memref.extract_aligned_pointer_as_index %arg0
// IR: %[[AREM:.*]] = arith.remui %[[A]], %c16
// IR: %[[AOK:.*]] = arith.cmpi eq, %[[AREM]], %c0
// IR: %[[B:.*]] = memref.extract_aligned_pointer_as_index %arg1
// IR: %[[BREM:.*]] = arith.remui %[[B]], %c16
// IR: %[[BOK:.*]] = arith.cmpi eq, %[[BREM]], %c0
// IR: %[[OK:.*]] = arith.andi %[[AOK]], %[[BOK]]
// IR: scf.if %[[OK]] {
// IR: gpu.dynamic_shared_memory : memref<?xi8, #gpu.address_space<workgroup>>
// IR-COUNT-4: nvvm.cp.async.shared.global {{.*}}, {{.*}}, 16, cache = cg : !llvm.ptr<3>, !llvm.ptr<1>
// IR: nvvm.cp.async.commit.group
// IR: scf.for
// IR: nvvm.cp.async.wait.group 2
// IR-NEXT: gpu.barrier
// IR: scf.if
// IR-COUNT-4: nvvm.cp.async.shared.global
// IR: nvvm.cp.async.commit.group
// IR: nvvm.ldmatrix {{.*}} {eltType = #nvvm.ld_st_matrix_elt_type<b16>, layout = #nvvm.mma_layout<row>, num = 4 : i32, shape = #nvvm.ld_st_matrix_shape<m = 8, n = 8>}
// IR: nvvm.ldmatrix {{.*}} layout = #nvvm.mma_layout<col>
// IR: nvvm.mma.sync A[{{.*}}] B[{{.*}}] C[{{.*}}] {layoutA = #nvvm.mma_layout<row>, layoutB = #nvvm.mma_layout<col>, multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>, shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
// IR: scf.yield
// IR: nvvm.cp.async.wait.group 0
// IR: memref.load %arg2
// IR: arith.addf
// IR: memref.store {{.*}}, %arg2
// IR: } else {
// IR: scf.for {{.*}} = %c0{{.*}} to %c64{{.*}} step %c1
// IR: scf.for {{.*}} = %c0{{.*}} to %c512{{.*}} step %c1{{.*}} iter_args({{.*}}) -> (f32)
// IR: memref.load %arg0
// IR: memref.load %arg1
// IR: arith.mulf
// IR: memref.load %arg2
// IR: memref.store {{.*}}, %arg2
// IR: gpu.terminator
// IR-NOT: linalg.matmul
// IR: return
func.func @bf16(%a: memref<256x512xbf16>, %b: memref<512x256xbf16>, %c: memref<256x256xf32>) {
  linalg.matmul ins(%a, %b : memref<256x512xbf16>, memref<512x256xbf16>) outs(%c : memref<256x256xf32>)
  return
}

// f16 into f16 (the sum rounded once in the epilogue); N = 192: 128 x 64.
// CHECK: remark: GPU strategy mma-sync: tensor cores on sm_80 (PTX 7.0), tile 128x64x32, 2x2 warps, 4 stages (the largest that divides it)
// TILE: remark: GPU strategy parallel-loops: the mma-tile 64x64x64, 2x2 warps, 3 stages does not divide it: K = 32 is not a multiple of 64
// IR-LABEL: func.func @f16
// IR: nvvm.mma.sync {{.*}} : (vector<2xf16>, vector<2xf16>, f32)
// IR: arith.extf {{.*}} : f16 to f32
// IR: arith.truncf {{.*}} : f32 to f16
func.func @f16(%a: memref<128x32xf16>, %b: memref<32x192xf16>, %c: memref<128x192xf16>) {
  linalg.matmul ins(%a, %b : memref<128x32xf16>, memref<32x192xf16>) outs(%c : memref<128x192xf16>)
  return
}

// B with K contiguous (a linear layer's weight): ldmatrix without .trans for
// both; A with M contiguous: ldmatrix.trans for A.
// CHECK: remark: GPU strategy mma-sync
// IR-LABEL: func.func @transposed_b
// IR-COUNT-2: nvvm.ldmatrix {{.*}}layout = #nvvm.mma_layout<row>
// IR-NOT: mma_layout<col>, num
// IR: nvvm.mma.sync
func.func @transposed_b(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}
// CHECK: remark: GPU strategy mma-sync
// IR-LABEL: func.func @transposed_a
// IR: nvvm.ldmatrix {{.*}}layout = #nvvm.mma_layout<col>
func.func @transposed_a(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}

// The STL tile product's form: channels (and a batch) on the grid's third
// dimension, a weight shared by the batch.
// CHECK: remark: GPU strategy mma-sync: tensor cores on sm_80 (PTX 7.0), tile 64x64x32
// IR-LABEL: func.func @tile_product
// IR: gpu.launch blocks({{.*}}) in ({{.*}} = %c1{{.*}}, {{.*}} = %c1{{.*}}, {{.*}} = %c14{{.*}})
// IR: nvvm.mma.sync
#lhs = affine_map<(b, r, i, j, p) -> (b, r, i, p)>
#rhs = affine_map<(b, r, i, j, p) -> (r, p, j)>
#out = affine_map<(b, r, i, j, p) -> (b, r, i, j)>
func.func @tile_product(%a: memref<2x7x64x32xbf16>, %w: memref<7x32x64xbf16>, %c: memref<2x7x64x64xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
    ins(%a, %w : memref<2x7x64x32xbf16>, memref<7x32x64xbf16>) outs(%c : memref<2x7x64x64xf32>) {
  ^bb0(%x: bf16, %y: bf16, %acc: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// A fill of zeros right before is dropped (the kernel writes every element)
// and the epilogue does not read the destination; any other fill stays.
// CHECK: remark: GPU strategy mma-sync
// CHECK: remark: GPU strategy mma-sync
// IR-LABEL: func.func @zero_filled
// IR-NOT: linalg.fill
// IR: gpu.launch
// IR-NOT: memref.load %arg2
// IR: gpu.terminator
// IR-LABEL: func.func @one_filled
// IR: linalg.fill
// IR: gpu.launch
// IR: memref.load
func.func @zero_filled(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}
func.func @one_filled(%a: memref<64x64xbf16>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  %one = arith.constant 1.0 : f32
  linalg.fill ins(%one : f32) outs(%c : memref<64x64xf32>)
  linalg.matmul ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}

// What the kernel cannot do keeps parallel loops, saying why.
// CHECK: remark: GPU strategy parallel-loops: no tensor cores: M = 100 is not a multiple of 32
func.func @indivisible(%a: memref<100x64xbf16>, %b: memref<64x64xbf16>, %c: memref<100x64xf32>) {
  linalg.matmul ins(%a, %b : memref<100x64xbf16>, memref<64x64xbf16>) outs(%c : memref<100x64xf32>)
  return
}
// CHECK: remark: GPU strategy parallel-loops: no tensor cores: dynamic shape
func.func @dynamic(%a: memref<?x64xbf16>, %b: memref<64x64xbf16>, %c: memref<?x64xf32>) {
  linalg.matmul ins(%a, %b : memref<?x64xbf16>, memref<64x64xbf16>) outs(%c : memref<?x64xf32>)
  return
}
// CHECK: remark: GPU strategy parallel-loops: no tensor cores: the lhs's offset or strides are not multiples of 8 elements (16-byte copies)
func.func @misaligned(%a: memref<64x64xbf16, strided<[68, 1]>>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x64xbf16, strided<[68, 1]>>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}
// CHECK: remark: GPU strategy parallel-loops: no tensor cores: f32 inputs
// TF32: remark: GPU strategy parallel-loops: no tensor cores: the rhs's offset or strides are not multiples of 4 elements (16-byte copies)
func.func @misaligned_f32(%a: memref<64x64xf32>, %b: memref<64x64xf32, strided<[66, 1]>>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x64xf32>, memref<64x64xf32, strided<[66, 1]>>) outs(%c : memref<64x64xf32>)
  return
}
// CHECK: remark: GPU strategy parallel-loops: no tensor cores: the rhs has no unit-stride N or K dimension
func.func @strided(%a: memref<64x64xbf16>, %b: memref<64x64xbf16, strided<[128, 2]>>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x64xbf16>, memref<64x64xbf16, strided<[128, 2]>>) outs(%c : memref<64x64xf32>)
  return
}
// CHECK: remark: GPU strategy parallel-loops: no tensor cores: the lhs has a dynamic or non-strided layout
func.func @dynamic_offset(%a: memref<64x64xbf16, strided<[64, 1], offset: ?>>, %b: memref<64x64xbf16>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x64xbf16, strided<[64, 1], offset: ?>>, memref<64x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}
// CHECK: remark: GPU strategy parallel-loops: no tensor cores: inputs are not both f16, both bf16 or both f32
func.func @mixed_inputs(%a: memref<64x64xbf16>, %b: memref<64x64xf16>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x64xbf16>, memref<64x64xf16>) outs(%c : memref<64x64xf32>)
  return
}
// CHECK-NOT: remark
