//===- CUDARuntimeWrappers.cpp - MLIR's GPU host ABI on the CUDA driver ---===//
//
// The host code that MLIR's `--gpu-to-llvm` lowering and the `gpu` dialect's
// LLVM IR translation emit calls `mgpu*` functions (module load, kernel
// launch, streams, events, memory). Debian's MLIR ships no implementation of
// them, so this file provides one on the CUDA driver API, with the
// signatures that MLIR 22 emits (checked by test/Runtime/abi.mlir against
// the declarations in the translated LLVM IR).
//
// Every entry point makes the primary context of the device current first
// (device 0, or the one set with mgpuSetDefaultDevice). Errors are reported
// with the failing call and the CUDA error name, then the process exits:
// compiled code has no way to handle them, and continuing would compute
// garbage.
//
//===----------------------------------------------------------------------===//

#include "stl/Runtime/CUDARuntime.h"

#include <cuda.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#define STL_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

[[noreturn]] void fail(const char *call, CUresult result) {
  const char *name = nullptr, *message = nullptr;
  cuGetErrorName(result, &name);
  cuGetErrorString(result, &message);
  std::fprintf(stderr, "stl-cuda-runtime: %s failed: %s (%s, error %d)\n", call,
               name ? name : "unknown error",
               message ? message : "no description", static_cast<int>(result));
  // _Exit, not exit: the compiled module's global destructors unload its
  // kernels through this runtime, which cannot work after a CUDA failure
  // (and would re-enter the context lock held here).
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(EXIT_FAILURE);
}

#define CHECK(call)                                                            \
  do {                                                                         \
    CUresult result_ = (call);                                                 \
    if (result_ != CUDA_SUCCESS)                                               \
      fail(#call, result_);                                                    \
  } while (false)

int defaultDevice = 0;

/// True once the process exits. The CUDA driver shuts itself down from an
/// exit handler it registers in cuInit, and MLIR's host code unloads its
/// kernel modules from global destructors, which run after every exit
/// handler: by then every call into the driver fails (a real H100 driver
/// answers cuCtxSetCurrent with an error it cannot even name). The handler
/// setting this flag is registered after cuInit, so it runs before the
/// driver's.
std::atomic<bool> exiting{false};

void markExiting() { exiting = true; }

/// The primary context of the default device, retained once.
CUcontext primaryContext() {
  static std::mutex mutex;
  static CUcontext context = nullptr;
  static int contextDevice = -1;
  std::lock_guard<std::mutex> lock(mutex);
  if (context && contextDevice == defaultDevice)
    return context;
  CHECK(cuInit(0));
  CUdevice device;
  CHECK(cuDeviceGet(&device, defaultDevice));
  CHECK(cuDevicePrimaryCtxRetain(&context, device));
  if (contextDevice == -1)
    std::atexit(markExiting);
  contextDevice = defaultDevice;
  return context;
}

/// Makes the primary context current for the calling thread.
void useContext() { CHECK(cuCtxSetCurrent(primaryContext())); }

} // namespace

//===----------------------------------------------------------------------===//
// Modules and kernels
//===----------------------------------------------------------------------===//

STL_EXPORT CUmodule mgpuModuleLoad(void *data, size_t /*size*/) {
  useContext();
  CUmodule module = nullptr;
  CHECK(cuModuleLoadData(&module, data));
  return module;
}

/// Loads PTX text, compiling it for the device at `optLevel`; prints the
/// JIT's error log when it fails.
STL_EXPORT CUmodule mgpuModuleLoadJIT(void *data, int optLevel) {
  useContext();
  CUmodule module = nullptr;
  char log[8192] = {0};
  CUjit_option options[] = {CU_JIT_OPTIMIZATION_LEVEL, CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {reinterpret_cast<void *>(static_cast<intptr_t>(optLevel)),
                    log, reinterpret_cast<void *>(sizeof(log))};
  CUresult result = cuModuleLoadDataEx(&module, data, 3, options, values);
  if (result != CUDA_SUCCESS) {
    std::fprintf(stderr, "stl-cuda-runtime: PTX JIT log:\n%s\n", log);
    fail("cuModuleLoadDataEx", result);
  }
  return module;
}

STL_EXPORT void mgpuModuleUnload(CUmodule module) {
  if (exiting) {
    // From a global destructor: the driver may have released the module
    // with its context already; what is left, it releases itself.
    if (cuCtxSetCurrent(primaryContext()) == CUDA_SUCCESS)
      (void)cuModuleUnload(module);
    return;
  }
  useContext();
  CHECK(cuModuleUnload(module));
}

STL_EXPORT CUfunction mgpuModuleGetFunction(CUmodule module, const char *name) {
  useContext();
  CUfunction function = nullptr;
  CUresult result = cuModuleGetFunction(&function, module, name);
  if (result != CUDA_SUCCESS) {
    std::fprintf(stderr, "stl-cuda-runtime: no kernel named '%s'\n", name);
    fail("cuModuleGetFunction", result);
  }
  return function;
}

/// Allows more than the default 48 KiB of dynamic shared memory when asked.
static void setSharedMemory(CUfunction function, int32_t smem) {
  if (smem <= 48 * 1024)
    return;
  CHECK(cuFuncSetAttribute(
      function, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, smem));
}

STL_EXPORT void mgpuLaunchKernel(CUfunction function, intptr_t gridX,
                                 intptr_t gridY, intptr_t gridZ,
                                 intptr_t blockX, intptr_t blockY,
                                 intptr_t blockZ, int32_t smem, CUstream stream,
                                 void **params, void **extra,
                                 size_t /*paramsCount*/) {
  useContext();
  setSharedMemory(function, smem);
  CHECK(cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                       smem, stream, params, extra));
}

