// A MatMul on memrefs (as C code calls compiled MatMuls) whose buffers
// start 8 bytes past a 16-byte boundary, or on one: used with harness.mlir
// (same template parameters; f32 or f64). The GPU path's coarsened
// encodings and decodings (--stl-gpu-coarsen-parallel-loops) check the
// alignment at run time: the first runs their scalar accesses, the second
// their vector ones. Both are checked against the dense reference.

func.func @on_memrefs(%x: memref<32x32x@T@>, %w: memref<32x32x@T@>,
                      %c: memref<32x32x@T@>) {
  %xt = bufferization.to_tensor %x restrict
      : memref<32x32x@T@> to tensor<32x32x@T@>
  %wt = bufferization.to_tensor %w restrict
      : memref<32x32x@T@> to tensor<32x32x@T@>
  %ct = bufferization.to_tensor %c restrict writable
      : memref<32x32x@T@> to tensor<32x32x@T@>
  %r = linalg.matmul ins(%xt, %wt : tensor<32x32x@T@>, tensor<32x32x@T@>)
                     outs(%ct : tensor<32x32x@T@>) -> tensor<32x32x@T@>
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<32x32x@T@>, memref<32x32x@T@>) -> ()
  return
}

// A 32x32 buffer `shift` bytes into a fresh 64-byte aligned allocation,
// holding `value`.
func.func @shifted(%value: tensor<?x?x?x@T@>, %shift: index)
    -> memref<32x32x@T@> {
  %bytes = memref.alloc() {alignment = 64 : i64} : memref<8208xi8>
  %view = memref.view %bytes[%shift][]
      : memref<8208xi8> to memref<32x32x@T@>
  %flat = tensor.collapse_shape %value [[0, 1], [2]]
      : tensor<?x?x?x@T@> into tensor<?x?x@T@>
  %static = tensor.cast %flat : tensor<?x?x@T@> to tensor<32x32x@T@>
  bufferization.materialize_in_destination %static in restrict writable %view
      : (tensor<32x32x@T@>, memref<32x32x@T@>) -> ()
  return %view : memref<32x32x@T@>
}

func.func @run(%shift: index) {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c32 = arith.constant 32 : index
  %x = call @input(%c1, %c32, %c32, %c1)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %w = call @input(%c1, %c32, %c32, %c2)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %c = call @input(%c1, %c32, %c32, %c3)
      : (index, index, index, index) -> tensor<?x?x?x@T@>
  %xm = call @shifted(%x, %shift)
      : (tensor<?x?x?x@T@>, index) -> memref<32x32x@T@>
  %wm = call @shifted(%w, %shift)
      : (tensor<?x?x?x@T@>, index) -> memref<32x32x@T@>
  %cm = call @shifted(%c, %shift)
      : (tensor<?x?x?x@T@>, index) -> memref<32x32x@T@>
  call @on_memrefs(%xm, %wm, %cm)
      : (memref<32x32x@T@>, memref<32x32x@T@>, memref<32x32x@T@>) -> ()
  %got = bufferization.to_tensor %cm restrict
      : memref<32x32x@T@> to tensor<32x32x@T@>
  %got3 = tensor.expand_shape %got [[0, 1], [2]] output_shape [1, 32, 32]
      : tensor<32x32x@T@> into tensor<1x32x32x@T@>
  %gotd = tensor.cast %got3 : tensor<1x32x32x@T@> to tensor<?x?x?x@T@>
  %ref = call @reference(%x, %w, %c)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      -> tensor<?x?x?x@T@>
  call @check(%gotd, %ref) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> ()
  return
}

func.func @main() {
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  vector.print str "8 bytes past 16: "
  call @run(%c8) : (index) -> ()
  vector.print str "16-byte aligned: "
  call @run(%c16) : (index) -> ()
  return
}
