// --stl-gpu-lower-tensor-maps: a declaration of stlCudaTensorMap of another
// type than the runtime's is an error.
// RUN: not stl-opt %s --stl-gpu-lower-tensor-maps 2>&1 | FileCheck %s --check-prefix=ERR

// ERR: error: stl-gpu-lower-tensor-maps: 'stlCudaTensorMap' is declared with another type than the runtime's
func.func private @stlCudaTensorMap(i64) -> i64
func.func @clash(%c: memref<8xf32>) -> i64 {
  %0 = stl.gpu_tensor_map %c sizes = [8] strides = [] box = [4] offset = 0 swizzle = 0 : memref<8xf32>
  return %0 : i64
}
