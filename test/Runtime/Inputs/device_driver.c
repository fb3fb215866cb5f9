/* Calls a function compiled with --stl-gpu-pipeline=device-memory,
 * matmul(A, B, C) on 2-d bf16 / f32 memrefs of M x K, K x N and M x N
 * (memref descriptors), CALLS times with buffers from the caller, as a
 * framework holding its tensors on the GPU does: against the stand-in
 * driver (mock_cuda.c) the buffers are host memory and no kernel runs.
 *
 *   device-driver M K N CALLS [misaligned]
 *
 * With `misaligned`, A and B start 8 bytes past the allocation (a view at
 * an element offset, as a framework's tensor slice may be): not 16-byte
 * aligned.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  void *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} MemRef2D;

void _mlir_ciface_matmul(MemRef2D *a, MemRef2D *b, MemRef2D *c);

static MemRef2D buffer(int64_t rows, int64_t cols, size_t element,
                       size_t shift) {
  MemRef2D d;
  d.allocated = calloc((size_t)(rows * cols) * element + shift, 1);
  d.aligned = (char *)d.allocated + shift;
  d.offset = 0;
  d.sizes[0] = rows, d.sizes[1] = cols;
  d.strides[0] = cols, d.strides[1] = 1;
  return d;
}

int main(int argc, char **argv) {
  if (argc != 5 && !(argc == 6 && strcmp(argv[5], "misaligned") == 0))
    return 2;
  int64_t m = atoll(argv[1]), k = atoll(argv[2]), n = atoll(argv[3]);
  int calls = atoi(argv[4]);
  size_t shift = argc == 6 ? 8 : 0;
  MemRef2D a = buffer(m, k, 2, shift), b = buffer(k, n, 2, shift),
           c = buffer(m, n, 4, 0);
  for (int i = 0; i < calls; ++i)
    _mlir_ciface_matmul(&a, &b, &c);
  printf("device-driver: %d calls returned\n", calls);
  free(a.allocated), free(b.allocated), free(c.allocated);
  return 0;
}