STL_EXPORT void mgpuLaunchClusterKernel(
    CUfunction function, intptr_t clusterX, intptr_t clusterY,
    intptr_t clusterZ, intptr_t gridX, intptr_t gridY, intptr_t gridZ,
    intptr_t blockX, intptr_t blockY, intptr_t blockZ, int32_t smem,
    CUstream stream, void **params, void **extra, size_t /*paramsCount*/) {
  useContext();
  setSharedMemory(function, smem);
  CUlaunchAttribute attributes[1];
  attributes[0].id = CU_LAUNCH_ATTRIBUTE_CLUSTER_DIMENSION;
  attributes[0].value.clusterDim.x = clusterX;
  attributes[0].value.clusterDim.y = clusterY;
  attributes[0].value.clusterDim.z = clusterZ;
  CUlaunchConfig config = {};
  config.gridDimX = gridX;
  config.gridDimY = gridY;
  config.gridDimZ = gridZ;
  config.blockDimX = blockX;
  config.blockDimY = blockY;
  config.blockDimZ = blockZ;
  config.sharedMemBytes = smem;
  config.hStream = stream;
  config.attrs = attributes;
  config.numAttrs = 1;
  CHECK(cuLaunchKernelEx(&config, function, params, extra));
}

//===----------------------------------------------------------------------===//
// Streams and events
//===----------------------------------------------------------------------===//

STL_EXPORT CUstream mgpuStreamCreate() {
  useContext();
  CUstream stream = nullptr;
  CHECK(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING));
  return stream;
}

STL_EXPORT void mgpuStreamDestroy(CUstream stream) {
  useContext();
  CHECK(cuStreamDestroy(stream));
}

STL_EXPORT void mgpuStreamSynchronize(CUstream stream) {
  useContext();
  CHECK(cuStreamSynchronize(stream));
}

STL_EXPORT void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  useContext();
  CHECK(cuStreamWaitEvent(stream, event, /*flags=*/0));
}

STL_EXPORT CUevent mgpuEventCreate() {
  useContext();
  CUevent event = nullptr;
  CHECK(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING));
  return event;
}

STL_EXPORT void mgpuEventDestroy(CUevent event) {
  useContext();
  CHECK(cuEventDestroy(event));
}

STL_EXPORT void mgpuEventSynchronize(CUevent event) {
  useContext();
  CHECK(cuEventSynchronize(event));
}

STL_EXPORT void mgpuEventRecord(CUevent event, CUstream stream) {
  useContext();
  CHECK(cuEventRecord(event, stream));
}

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

namespace {
/// The device's default stream-ordered memory pool, set up once to keep
/// the memory freed into it (release threshold: unlimited) so that the
/// allocations of the next call come from the pool instead of the driver
/// (compiled functions allocate their temporaries on every call, as a
/// caching allocator of an ML runtime would serve them).
void prepareMemoryPool() {
  static std::once_flag once;
  std::call_once(once, [] {
    CUdevice device;
    CHECK(cuDeviceGet(&device, defaultDevice));
    CUmemoryPool pool;
    CHECK(cuDeviceGetDefaultMemPool(&pool, device));
    cuuint64_t threshold = ~cuuint64_t(0);
    CHECK(cuMemPoolSetAttribute(pool, CU_MEMPOOL_ATTR_RELEASE_THRESHOLD,
                                &threshold));
  });
}

bool isManaged(void *ptr) {
  unsigned int managed = 0;
  CHECK(cuPointerGetAttribute(&managed, CU_POINTER_ATTRIBUTE_IS_MANAGED,
                              reinterpret_cast<CUdeviceptr>(ptr)));
  return managed != 0;
}
} // namespace

