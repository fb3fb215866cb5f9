// A bf16 MatMul with an f32 destination passed by the caller (for
// device-memory.test).
func.func @matmul(%a: memref<256x256xbf16>, %b: memref<256x256xbf16>,
                  %c: memref<256x256xf32>) attributes {llvm.emit_c_interface} {
  %at = bufferization.to_tensor %a restrict : memref<256x256xbf16> to tensor<256x256xbf16>
  %bt = bufferization.to_tensor %b restrict : memref<256x256xbf16> to tensor<256x256xbf16>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x256xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<256x256xf32>) -> tensor<256x256xf32>
  %r = linalg.matmul ins(%at, %bt : tensor<256x256xbf16>, tensor<256x256xbf16>)
                     outs(%z : tensor<256x256xf32>) -> tensor<256x256xf32>
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<256x256xf32>, memref<256x256xf32>) -> ()
  return
}
