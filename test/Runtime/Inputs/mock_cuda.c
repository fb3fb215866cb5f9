/* A stand-in for the CUDA driver (libcuda.so.1) for testing the runtime and
 * AOT executables on machines without a GPU. MOCK_CUDA=nodevice: cuInit
 * fails as it does without a GPU. MOCK_CUDA=teardown: like a real driver,
 * cuInit registers an exit handler that shuts the driver down, after which
 * every call fails (cuGetErrorName and cuGetErrorString included).
 * Otherwise every call succeeds, managed and device memory are host memory,
 * and kernels do nothing; at exit it prints what it was asked to do
 * (modules, launches, allocations, frees).
 */
#include <cuda.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long modules, unloads, launches, allocations, frees, streams,
    streamsDestroyed, synchronisations, poolAllocations;
static int shutDown;
/* Tensor maps encoded (cuTensorMapEncodeTiled). */
static long tensorMaps;
/* Whether the runtime raised the default pool's release threshold. */
static int poolPrepared;

static void shutDownDriver(void) { shutDown = 1; }

/* At unload of this library, after the executable's own destructors (which
 * unload its kernel modules). */
__attribute__((destructor)) static void summary(void) {
  if (!modules && !allocations)
    return;
  fprintf(stderr,
          "mock-cuda: %ld modules loaded, %ld unloaded, %ld kernels launched, "
          "%ld allocations, %ld frees, %ld streams created, %ld destroyed, "
          "%ld stream synchronisations, %ld allocations from the memory "
          "pool\n",
          modules, unloads, launches, allocations, frees, streams,
          streamsDestroyed, synchronisations, poolAllocations);
  if (tensorMaps)
    fprintf(stderr, "mock-cuda: %ld tensor maps encoded\n", tensorMaps);
}

