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

#include <array>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

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
// Tensor maps (stl.gpu_tensor_map, --stl-gpu-lower-tensor-maps)
//===----------------------------------------------------------------------===//

namespace {
/// What a tensor map describes: the arguments of stlCudaTensorMap.
using TensorMapKey = std::array<uint64_t, 18>;

struct TensorMapKeyHash {
  size_t operator()(const TensorMapKey &key) const {
    uint64_t hash = 1469598103934665603ull;
    for (uint64_t v : key)
      hash = (hash ^ v) * 1099511628211ull;
    return static_cast<size_t>(hash);
  }
};

/// More distinct maps than this (buffers at ever new addresses) and the
/// cache is emptied, after waiting for every kernel that may use one.
constexpr size_t kMaxTensorMaps = 4096;
} // namespace

/// The device address of a CUDA tensor map (CUtensorMap, 128 bytes) of the
/// tensor at `address` with `elementBytes`-byte elements and `rank` (1 to 5)
/// dimensions, innermost first: sizes, byte strides of dimensions 1 and up,
/// box sizes, and the swizzle of the box's rows in shared memory (0, 32, 64
/// or 128 bytes). Encoded with cuTensorMapEncodeTiled into device memory on
/// the first call with these arguments; later calls return it from a cache
/// (no driver call: this is on the path of every launch). Elements are
/// copied as unsigned integers of their size (the copies convert nothing);
/// boxes reaching past the tensor are filled with zeros. A tensor TMA
/// cannot copy, at an address or with a stride that is not a multiple of 16
/// bytes, has no map: 0 (the kernels check the same and do not use it).
STL_EXPORT uint64_t stlCudaTensorMap(
    uint64_t address, int64_t elementBytes, int64_t rank, int64_t size0,
    int64_t size1, int64_t size2, int64_t size3, int64_t size4, int64_t stride1,
    int64_t stride2, int64_t stride3, int64_t stride4, int64_t box0,
    int64_t box1, int64_t box2, int64_t box3, int64_t box4, int64_t swizzle) {
  static std::mutex mutex;
  static std::unordered_map<TensorMapKey, CUdeviceptr, TensorMapKeyHash> maps;
  TensorMapKey key = {
      address,           uint64_t(elementBytes), uint64_t(rank),
      uint64_t(size0),   uint64_t(size1),        uint64_t(size2),
      uint64_t(size3),   uint64_t(size4),        uint64_t(stride1),
      uint64_t(stride2), uint64_t(stride3),      uint64_t(stride4),
      uint64_t(box0),    uint64_t(box1),         uint64_t(box2),
      uint64_t(box3),    uint64_t(box4),         uint64_t(swizzle)};
  if (address % 16 != 0)
    return 0;
  for (int64_t stride : {stride1, stride2, stride3, stride4})
    if (stride % 16 != 0)
      return 0;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = maps.find(key);
  if (found != maps.end())
    return found->second;

  useContext();
  if (maps.size() >= kMaxTensorMaps) {
    CHECK(cuCtxSynchronize());
    for (auto &entry : maps)
      CHECK(cuMemFree(entry.second));
    maps.clear();
  }
  CUtensorMapDataType type;
  switch (elementBytes) {
  case 1:
    type = CU_TENSOR_MAP_DATA_TYPE_UINT8;
    break;
  case 2:
    type = CU_TENSOR_MAP_DATA_TYPE_UINT16;
    break;
  case 4:
    type = CU_TENSOR_MAP_DATA_TYPE_UINT32;
    break;
  default:
    fail("stlCudaTensorMap (element size)", CUDA_ERROR_INVALID_VALUE);
  }
  CUtensorMapSwizzle swizzleKind;
  switch (swizzle) {
  case 0:
    swizzleKind = CU_TENSOR_MAP_SWIZZLE_NONE;
    break;
  case 32:
    swizzleKind = CU_TENSOR_MAP_SWIZZLE_32B;
    break;
  case 64:
    swizzleKind = CU_TENSOR_MAP_SWIZZLE_64B;
    break;
  case 128:
    swizzleKind = CU_TENSOR_MAP_SWIZZLE_128B;
    break;
  default:
    fail("stlCudaTensorMap (swizzle)", CUDA_ERROR_INVALID_VALUE);
  }
  if (rank < 1 || rank > 5)
    fail("stlCudaTensorMap (rank)", CUDA_ERROR_INVALID_VALUE);
  cuuint64_t sizes[5] = {cuuint64_t(size0), cuuint64_t(size1),
                         cuuint64_t(size2), cuuint64_t(size3),
                         cuuint64_t(size4)};
  cuuint64_t strides[4] = {cuuint64_t(stride1), cuuint64_t(stride2),
                           cuuint64_t(stride3), cuuint64_t(stride4)};
  cuuint32_t box[5] = {cuuint32_t(box0), cuuint32_t(box1), cuuint32_t(box2),
                       cuuint32_t(box3), cuuint32_t(box4)};
  cuuint32_t elementStrides[5] = {1, 1, 1, 1, 1};
  CUtensorMap map;
  CHECK(cuTensorMapEncodeTiled(
      &map, type, static_cast<cuuint32_t>(rank),
      reinterpret_cast<void *>(address), sizes, strides, box, elementStrides,
      CU_TENSOR_MAP_INTERLEAVE_NONE, swizzleKind,
      CU_TENSOR_MAP_L2_PROMOTION_L2_256B, CU_TENSOR_MAP_FLOAT_OOB_FILL_NONE));
  CUdeviceptr device;
  CHECK(cuMemAlloc(&device, sizeof(map)));
  CHECK(cuMemcpyHtoD(device, &map, sizeof(map)));
  maps.emplace(key, device);
  return device;
}

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