/// Managed memory (accessible from the host too) when `isHostShared`,
/// allocated synchronously; otherwise device memory from the device's
/// stream-ordered pool, ordered on `stream` (the default stream when null).
STL_EXPORT void *mgpuMemAlloc(uint64_t bytes, CUstream stream,
                              bool isHostShared) {
  useContext();
  if (bytes == 0)
    return nullptr;
  CUdeviceptr ptr = 0;
  if (isHostShared) {
    CHECK(cuMemAllocManaged(&ptr, bytes, CU_MEM_ATTACH_GLOBAL));
  } else {
    prepareMemoryPool();
    CHECK(cuMemAllocAsync(&ptr, bytes, stream));
  }
  return reinterpret_cast<void *>(ptr);
}

/// Frees memory from mgpuMemAlloc: device memory back to its pool, ordered
/// on `stream` after the work queued there; managed memory once that work
/// has finished.
STL_EXPORT void mgpuMemFree(void *ptr, CUstream stream) {
  useContext();
  if (!ptr)
    return;
  if (!isManaged(ptr)) {
    CHECK(cuMemFreeAsync(reinterpret_cast<CUdeviceptr>(ptr), stream));
    return;
  }
  if (stream)
    CHECK(cuStreamSynchronize(stream));
  CHECK(cuMemFree(reinterpret_cast<CUdeviceptr>(ptr)));
}

STL_EXPORT void mgpuMemcpy(void *dst, void *src, size_t bytes,
                           CUstream stream) {
  useContext();
  CHECK(cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                      reinterpret_cast<CUdeviceptr>(src), bytes, stream));
}

STL_EXPORT void mgpuMemset32(void *dst, unsigned int value, size_t count,
                             CUstream stream) {
  useContext();
  CHECK(cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                         stream));
}

STL_EXPORT void mgpuMemset16(void *dst, unsigned short value, size_t count,
                             CUstream stream) {
  useContext();
  CHECK(cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                         stream));
}

/// Page-locks host memory so that kernels can access it.
STL_EXPORT void mgpuMemHostRegister(void *ptr, uint64_t bytes) {
  useContext();
  CHECK(cuMemHostRegister(ptr, bytes, /*flags=*/0));
}

STL_EXPORT void mgpuMemHostUnregister(void *ptr) {
  useContext();
  CHECK(cuMemHostUnregister(ptr));
}

namespace {
/// The leading fields of a ranked memref descriptor (allocated and aligned
/// pointers, offset, then `rank` sizes and `rank` strides).
struct MemRefDescriptorHead {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t sizesAndStrides[1];
};

/// The bytes spanned by a memref of `rank` dimensions, from its first
/// element.
uint64_t spannedBytes(int64_t rank, const MemRefDescriptorHead *descriptor,
                      int64_t elementBytes) {
  const int64_t *sizes = descriptor->sizesAndStrides;
  const int64_t *strides = descriptor->sizesAndStrides + rank;
  int64_t lastElement = 0;
  for (int64_t i = 0; i < rank; ++i) {
    if (sizes[i] == 0)
      return 0;
    lastElement += (sizes[i] - 1) * strides[i];
  }
  return static_cast<uint64_t>(lastElement + 1) * elementBytes;
}
} // namespace

STL_EXPORT void mgpuMemHostRegisterMemRef(int64_t rank,
                                          MemRefDescriptorHead *descriptor,
                                          int64_t elementBytes) {
  uint64_t bytes = spannedBytes(rank, descriptor, elementBytes);
  if (bytes)
    mgpuMemHostRegister(descriptor->aligned + descriptor->offset * elementBytes,
                        bytes);
}

STL_EXPORT void mgpuMemHostUnregisterMemRef(int64_t rank,
                                            MemRefDescriptorHead *descriptor,
                                            int64_t elementBytes) {
  if (spannedBytes(rank, descriptor, elementBytes))
    mgpuMemHostUnregister(descriptor->aligned +
                          descriptor->offset * elementBytes);
}

STL_EXPORT void mgpuSetDefaultDevice(int32_t device) { defaultDevice = device; }

//===----------------------------------------------------------------------===//
// For drivers of compiled code (stl/Runtime/CUDARuntime.h)
//===----------------------------------------------------------------------===//

STL_EXPORT void *stlCudaAllocManaged(size_t bytes) {
  return mgpuMemAlloc(bytes, nullptr, /*isHostShared=*/true);
}

STL_EXPORT void stlCudaFree(void *ptr) { mgpuMemFree(ptr, nullptr); }

STL_EXPORT void stlCudaDeviceSynchronize(void) {
  useContext();
  CHECK(cuCtxSynchronize());
}

STL_EXPORT void stlCudaDeviceName(char *name, size_t size) {
  useContext();
  if (size == 0)
    return;
  CUdevice device;
  CHECK(cuDeviceGet(&device, defaultDevice));
  CHECK(cuDeviceGetName(name, static_cast<int>(size), device));
  name[size - 1] = '\0';
}

STL_EXPORT int stlCudaDeviceCount(void) {
  if (cuInit(0) != CUDA_SUCCESS)
    return 0;
  int count = 0;
  if (cuDeviceGetCount(&count) != CUDA_SUCCESS)
    return 0;
  return count;
}