CUresult cuInit(unsigned int flags) {
  (void)flags;
  const char *mode = getenv("MOCK_CUDA");
  if (mode && strcmp(mode, "nodevice") == 0)
    return CUDA_ERROR_NO_DEVICE;
  if (mode && strcmp(mode, "teardown") == 0) {
    static int registered;
    if (!registered++)
      atexit(shutDownDriver);
  }
  return CUDA_SUCCESS;
}
CUresult cuGetErrorName(CUresult error, const char **name) {
  if (shutDown)
    return CUDA_ERROR_DEINITIALIZED;
  *name = error == CUDA_ERROR_NO_DEVICE ? "CUDA_ERROR_NO_DEVICE" : "CUDA_ERROR";
  return CUDA_SUCCESS;
}
CUresult cuGetErrorString(CUresult error, const char **text) {
  if (shutDown)
    return CUDA_ERROR_DEINITIALIZED;
  *text = error == CUDA_ERROR_NO_DEVICE ? "no CUDA-capable device is detected"
                                        : "mock error";
  return CUDA_SUCCESS;
}
CUresult cuDeviceGet(CUdevice *device, int ordinal) {
  *device = ordinal;
  return CUDA_SUCCESS;
}
CUresult cuDeviceGetCount(int *count) {
  *count = 1;
  return CUDA_SUCCESS;
}
CUresult cuDeviceGetName(char *name, int size, CUdevice device) {
  (void)device;
  snprintf(name, size, "mock GPU");
  return CUDA_SUCCESS;
}
CUresult cuDevicePrimaryCtxRetain(CUcontext *context, CUdevice device) {
  (void)device;
  *context = (CUcontext)0x1;
  return CUDA_SUCCESS;
}
CUresult cuCtxSetCurrent(CUcontext context) {
  (void)context;
  return shutDown ? CUDA_ERROR_DEINITIALIZED : CUDA_SUCCESS;
}
CUresult cuCtxSynchronize(void) { return CUDA_SUCCESS; }
CUresult cuModuleLoadData(CUmodule *module, const void *image) {
  (void)image;
  ++modules;
  *module = (CUmodule)0x2;
  return CUDA_SUCCESS;
}
CUresult cuModuleLoadDataEx(CUmodule *module, const void *image, unsigned int n,
                            CUjit_option *options, void **values) {
  (void)n, (void)options, (void)values;
  return cuModuleLoadData(module, image);
}
CUresult cuModuleUnload(CUmodule module) {
  (void)module;
  if (shutDown)
    return CUDA_ERROR_DEINITIALIZED;
  ++unloads;
  return CUDA_SUCCESS;
}
CUresult cuModuleGetFunction(CUfunction *function, CUmodule module,
                             const char *name) {
  (void)module, (void)name;
  *function = (CUfunction)0x3;
  return CUDA_SUCCESS;
}
CUresult cuFuncSetAttribute(CUfunction f, CUfunction_attribute a, int v) {
  (void)f, (void)a, (void)v;
  return CUDA_SUCCESS;
}
CUresult cuLaunchKernel(CUfunction f, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned smem,
                        CUstream stream, void **params, void **extra) {
  (void)f, (void)gx, (void)gy, (void)gz, (void)bx, (void)by, (void)bz,
      (void)smem, (void)stream, (void)params, (void)extra;
  ++launches;
  return CUDA_SUCCESS;
}
CUresult cuLaunchKernelEx(const CUlaunchConfig *config, CUfunction f,
                          void **params, void **extra) {
  (void)config, (void)f, (void)params, (void)extra;
  ++launches;
  return CUDA_SUCCESS;
}
CUresult cuStreamCreate(CUstream *stream, unsigned int flags) {
  (void)flags;
  ++streams;
  *stream = (CUstream)0x4;
  return CUDA_SUCCESS;
}
CUresult cuStreamDestroy(CUstream stream) {
  (void)stream;
  ++streamsDestroyed;
  return CUDA_SUCCESS;
}
CUresult cuStreamSynchronize(CUstream stream) {
  (void)stream;
  ++synchronisations;
  return CUDA_SUCCESS;
}
CUresult cuStreamWaitEvent(CUstream s, CUevent e, unsigned int flags) {
  (void)s, (void)e, (void)flags;
  return CUDA_SUCCESS;
}
CUresult cuEventCreate(CUevent *event, unsigned int flags) {
  (void)flags;
  *event = (CUevent)0x5;
  return CUDA_SUCCESS;
}
CUresult cuEventDestroy(CUevent event) {
  (void)event;
  return CUDA_SUCCESS;
}
CUresult cuEventRecord(CUevent event, CUstream stream) {
  (void)event, (void)stream;
  return CUDA_SUCCESS;
}
CUresult cuEventSynchronize(CUevent event) {
  (void)event;
  return CUDA_SUCCESS;
}
/* Every allocation is host memory after a 16-byte header whose first byte
 * says what it stands for: 'M' managed memory, 'D' a stream-ordered device
 * allocation (cuPointerGetAttribute reads it). */
