// --stl-gpu-lower-tensor-maps: each stl.gpu_tensor_map becomes a call of the
// runtime's stlCudaTensorMap, with the buffer's aligned address plus the
// offset in bytes, the element size, the rank, five sizes, four byte
// strides and five box sizes (unused dimensions 1, strides 0) and the
// swizzle; one declaration for all.
// RUN: stl-opt %s --stl-gpu-lower-tensor-maps --cse | FileCheck %s

// CHECK: func.func private @stlCudaTensorMap(i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64) -> i64
// CHECK-LABEL: func.func @maps
// CHECK: %[[P:.*]] = memref.extract_aligned_pointer_as_index %arg0
// CHECK: %[[I:.*]] = arith.index_cast %[[P]] : index to i64
// CHECK: %[[ADDR:.*]] = arith.addi %[[I]], %c16_i64
// CHECK: %[[MAP:.*]] = call @stlCudaTensorMap(%[[ADDR]], %c2_i64, %c3_i64, %c64_i64, %c32_i64, %c49_i64, %c1_i64, %c1_i64, %c128_i64, %c4096_i64, %c0_i64, %c0_i64, %c64_i64, %c32_i64, %c1_i64, %c1_i64, %c1_i64, %c128_i64)
// CHECK: call @stlCudaTensorMap
// CHECK-NOT: stl.gpu_tensor_map
func.func @maps(%b: memref<49x32x64xf16, strided<[2048, 64, 1], offset: 8>>,
                %c: memref<8xf32>) -> (i64, i64) {
  %0 = stl.gpu_tensor_map %b sizes = [64, 32, 49] strides = [64, 2048] box = [64, 32, 1] offset = 8 swizzle = 128 : memref<49x32x64xf16, strided<[2048, 64, 1], offset: 8>>
  %1 = stl.gpu_tensor_map %c sizes = [8] strides = [] box = [4] offset = 0 swizzle = 0 : memref<8xf32>
  return %0, %1 : i64, i64
}
