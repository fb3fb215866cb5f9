/*===- CUDARuntime.h - The stl-mlir CUDA runtime, C interface -----*- C -*-===*\
|*                                                                            *|
|* The library `stl_cuda_runtime` implements, on the CUDA driver API, the     *|
|* host functions that MLIR's GPU-to-LLVM lowering calls (`mgpuModuleLoad`,   *|
|* `mgpuLaunchKernel`, `mgpuMemAlloc`, ...; they are not declared here: the   *|
|* compiled code declares them). This header adds what a C or C++ driver of   *|
|* compiled code needs: buffers the kernels can access, and synchronisation.  *|
|*                                                                            *|
|* Every function reports a CUDA error on standard error, naming the call,    *|
|* and exits the process with status 1 (there is no result to continue on). *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef STL_RUNTIME_CUDARUNTIME_H
#define STL_RUNTIME_CUDARUNTIME_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Allocates `bytes` of CUDA managed memory, accessible from the host and
/// from kernels (what `--stl-gpu-pipeline` expects of the buffers passed to
/// compiled functions). Returns NULL for 0 bytes.
void *stlCudaAllocManaged(size_t bytes);

/// Frees memory from stlCudaAllocManaged (NULL is ignored).
void stlCudaFree(void *ptr);

/// Waits until every kernel launched on the device has finished.
void stlCudaDeviceSynchronize(void);

/// Writes the name of the device in use (e.g. "NVIDIA H100 80GB HBM3") into
/// `name` (at most `size` bytes, NUL-terminated).
void stlCudaDeviceName(char *name, size_t size);

/// Returns the number of CUDA devices, 0 when there is none or no driver
/// (never exits: this is how drivers and tests check for a GPU).
int stlCudaDeviceCount(void);

#ifdef __cplusplus
}
#endif

#endif /* STL_RUNTIME_CUDARUNTIME_H */