static CUresult allocate(CUdeviceptr *ptr, size_t bytes, char kind) {
  ++allocations;
  char *block = calloc(1, bytes + 16);
  if (!block)
    return CUDA_ERROR_OUT_OF_MEMORY;
  block[0] = kind;
  *ptr = (CUdeviceptr)(block + 16);
  return CUDA_SUCCESS;
}
static void release(CUdeviceptr ptr) {
  ++frees;
  free((char *)ptr - 16);
}
CUresult cuMemAllocManaged(CUdeviceptr *ptr, size_t bytes, unsigned flags) {
  (void)flags;
  return allocate(ptr, bytes, 'M');
}
CUresult cuPointerGetAttribute(void *data, CUpointer_attribute attribute,
                               CUdeviceptr ptr) {
  if (attribute != CU_POINTER_ATTRIBUTE_IS_MANAGED)
    return CUDA_ERROR_NOT_SUPPORTED;
  *(unsigned int *)data = ((const char *)ptr)[-16] == 'M';
  return CUDA_SUCCESS;
}
CUresult cuMemAlloc(CUdeviceptr *ptr, size_t bytes) {
  return cuMemAllocManaged(ptr, bytes, 0);
}
CUresult cuMemFree(CUdeviceptr ptr) {
  release(ptr);
  return CUDA_SUCCESS;
}
CUresult cuMemAllocAsync(CUdeviceptr *ptr, size_t bytes, CUstream stream) {
  (void)stream;
  if (!poolPrepared)
    return CUDA_ERROR_NOT_INITIALIZED;
  ++poolAllocations;
  return allocate(ptr, bytes, 'D');
}
CUresult cuMemFreeAsync(CUdeviceptr ptr, CUstream stream) {
  (void)stream;
  release(ptr);
  return CUDA_SUCCESS;
}
CUresult cuDeviceGetDefaultMemPool(CUmemoryPool *pool, CUdevice device) {
  (void)device;
  *pool = (CUmemoryPool)&poolPrepared;
  return CUDA_SUCCESS;
}
CUresult cuMemPoolSetAttribute(CUmemoryPool pool, CUmemPool_attribute attr,
                               void *value) {
  (void)pool, (void)value;
  poolPrepared = attr == CU_MEMPOOL_ATTR_RELEASE_THRESHOLD;
  return CUDA_SUCCESS;
}
CUresult cuMemcpyAsync(CUdeviceptr dst, CUdeviceptr src, size_t bytes,
                       CUstream stream) {
  (void)stream;
  memcpy((void *)dst, (const void *)src, bytes);
  return CUDA_SUCCESS;
}
CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned int value, size_t n,
                          CUstream stream) {
  (void)stream;
  for (size_t i = 0; i < n; ++i)
    ((unsigned int *)dst)[i] = value;
  return CUDA_SUCCESS;
}
CUresult cuMemsetD16Async(CUdeviceptr dst, unsigned short value, size_t n,
                          CUstream stream) {
  (void)stream;
  for (size_t i = 0; i < n; ++i)
    ((unsigned short *)dst)[i] = value;
  return CUDA_SUCCESS;
}
CUresult cuMemHostRegister(void *p, size_t bytes, unsigned int flags) {
  (void)p, (void)bytes, (void)flags;
  return CUDA_SUCCESS;
}
CUresult cuMemHostUnregister(void *p) {
  (void)p;
  return CUDA_SUCCESS;
}

/* Checks what the driver checks of a tiled tensor map, and fills the map
 * with its arguments. */
CUresult cuTensorMapEncodeTiled(
    CUtensorMap *map, CUtensorMapDataType type, cuuint32_t rank, void *address,
    const cuuint64_t *sizes, const cuuint64_t *strides, const cuuint32_t *box,
    const cuuint32_t *elementStrides, CUtensorMapInterleave interleave,
    CUtensorMapSwizzle swizzle, CUtensorMapL2promotion l2,
    CUtensorMapFloatOOBfill fill) {
  (void)type, (void)elementStrides, (void)interleave, (void)l2, (void)fill;
  if (rank < 1 || rank > 5 || ((uintptr_t)address % 16) != 0)
    return CUDA_ERROR_INVALID_VALUE;
  for (cuuint32_t d = 0; d + 1 < rank; ++d)
    if (strides[d] % 16 != 0)
      return CUDA_ERROR_INVALID_VALUE;
  for (cuuint32_t d = 0; d < rank; ++d)
    if (box[d] < 1 || box[d] > 256 || sizes[d] < 1)
      return CUDA_ERROR_INVALID_VALUE;
  if (swizzle == CU_TENSOR_MAP_SWIZZLE_128B && box[0] * 2 > 128 &&
      type == CU_TENSOR_MAP_DATA_TYPE_UINT16)
    return CUDA_ERROR_INVALID_VALUE;
  ++tensorMaps;
  memset(map, 0, sizeof(*map));
  memcpy(map, &address, sizeof(address));
  return CUDA_SUCCESS;
}
CUresult cuMemcpyHtoD(CUdeviceptr dst, const void *src, size_t bytes) {
  memcpy((void *)dst, src, bytes);
  return CUDA_SUCCESS;
}
