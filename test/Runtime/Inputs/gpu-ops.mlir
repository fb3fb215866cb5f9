// Every GPU host operation that MLIR lowers to runtime calls (module load,
// launch, streams, events, allocation, copies, memset, host registration),
// and the project's own: tensor maps (stl.gpu_tensor_map).
module attributes {gpu.container_module} {
  gpu.module @k [#nvvm.target<chip = "sm_90", features = "+ptx80">] {
    gpu.func @kern() kernel {
      gpu.return
    }
  }
  func.func @f(%h: memref<16xf32>, %h2: memref<*xf32>) {
    %c1 = arith.constant 1 : index
    %v = arith.constant 1.0 : f32
    %t0 = gpu.wait async
    %d, %t1 = gpu.alloc async [%t0] () : memref<16xf32>
    %t2 = gpu.memcpy async [%t1] %d, %h : memref<16xf32>, memref<16xf32>
    %t3 = gpu.memset async [%t2] %d, %v : memref<16xf32>, f32
    %t4 = gpu.launch_func async [%t3] @k::@kern blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    %t5 = gpu.dealloc async [%t4] %d : memref<16xf32>
    %t6 = gpu.wait async [%t5]
    %t7 = gpu.wait async
    %t8 = gpu.wait async [%t6, %t7]
    gpu.wait [%t8]
    gpu.host_register %h2 : memref<*xf32>
    gpu.host_unregister %h2 : memref<*xf32>
    %map = stl.gpu_tensor_map %h sizes = [16] strides = [] box = [8] offset = 0 swizzle = 0 : memref<16xf32>
    llvm.inline_asm has_side_effects "", "l" %map : (i64) -> ()
    return
  }
}
