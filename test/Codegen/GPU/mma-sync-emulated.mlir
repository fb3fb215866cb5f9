// The mma-sync kernels computed on the CPU by an emulator of their
// instructions (Inputs/emulate_mma_kernel.py: cp.async, ldmatrix, mma.sync
// as the PTX ISA defines them, every block's threads in lockstep), on
// integer inputs, against numpy: the copies land as late as the pipeline
// allows (at the wait that lets their group complete) and, separately, at
// once, so that a stage read before it has landed or overwritten while in
// use gives a wrong product. Forms: bf16 and f16, both layouts of each
// input (ldmatrix with and without .trans), the tile product's batch and
// shared weight on the grid's z, a reduction shorter than the pipeline, the
// default 128 x 128 tile with 8 warps, blocks grouped by tile rows, f32
// inputs as TF32, the scalar path of inputs not 16-byte aligned.
// RUN: stl-opt %s -split-input-file --stl-gpu-contraction-codegen="mma-tile=64,64,32,2,2,3" --mlir-print-op-generic -o %t.small.mlir
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.small.mlir \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn \
// RUN:   --einsum brip,rpj-\>brij --einsum mk,kn-\>mn --einsum mk,kn-\>mn | FileCheck %s --check-prefix=SMALL
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.small.mlir --earliest \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn \
// RUN:   --einsum brip,rpj-\>brij --einsum mk,kn-\>mn --einsum mk,kn-\>mn | FileCheck %s --check-prefix=SMALL
// SMALL: emulated nn_bf16 (mk,kn->mn, 4 blocks of 128 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated nt_f16 (mk,nk->mn, 4 blocks of 128 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated tn_bf16 (km,kn->mn, 4 blocks of 128 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated tile_product (brip,rpj->brij, 6 blocks of 128 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated short_k (mk,kn->mn, 1 blocks of 128 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated wide (mk,kn->mn, 2 blocks of 128 threads): max |error| = 0
// SMALL-NEXT: PASS

// The default tile for 128 x 256 x 128: one block of 8 warps, 8 reduction
// tiles through 4 stages.
// RUN: stl-opt %S/Inputs/mma-default-tile.mlir --stl-gpu-contraction-codegen --mlir-print-op-generic -o %t.default.mlir
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.default.mlir --einsum mk,kn-\>mn | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: emulated default_tile (mk,kn->mn, 1 blocks of 256 threads): max |error| = 0
// DEFAULT-NEXT: PASS

// Blocks in groups of tile rows (for L2 reuse), a last group of fewer rows.
// RUN: stl-opt %S/Inputs/mma-grouped-blocks.mlir --stl-gpu-contraction-codegen="mma-tile=32,32,32,1,2,2" --mlir-print-op-generic -o %t.grouped.mlir
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.grouped.mlir --einsum mk,kn-\>mn | FileCheck %s --check-prefix=GROUPED
// GROUPED: emulated grouped_blocks (mk,kn->mn, 120 blocks of 64 threads): max |error| = 0
// GROUPED-NEXT: PASS

// A destination filled with zeros right before: the fill is dropped and the
// epilogue only stores (the emulator's destination starts with other
// values).
// RUN: stl-opt %S/Inputs/mma-zero-destination.mlir --stl-gpu-contraction-codegen --mlir-print-op-generic -o %t.zero.mlir
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.zero.mlir --zero-destination --einsum mk,kn-\>mn | FileCheck %s --check-prefix=ZERO
// ZERO: emulated zero_destination (mk,kn->mn, 1 blocks of 128 threads): max |error| = 0
// ZERO-NEXT: PASS

// f32 inputs as TF32 (`tf32`): inputs of 13 significant bits, which the
// kernel must round (to nearest, ties away) to TF32's 11: compared with the
// product of the rounded inputs (within the f32 accumulation's error), and
// farther from the unrounded inputs' product. Each input layout (K
// contiguous: ldmatrix; M / N contiguous: 32-bit shared loads), the tile
// product's form; small tiles and the default ones (128 x 128 x 32, 3
// stages of 4-byte elements).
// RUN: stl-opt %S/Inputs/mma-tf32.mlir -split-input-file --stl-gpu-contraction-codegen="tf32 mma-tile=64,64,32,2,2,3" --mlir-print-op-generic -o %t.tf32.mlir
// RUN: stl-opt %S/Inputs/mma-tf32.mlir -split-input-file --stl-gpu-contraction-codegen="tf32" --mlir-print-op-generic -o %t.tf32-default.mlir
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.tf32.mlir --tf32-inputs \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn --einsum brip,rpj-\>brij | FileCheck %s --check-prefix=TF32
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.tf32.mlir --tf32-inputs --earliest \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn --einsum brip,rpj-\>brij | FileCheck %s --check-prefix=TF32
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.tf32-default.mlir --tf32-inputs \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn --einsum brip,rpj-\>brij | FileCheck %s --check-prefix=TF32
// TF32: emulated nn_f32 (mk,kn->mn, {{[0-9]+}} blocks of {{[0-9]+}} threads)
// TF32-NEXT: the rounding shows
// TF32-NEXT: PASS
// TF32: emulated nt_f32 (mk,nk->mn,
// TF32-NEXT: the rounding shows
// TF32-NEXT: PASS
// TF32: emulated tn_f32 (km,kn->mn,
// TF32-NEXT: the rounding shows
// TF32-NEXT: PASS
// TF32: emulated tile_product_f32 (brip,rpj->brij,
// TF32-NEXT: the rounding shows
// TF32-NEXT: PASS

