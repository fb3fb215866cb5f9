// C = A * B, 97x80x72 f32, with the C interface: the matmul of
// workspace-threads.test.
func.func @matmul(%a: memref<97x80xf32>, %b: memref<80x72xf32>,
                  %c: memref<97x72xf32>) attributes {llvm.emit_c_interface} {
  %at = bufferization.to_tensor %a restrict : memref<97x80xf32> to tensor<97x80xf32>
  %bt = bufferization.to_tensor %b restrict : memref<80x72xf32> to tensor<80x72xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<97x72xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<97x72xf32>) -> tensor<97x72xf32>
  %r = linalg.matmul ins(%at, %bt : tensor<97x80xf32>, tensor<80x72xf32>)
                     outs(%z : tensor<97x72xf32>) -> tensor<97x72xf32>
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<97x72xf32>, memref<97x72xf32>) -> ()
  return
}
