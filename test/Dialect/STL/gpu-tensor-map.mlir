// stl.gpu_tensor_map parses, verifies and prints back.
// RUN: stl-opt %s | FileCheck %s
// RUN: stl-opt %s | stl-opt | FileCheck %s

// CHECK-LABEL: func.func @maps
// CHECK: stl.gpu_tensor_map %{{.*}} sizes = [4096, 4096] strides = [4096] box = [64, 128] offset = 0 swizzle = 128 : memref<4096x4096xbf16>
// CHECK: stl.gpu_tensor_map %{{.*}} sizes = [64, 32, 49] strides = [64, 2048] box = [64, 32, 1] offset = 8 swizzle = 128 : memref<49x32x64xf16, strided<[2048, 64, 1], offset: 8>>
// CHECK: stl.gpu_tensor_map %{{.*}} sizes = [8] strides = [] box = [4] offset = 0 swizzle = 0 : memref<8xf32>
func.func @maps(%a: memref<4096x4096xbf16>,
                %b: memref<49x32x64xf16, strided<[2048, 64, 1], offset: 8>>,
                %c: memref<8xf32>) -> (i64, i64, i64) {
  %0 = stl.gpu_tensor_map %a sizes = [4096, 4096] strides = [4096] box = [64, 128] offset = 0 swizzle = 128 : memref<4096x4096xbf16>
  %1 = stl.gpu_tensor_map %b sizes = [64, 32, 49] strides = [64, 2048] box = [64, 32, 1] offset = 8 swizzle = 128 : memref<49x32x64xf16, strided<[2048, 64, 1], offset: 8>>
  %2 = stl.gpu_tensor_map %c sizes = [8] strides = [] box = [4] offset = 0 swizzle = 0 : memref<8xf32>
  return %0, %1, %2 : i64, i64, i64
}
