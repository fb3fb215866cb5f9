// Every verifier error of stl.gpu_tensor_map.
// RUN: stl-opt %s -split-input-file -verify-diagnostics

func.func @rank(%a: memref<2x2x2x2x2x2xbf16>) -> i64 {
  // expected-error @+1 {{expects 1 to 5 dimensions, got 6}}
  %0 = stl.gpu_tensor_map %a sizes = [2, 2, 2, 2, 2, 2] strides = [8, 8, 8, 8, 8] box = [1, 1, 1, 1, 1, 1] offset = 0 swizzle = 0 : memref<2x2x2x2x2x2xbf16>
  return %0 : i64
}

// -----

func.func @strides(%a: memref<64x64xbf16>) -> i64 {
  // expected-error @+1 {{expects 1 strides and 2 box sizes for 2 dimensions, got 2 and 2}}
  %0 = stl.gpu_tensor_map %a sizes = [64, 64] strides = [64, 64] box = [64, 64] offset = 0 swizzle = 128 : memref<64x64xbf16>
  return %0 : i64
}

// -----

func.func @element(%a: memref<64x64xf64>) -> i64 {
  // expected-error @+1 {{expects 1-, 2- or 4-byte elements, got 64-bit ones}}
  %0 = stl.gpu_tensor_map %a sizes = [64, 64] strides = [64] box = [8, 8] offset = 0 swizzle = 0 : memref<64x64xf64>
  return %0 : i64
}

// -----

func.func @size(%a: memref<64x64xbf16>) -> i64 {
  // expected-error @+1 {{size 0 of dimension 1 is not in [1, 2^32]}}
  %0 = stl.gpu_tensor_map %a sizes = [64, 0] strides = [64] box = [64, 1] offset = 0 swizzle = 128 : memref<64x64xbf16>
  return %0 : i64
}

// -----

func.func @box(%a: memref<512x64xbf16>) -> i64 {
  // expected-error @+1 {{box size 512 of dimension 1 is not in [1, min(256, 512)]}}
  %0 = stl.gpu_tensor_map %a sizes = [64, 512] strides = [64] box = [64, 512] offset = 0 swizzle = 128 : memref<512x64xbf16>
  return %0 : i64
}

// -----

func.func @swizzle(%a: memref<64x64xbf16>) -> i64 {
  // expected-error @+1 {{swizzle must be 0, 32, 64 or 128 bytes, got 256}}
  %0 = stl.gpu_tensor_map %a sizes = [64, 64] strides = [64] box = [64, 64] offset = 0 swizzle = 256 : memref<64x64xbf16>
  return %0 : i64
}

// -----

func.func @inner(%a: memref<256x256xbf16>) -> i64 {
  // expected-error @+1 {{the box's innermost 256 bytes must be a multiple of 16 and at most the swizzle's 128}}
  %0 = stl.gpu_tensor_map %a sizes = [256, 256] strides = [256] box = [128, 64] offset = 0 swizzle = 128 : memref<256x256xbf16>
  return %0 : i64
}

// -----

func.func @inner16(%a: memref<64x64xbf16>) -> i64 {
  // expected-error @+1 {{the box's innermost 6 bytes must be a multiple of 16}}
  %0 = stl.gpu_tensor_map %a sizes = [64, 64] strides = [64] box = [3, 64] offset = 0 swizzle = 0 : memref<64x64xbf16>
  return %0 : i64
}

// -----

func.func @stride(%a: memref<64x60xbf16>) -> i64 {
  // expected-error @+1 {{stride 60 must be positive, a multiple of 16 bytes and under 2^40 bytes}}
  %0 = stl.gpu_tensor_map %a sizes = [60, 64] strides = [60] box = [8, 64] offset = 0 swizzle = 0 : memref<64x60xbf16>
  return %0 : i64
}

// -----

func.func @offset(%a: memref<64x64xbf16>) -> i64 {
  // expected-error @+1 {{offset 4 must be a non-negative multiple of 16 bytes}}
  %0 = stl.gpu_tensor_map %a sizes = [64, 64] strides = [64] box = [64, 64] offset = 4 swizzle = 128 : memref<64x64xbf16>
  return %0 : i64
}
