/* Times one MatMul C = A * B (f32, row major, M x K times K x N) done by
 * OpenBLAS sgemm or by a function compiled by stl-aot, and checks the result
 * against OpenBLAS.
 *
 *   matmul-bench M K N REPS THREADS openblas
 *   matmul-bench M K N REPS THREADS mlir LIBRARY.so
 *
 * LIBRARY.so defines _mlir_ciface_matmul(A, B, C) on memref descriptors
 * (a func.func @matmul with llvm.emit_c_interface). THREADS sets OpenBLAS's
 * threads (the compiled code's own threading is its own). Prints one line:
 *   median_s=<s> min_s=<s> max_s=<s> gflops=<dense FLOPs / median> rel_err=<e>
 * where rel_err = max|C - C_openblas| / max|C_openblas| (0 for openblas).
 *
 * Memory: by default the process keeps the memory it frees (glibc's mmap
 * disabled and its trimming off), as the caching allocators of ML runtimes
 * do, so that the compiled code's temporaries are not page-faulted in afresh
 * on every call. MATMUL_BENCH_ALLOCATOR=system keeps glibc's defaults (large
 * blocks mmapped and unmapped on every malloc/free).
 */
#define _GNU_SOURCE
#include <cblas.h>
#include <dlfcn.h>
#include <malloc.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void openblas_set_num_threads(int);

typedef struct {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} Memref2D;

typedef void (*MatmulFn)(Memref2D *, Memref2D *, Memref2D *);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static float *alloc(size_t n) {
  float *p = aligned_alloc(64, ((n * sizeof(float) + 63) / 64) * 64);
  if (!p) {
    fprintf(stderr, "matmul-bench: out of memory\n");
    exit(2);
  }
  return p;
}

static Memref2D view(float *p, int64_t rows, int64_t cols) {
  Memref2D m = {p, p, 0, {rows, cols}, {cols, 1}};
  return m;
}

int main(int argc, char **argv) {
  if (argc < 7 || (strcmp(argv[6], "mlir") == 0 && argc < 8)) {
    fprintf(stderr, "usage: matmul-bench M K N REPS THREADS openblas|mlir "
                    "[LIBRARY.so]\n");
    return 2;
  }
  int64_t m = atoll(argv[1]), k = atoll(argv[2]), n = atoll(argv[3]);
  int reps = atoi(argv[4]), threads = atoi(argv[5]);
  int useMlir = strcmp(argv[6], "mlir") == 0;
  if (m <= 0 || k <= 0 || n <= 0 || reps <= 0 || threads <= 0) {
    fprintf(stderr, "matmul-bench: sizes, repetitions and threads must be "
                    "positive\n");
    return 2;
  }
  openblas_set_num_threads(threads);

  const char *allocator = getenv("MATMUL_BENCH_ALLOCATOR");
  if (!allocator || strcmp(allocator, "system") != 0) {
    if (allocator && strcmp(allocator, "cache") != 0) {
      fprintf(stderr, "matmul-bench: MATMUL_BENCH_ALLOCATOR must be 'cache' "
                      "or 'system'\n");
      return 2;
    }
    if (!mallopt(M_MMAP_MAX, 0) || !mallopt(M_TRIM_THRESHOLD, INT32_MAX)) {
      fprintf(stderr, "matmul-bench: mallopt failed\n");
      return 2;
    }
  }

  MatmulFn fn = NULL;
  if (useMlir) {
    void *lib = dlopen(argv[7], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      fprintf(stderr, "matmul-bench: %s\n", dlerror());
      return 2;
    }
    fn = (MatmulFn)dlsym(lib, "_mlir_ciface_matmul");
    if (!fn) {
      fprintf(stderr, "matmul-bench: %s defines no _mlir_ciface_matmul\n",
              argv[7]);
      return 2;
    }
  }

  float *a = alloc(m * k), *b = alloc(k * n), *c = alloc(m * n),
        *ref = alloc(m * n);
  srand(1);
  for (int64_t i = 0; i < m * k; ++i)
    a[i] = (float)rand() / RAND_MAX * 2 - 1;
  for (int64_t i = 0; i < k * n; ++i)
    b[i] = (float)rand() / RAND_MAX * 2 - 1;
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b,
              n, 0.0f, ref, n);

  Memref2D ma = view(a, m, k), mb = view(b, k, n), mc = view(c, m, n);
  double *times = malloc(sizeof(double) * reps);
  for (int r = -1; r < reps; ++r) { /* r = -1: warm-up */
    memset(c, 0, sizeof(float) * m * n);
    double start = now();
    if (useMlir)
      fn(&ma, &mb, &mc);
    else
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a,
                  k, b, n, 0.0f, c, n);
    double t = now() - start;
    if (r >= 0)
      times[r] = t;
  }
  qsort(times, reps, sizeof(double), compare);
  double median = reps % 2 ? times[reps / 2]
                           : 0.5 * (times[reps / 2 - 1] + times[reps / 2]);

  double err = 0, scale = 0;
  for (int64_t i = 0; i < m * n; ++i) {
    double d = fabs((double)c[i] - ref[i]);
    if (!(d <= err))
      err = d; /* also takes NaN */
    if (fabs(ref[i]) > scale)
      scale = fabs(ref[i]);
  }
  printf("median_s=%.6g min_s=%.6g max_s=%.6g gflops=%.4g rel_err=%.3g\n",
         median, times[0], times[reps - 1], 2.0 * m * k * n / median / 1e9,
         err / scale);
  return 0;
}
