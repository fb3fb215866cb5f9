// Cross-compiling for AArch64 (target-triple): the strategy reads the NEON
// target (32 x 128-bit registers) and picks the 8 x 12 f32 micro-kernel (24
// accumulators, 11 loads per 24 FMAs); its LLVM IR, compiled by llc for a
// Neoverse N1, holds the accumulators in registers and multiplies by lanes
// of the loaded A elements (fmla by element). host is refused with another
// architecture's triple, and an unknown triple or CPU is a clear error.
// REQUIRES: llc-aarch64, host-x86_64
// RUN: stl-opt %s --stl-cpu-vectorize-contractions="report-strategies target-cpu=neoverse-n1 target-triple=aarch64-linux-gnu" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=STRATEGY
// RUN: stl-opt %s --stl-cpu-pipeline="target-cpu=neoverse-n1 target-triple=aarch64-linux-gnu" \
// RUN:   | mlir-translate --mlir-to-llvmir \
// RUN:   | llc -O3 -mtriple=aarch64-linux-gnu -mcpu=neoverse-n1 -o - | FileCheck %s --check-prefix=ASM
// RUN: not stl-opt %s --stl-cpu-pipeline="target-cpu=host target-triple=aarch64-linux-gnu" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HOST
// RUN: not stl-opt %s --stl-cpu-pipeline="target-cpu=neoverse-n9 target-triple=aarch64-linux-gnu" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=UNKNOWN
// RUN: not stl-opt %s --stl-cpu-pipeline="target-triple=nonsense" -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=TRIPLE

// STRATEGY: remark: CPU strategy packed-micro-kernel (register tile 8x12x4, cache block 96x96x256): register tile for neoverse-n1 (aarch64, neon: 32 x 128-bit vector registers, FMA); operands packed (reduction of 256)
// ASM-LABEL: matmul:
// ASM-COUNT-24: fmla v{{[0-9]+}}.4s, v{{[0-9]+}}.4s, v{{[0-9]+}}.s[0]
// HOST: invalid option 'target-cpu': host is a x86_64 CPU, the target triple 'aarch64-linux-gnu' is aarch64
// UNKNOWN: invalid option 'target-cpu': LLVM knows no aarch64 CPU 'neoverse-n9' (expected a CPU name as for llc -mcpu, e.g. neoverse-512tvb
// TRIPLE: invalid option 'target-triple': 'nonsense' names no architecture LLVM knows
func.func @matmul(%a: memref<96x256xf32>, %b: memref<256x96xf32>, %c: memref<96x96xf32>) {
  linalg.matmul ins(%a, %b : memref<96x256xf32>, memref<256x96xf32>) outs(%c : memref<96x96xf32>)
  return
}
