// The CUDA runtime defines every function that MLIR 22's GPU host lowering
// (--gpu-to-llvm, then the LLVM IR translation of gpu.binary and
// gpu.launch_func) calls, for the kernel binary formats of the pipeline:
// cubin (mgpuModuleLoad) and PTX (mgpuModuleLoadJIT), and the tensor maps
// that --stl-gpu-lower-tensor-maps makes calls for (stlCudaTensorMap).
// REQUIRES: cuda-runtime

// RUN: stl-opt %S/Inputs/gpu-ops.mlir --stl-gpu-lower-tensor-maps --convert-gpu-to-nvvm --gpu-to-llvm \
// RUN:   --reconcile-unrealized-casts --gpu-module-to-binary=format=llvm \
// RUN:   | mlir-translate --mlir-to-llvmir -o %t.bin.ll
// RUN: %stl_python %S/Inputs/check_abi.py %t.bin.ll \
// RUN:   %stl_lib_dir/libstl_cuda_runtime.a | FileCheck %s --check-prefix=BIN
// RUN: stl-opt %S/Inputs/gpu-ops.mlir --stl-gpu-lower-tensor-maps --convert-gpu-to-nvvm --gpu-to-llvm \
// RUN:   --reconcile-unrealized-casts --gpu-module-to-binary=format=isa \
// RUN:   | mlir-translate --mlir-to-llvmir -o %t.isa.ll
// RUN: %stl_python %S/Inputs/check_abi.py %t.isa.ll \
// RUN:   %stl_lib_dir/libstl_cuda_runtime.a | FileCheck %s --check-prefix=ISA

// BIN: mgpuEventCreate defined
// BIN: mgpuLaunchKernel defined
// BIN: mgpuMemAlloc defined
// BIN: mgpuMemFree defined
// BIN: mgpuMemHostRegisterMemRef defined
// BIN: mgpuMemcpy defined
// BIN: mgpuMemset32 defined
// BIN: mgpuModuleLoad defined
// BIN: mgpuStreamCreate defined
// BIN: mgpuStreamWaitEvent defined
// BIN: stlCudaTensorMap defined
// BIN: [[N:[0-9]+]] of [[N]] runtime functions defined

// ISA: mgpuModuleLoadJIT defined
// ISA: [[N:[0-9]+]] of [[N]] runtime functions defined
