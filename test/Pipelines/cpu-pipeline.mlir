// --stl-cpu-pipeline lowers stl, linalg, tensor, bufferization, arith, vector
// and func all the way to the LLVM dialect (the execution tests under
// Integration/CPU run its output).
// RUN: stl-opt %s --stl-cpu-pipeline | FileCheck %s \
// RUN:   --implicit-check-not=stl. --implicit-check-not=linalg. \
// RUN:   --implicit-check-not=tensor. --implicit-check-not=bufferization. \
// RUN:   --implicit-check-not=memref. --implicit-check-not=scf. \
// RUN:   --implicit-check-not=arith. --implicit-check-not=vector. \
// RUN:   --implicit-check-not=cf. --implicit-check-not=func.func \
// RUN:   --implicit-check-not=unrealized_conversion_cast
// The output translates to LLVM IR.
// RUN: stl-opt %s --stl-cpu-pipeline | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR
// Buffers allocated by bufferization are freed unless deallocate=false.
// RUN: stl-opt %s --stl-cpu-pipeline | FileCheck %s --check-prefix=DEALLOC
// (The packed micro-kernel frees the workspace it allocates itself: without
// packing, nothing is freed.)
// RUN: stl-opt %s --stl-cpu-pipeline="deallocate=false packing=false" | FileCheck %s --check-prefix=NODEALLOC

// CHECK: llvm.func @on_memrefs(
// CHECK: llvm.call @malloc
// CHECK: llvm.func @_mlir_ciface_on_memrefs(
// CHECK: llvm.func @main()
// CHECK: llvm.call @printF32

// LLVMIR: define void @_mlir_ciface_on_memrefs(ptr

// DEALLOC: llvm.call @free
// NODEALLOC-NOT: llvm.call @free

func.func @on_memrefs(%x: memref<8x8xf32>, %w: memref<8x8xf32>,
                      %c: memref<8x8xf32>) attributes {llvm.emit_c_interface} {
  %xt = bufferization.to_tensor %x restrict : memref<8x8xf32> to tensor<8x8xf32>
  %wt = bufferization.to_tensor %w restrict : memref<8x8xf32> to tensor<8x8xf32>
  %ct = bufferization.to_tensor %c restrict writable : memref<8x8xf32> to tensor<8x8xf32>
  %r = stl.matmul #stl.scheme<"strassen-4x4x4">
         ins(%xt, %wt : tensor<8x8xf32>, tensor<8x8xf32>)
         outs(%ct : tensor<8x8xf32>) -> tensor<8x8xf32>
  %relu = linalg.generic {
      indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>],
      iterator_types = ["parallel", "parallel"]} outs(%r : tensor<8x8xf32>) {
  ^bb0(%v: f32):
    %zero = arith.constant 0.0 : f32
    %m = arith.maximumf %v, %zero : f32
    linalg.yield %m : f32
  } -> tensor<8x8xf32>
  bufferization.materialize_in_destination %relu in restrict writable %c
      : (tensor<8x8xf32>, memref<8x8xf32>) -> ()
  return
}

func.func @main() {
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %t = linalg.fill ins(%one : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %s = math.sqrt %one : f32
  vector.print %s : f32
  return
}
