// The wgmma kernels computed on the CPU by an emulator of their
// instructions (Inputs/emulate_wgmma_kernel.py: TMA tile copies with the
// 128-byte swizzle, mbarriers with transaction counts, wgmma from matrix
// descriptors, as the PTX ISA defines them; the producer and consumer roles
// as tasks that run until they block), on integer inputs, against numpy:
// once with the producer running ahead as far as the "empty" barriers let it
// (a stage overwritten before its release gives a wrong product) and once
// with the consumers first (one that passes its "full" wait early reads a
// stage not yet copied); a deadlock fails. Forms: bf16 and f16, every
// input layout (K-major, and M/N-major through the transpose bits), a bf16
// destination read and rounded, the tile product's 3-dimensional tensor
// maps, more reduction tiles than stages (the barriers' phases wrap), the
// default 128 x 128 tile with two consumer warpgroups, blocks grouped by
// tile rows, a dropped zero fill.
// RUN: stl-opt %s -split-input-file --stl-gpu-contraction-codegen="wgmma chip=sm_90a wgmma-tile=64,64,2" --mlir-print-op-generic -o %t.small.mlir
// RUN: %python %S/Inputs/emulate_wgmma_kernel.py %t.small.mlir \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn \
// RUN:   --einsum brip,rpj-\>brij --einsum mk,kn-\>mn | FileCheck %s --check-prefix=SMALL
// RUN: %python %S/Inputs/emulate_wgmma_kernel.py %t.small.mlir --consumers-first \
// RUN:   --einsum mk,kn-\>mn --einsum mk,nk-\>mn --einsum km,kn-\>mn \
// RUN:   --einsum brip,rpj-\>brij --einsum mk,kn-\>mn | FileCheck %s --check-prefix=SMALL
// SMALL: emulated nn_bf16 (mk,kn->mn, 2 blocks of 256 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated nt_f16 (mk,nk->mn, 2 blocks of 256 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated tn_bf16 (km,kn->mn, 2 blocks of 256 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated tile_product (brip,rpj->brij, 14 blocks of 256 threads): max |error| = 0
// SMALL-NEXT: PASS
// SMALL: emulated grouped (mk,kn->mn, 10 blocks of 256 threads): max |error| = 0
// SMALL-NEXT: PASS

// The default tile (two consumer warpgroups, 6 stages, 8 reduction tiles),
// and a zero fill the kernel drops.
// RUN: stl-opt %S/Inputs/wgmma-default-tile.mlir --stl-gpu-contraction-codegen="wgmma chip=sm_90a" --mlir-print-op-generic -o %t.default.mlir
// RUN: %python %S/Inputs/emulate_wgmma_kernel.py %t.default.mlir --zero-destination --einsum mk,kn-\>mn | FileCheck %s --check-prefix=DEFAULT
// RUN: %python %S/Inputs/emulate_wgmma_kernel.py %t.default.mlir --zero-destination --consumers-first --einsum mk,kn-\>mn | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: emulated default_tile (mk,kn->mn, 1 blocks of 384 threads): max |error| = 0
// DEFAULT-NEXT: PASS

// Each block checks that the inputs start on a 16-byte boundary (TMA's
// global addresses): 8 bytes past one, the runtime gives them no tensor
// map, and the block computes its tile with scalar loads, right, with no
// TMA copy.
// RUN: %python %S/Inputs/emulate_wgmma_kernel.py %t.default.mlir --zero-destination --misalign 8 --einsum mk,kn-\>mn | FileCheck %s --check-prefix=MISALIGNED
// MISALIGNED: emulated default_tile (mk,kn->mn, 1 blocks of 384 threads): max |error| = 0
// MISALIGNED-NEXT: 0 TMA copies
// MISALIGNED-NEXT: PASS

func.func @nn_bf16(%a: memref<64x384xbf16>, %b: memref<384x128xbf16>, %c: memref<64x128xf32>) {
  linalg.matmul ins(%a, %b : memref<64x384xbf16>, memref<384x128xbf16>) outs(%c : memref<64x128xf32>)
  return
}

// -----

func.func @nt_f16(%a: memref<128x128xf16>, %b: memref<64x128xf16>, %c: memref<128x64xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : memref<128x128xf16>, memref<64x128xf16>) outs(%c : memref<128x64xf32>)
  return
}

// -----

func.func @tn_bf16(%a: memref<128x128xbf16>, %b: memref<128x64xbf16>, %c: memref<128x64xbf16>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : memref<128x128xbf16>, memref<128x64xbf16>) outs(%c : memref<128x64xbf16>)
  return
}

// -----

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

func.func @grouped(%a: memref<640x64xbf16>, %b: memref<64x64xbf16>, %c: memref<640x64xf32>) {
  linalg.matmul ins(%a, %b : memref<640x64xbf16>, memref<64x64xbf16>) outs(%c : memref<640x64xf32>)
  return
}

// The widest tile: 128 x 256 (m64n256 wgmmas).
// RUN: stl-opt %S/Inputs/wgmma-wide-tile.mlir --stl-gpu-contraction-codegen="wgmma chip=sm_90a wgmma-tile=128,256,2" --mlir-print-op-generic -o %t.wide.mlir
// RUN: %python %S/Inputs/emulate_wgmma_kernel.py %t.wide.mlir --zero-destination --einsum mk,kn-\>mn | FileCheck %s --check-prefix=WIDE
// WIDE: emulated wide_tile (mk,kn->mn, 1 blocks of 384 threads): max |error| = 0
// WIDE-NEXT: PASS
