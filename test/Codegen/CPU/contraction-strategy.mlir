// The CPU code generation chooses a strategy per contraction from the target
// description (--stl-cpu-vectorize-contractions{target-cpu=...}): the register
// tile fits the CPU's vector registers (two vectors per row, as many rows as
// leave registers for the rhs vectors and a broadcast element, at most 8; at
// least 8 elements along N: four 2-lane f64 vectors with SSE2).
// REQUIRES: host-x86_64
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=skylake-avx512" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AVX512
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=haswell" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AVX2
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=x86-64" -o /dev/null 2>&1 | FileCheck %s --check-prefix=SSE2
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies" -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=host" -o /dev/null 2>&1 | FileCheck %s --check-prefix=HOST
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=haswell register-tiles=2,16,4" -o /dev/null 2>&1 | FileCheck %s --check-prefix=GIVEN
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=skylake-avx512" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AVX512-WIDE
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=haswell" -o /dev/null 2>&1 | FileCheck %s --check-prefix=AVX2-WIDE
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=haswell packing=false" -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNPACKED
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=haswell cache-tiles=50,1000,40" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BLOCKS
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="target-cpu=haswell" | FileCheck %s --check-prefix=IR
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="target-cpu=x86-64" | FileCheck %s --check-prefix=SSE2-IR
// RUN: not stl-opt %s --stl-cpu-vectorize-contractions="target-cpu=hasswell" -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not stl-opt %s --stl-cpu-pipeline="target-cpu=nonsense" -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN-PIPELINE

// Reductions of at least 64 get packed operands, with the register tile
// that needs the fewest loads per FMA, weighed by the padding and the cut
// panels of N (N = 256: 8 x 32 f32 on AVX-512, 6 x 16 with AVX2; N = 768,
// @wide: 4 x 24 with AVX2, 7 loads per 12 FMAs; on AVX-512, 8 x 32 and
// 8 x 16 f64, which load few enough: 10 per 16 FMAs); the blocks
// are balanced over the sizes and rounded up to the register tile (M = 64
// in one block of 66 with 6 rows: zero-padded panels).
// AVX512: remark: CPU strategy packed-micro-kernel (register tile 8x32x4, cache block 64x256x128): register tile for skylake-avx512 (x86_64, avx512: 32 x 512-bit vector registers, FMA); operands packed (reduction of 128)
// AVX512: remark: CPU strategy packed-micro-kernel (register tile 8x16x4, {{.*}} skylake-avx512
// AVX512: remark: CPU strategy loops: operands not row-major
// AVX512: remark: CPU strategy loops: innermost reduction of 4 (< 16)
// AVX512: remark: CPU strategy loops: element type is not f32 or f64

// AVX2: remark: CPU strategy packed-micro-kernel (register tile 6x16x4, cache block 66x256x128): register tile for haswell (x86_64, avx2: 16 x 256-bit vector registers, FMA); operands packed
// AVX2: remark: CPU strategy packed-micro-kernel (register tile 6x8x4, {{.*}} haswell

// SSE2: remark: CPU strategy packed-micro-kernel (register tile 6x8x4, {{.*}}: register tile for x86-64 (x86_64, sse2: 16 x 128-bit vector registers)
// SSE2: remark: CPU strategy packed-micro-kernel (register tile 2x8x4,

// DEFAULT: remark: CPU strategy packed-micro-kernel (register tile 8x32x4, cache block 64x256x128): default register tile (no target CPU given)
// DEFAULT: remark: CPU strategy packed-micro-kernel (register tile 8x32x4,

// HOST: remark: CPU strategy packed-micro-kernel (register tile {{[0-9]+}}x{{[0-9]+}}x4, {{.*}}: register tile for {{.*}} (x86_64, {{avx512|avx2|avx|sse2}}:

// GIVEN: remark: CPU strategy packed-micro-kernel (register tile 2x16x4, cache block 64x256x128): register tile given

// UNPACKED: remark: CPU strategy vector-outer-product (register tile 6x16x4, cache block 64x256x128): register tile for haswell
// UNPACKED: remark: CPU strategy vector-outer-product (register tile 6x8x4,

// Cache-block limits, balanced: M = 64 in two blocks of 32 rounded up to
// 36 (6 rows), N = 256 in one of 256, K = 128 in four of 32.
// BLOCKS: remark: CPU strategy packed-micro-kernel (register tile 6x16x4, cache block 36x256x32)

// The f32 MatMul on haswell: 6 x 16 micro-kernels of vector<16xf32> (four
// steps of K of six rows each), one for whole tiles and one for the tiles
// that M = 64 cuts.
// IR-LABEL: func.func @f32
// IR-COUNT-48: vector.fma {{.*}} : vector<16xf32>
// IR-NOT: vector.fma
// IR-LABEL: func.func @f64

// f64 on an SSE2-only CPU gets 2 x 8 micro-kernels (four 2-lane vectors a row) so
// that the kernel has the 8 elements along N it needs and is vectorized.
// SSE2-IR-LABEL: func.func @f64
// SSE2-IR: vector.fma {{.*}} : vector<8xf64>
// SSE2-IR-LABEL: func.func @transposed

// With AVX-512, 8 x 48 would load fewer elements per FMA than 8 x 32 but
// both load few enough (kCPUSufficientLoadsPerFMA): the narrower is kept.
// AVX512-WIDE: remark: CPU strategy packed-micro-kernel (register tile 8x32x4, cache block 64x768x128): register tile for skylake-avx512
// AVX2-WIDE: remark: CPU strategy packed-micro-kernel (register tile 4x24x4, cache block 64x768x128): register tile for haswell

// UNKNOWN: error: stl-cpu-vectorize-contractions: invalid option 'target-cpu': LLVM knows no x86_64 CPU 'hasswell' (expected host or a CPU name as for llc -mcpu, e.g. haswell)
// UNKNOWN-PIPELINE: invalid option 'target-cpu': LLVM knows no x86_64 CPU 'nonsense'

func.func @f32(%a: memref<64x128xf32>, %b: memref<128x256xf32>, %c: memref<64x256xf32>) {
  linalg.matmul ins(%a, %b : memref<64x128xf32>, memref<128x256xf32>) outs(%c : memref<64x256xf32>)
  return
}

func.func @f64(%a: memref<64x128xf64>, %b: memref<128x256xf64>, %c: memref<64x256xf64>) {
  linalg.matmul ins(%a, %b : memref<64x128xf64>, memref<128x256xf64>) outs(%c : memref<64x256xf64>)
  return
}

func.func @transposed(%a: memref<64x128xf32>, %b: memref<256x128xf32>, %c: memref<64x256xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] ins(%a, %b : memref<64x128xf32>, memref<256x128xf32>) outs(%c : memref<64x256xf32>)
  return
}

func.func @short_reduction(%a: memref<64x4xf32>, %b: memref<4x256xf32>, %c: memref<64x256xf32>) {
  linalg.matmul ins(%a, %b : memref<64x4xf32>, memref<4x256xf32>) outs(%c : memref<64x256xf32>)
  return
}

func.func @i32(%a: memref<64x128xi32>, %b: memref<128x256xi32>, %c: memref<64x256xi32>) {
  linalg.matmul ins(%a, %b : memref<64x128xi32>, memref<128x256xi32>) outs(%c : memref<64x256xi32>)
  return
}

func.func @wide(%a: memref<64x128xf32>, %b: memref<128x768xf32>, %c: memref<64x768xf32>) {
  linalg.matmul ins(%a, %b : memref<64x128xf32>, memref<128x768xf32>) outs(%c : memref<64x768xf32>)
  return
}