// Each block checks that the inputs start on a 16-byte boundary (their
// strides are multiples of 16 bytes): 8 bytes past one, which cp.async
// cannot copy, the block computes its tile with scalar loads instead (no
// copy at all), and right; 32 bytes past one, the tensor cores.
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.zero.mlir --zero-destination --misalign 8 --einsum mk,kn-\>mn | FileCheck %s --check-prefix=MISALIGNED
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.zero.mlir --zero-destination --misalign 32 --einsum mk,kn-\>mn | FileCheck %s --check-prefix=SHIFTED
// RUN: %python %S/Inputs/emulate_mma_kernel.py %t.small.mlir --misalign 4 \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn \
// RUN:   --einsum brip,rpj-\>brij --einsum mk,kn-\>mn --einsum mk,kn-\>mn > %t.scalar.out
// RUN: FileCheck %s --check-prefix=SCALAR < %t.scalar.out
// RUN: grep -c "^0 cp.async copies" %t.scalar.out | FileCheck %s --check-prefix=SIX
// MISALIGNED: emulated zero_destination (mk,kn->mn, 1 blocks of 128 threads): max |error| = 0
// MISALIGNED-NEXT: 0 cp.async copies
// MISALIGNED-NEXT: PASS
// SHIFTED: emulated zero_destination (mk,kn->mn, 1 blocks of 128 threads): max |error| = 0
// SHIFTED-NEXT: {{[1-9][0-9]*}} cp.async copies
// SHIFTED-NEXT: PASS
// SCALAR-COUNT-6: max |error| = 0 over
// SCALAR-NOT: FAIL
// SIX: {{^}}6{{$}}

func.func @nn_bf16(%a: memref<128x96xbf16>, %b: memref<96x128xbf16>, %c: memref<128x128xf32>) {
  linalg.matmul ins(%a, %b : memref<128x96xbf16>, memref<96x128xbf16>) outs(%c : memref<128x128xf32>)
  return
}

// -----

func.func @nt_f16(%a: memref<128x64xf16>, %b: memref<128x64xf16>, %c: memref<128x128xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<128x64xf16>, memref<128x64xf16>) outs(%c : memref<128x128xf32>)
  return
}

// -----

func.func @tn_bf16(%a: memref<64x128xbf16>, %b: memref<64x128xbf16>, %c: memref<128x128xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<64x128xbf16>, memref<64x128xbf16>) outs(%c : memref<128x128xf32>)
  return
}

// -----

#lhs = affine_map<(b, r, i, j, p) -> (b, r, i, p)>
#rhs = affine_map<(b, r, i, j, p) -> (r, p, j)>
#out = affine_map<(b, r, i, j, p) -> (b, r, i, j)>
func.func @tile_product(%a: memref<2x3x64x64xbf16>, %w: memref<3x64x64xbf16>, %c: memref<2x3x64x64xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
    ins(%a, %w : memref<2x3x64x64xbf16>, memref<3x64x64xbf16>) outs(%c : memref<2x3x64x64xf32>) {
  ^bb0(%x: bf16, %y: bf16, %acc: f32):
    %xf = arith.extf %x : bf16 to f32
    %yf = arith.extf %y : bf16 to f32
    %p = arith.mulf %xf, %yf : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}

// -----

func.func @short_k(%a: memref<64x32xbf16>, %b: memref<32x64xbf16>, %c: memref<64x64xf32>) {
  linalg.matmul ins(%a, %b : memref<64x32xbf16>, memref<32x64xbf16>) outs(%c : memref<64x64xf32>)
  return
}

// -----

func.func @wide(%a: memref<64x256xbf16>, %b: memref<256x128xbf16>, %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x256xbf16>, memref<256x128xbf16>) outs(%c : memref<64x128xf32>)
  return
}
