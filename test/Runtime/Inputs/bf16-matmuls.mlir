// bf16 MatMuls for aot-bf16.test.
func.func @dense_bf16(%a: memref<16x16xbf16>, %b: memref<16x16xbf16>,
                      %c: memref<16x16xbf16>) attributes {llvm.emit_c_interface} {
  %at = bufferization.to_tensor %a restrict : memref<16x16xbf16> to tensor<16x16xbf16>
  %bt = bufferization.to_tensor %b restrict : memref<16x16xbf16> to tensor<16x16xbf16>
  %zero = arith.constant 0.0 : bf16
  %e = tensor.empty() : tensor<16x16xbf16>
  %z = linalg.fill ins(%zero : bf16) outs(%e : tensor<16x16xbf16>) -> tensor<16x16xbf16>
  %r = linalg.matmul ins(%at, %bt : tensor<16x16xbf16>, tensor<16x16xbf16>)
                     outs(%z : tensor<16x16xbf16>) -> tensor<16x16xbf16>
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<16x16xbf16>, memref<16x16xbf16>) -> ()
  return
}

func.func @stl_bf16_narrow(%a: memref<16x16xbf16>, %b: memref<16x16xbf16>,
                           %c: memref<16x16xf32>) attributes {llvm.emit_c_interface} {
  %at = bufferization.to_tensor %a restrict : memref<16x16xbf16> to tensor<16x16xbf16>
  %bt = bufferization.to_tensor %b restrict : memref<16x16xbf16> to tensor<16x16xbf16>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %r = stl.matmul #stl.scheme<"strassen-4x4x4"> {encoded_type = bf16}
         ins(%at, %bt : tensor<16x16xbf16>, tensor<16x16xbf16>)
         outs(%z : tensor<16x16xf32>) -> tensor<16x16xf32>
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<16x16xf32>, memref<16x16xf32>) -> ()
  return
}
