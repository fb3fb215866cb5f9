/* Times one MatMul C = A * B (f32, row major, M x K times K x N) done by a
 * dense library (OpenBLAS, BLIS or oneDNN sgemm) or by a function compiled by
 * stl-aot, and checks the result against OpenBLAS.
 *
 *   matmul-bench M K N REPS THREADS openblas|blis|dnnl [LIBRARY]
 *   matmul-bench M K N REPS THREADS mlir LIBRARY.so
 *
 * openblas and blis call cblas_sgemm, dnnl calls dnnl_sgemm ('N', 'N'; row
 * major like the others); LIBRARY is the library to load (default the
 * soname: libopenblas.so.0, libblis.so.4, libdnnl.so.2). LIBRARY.so for
 * mlir defines _mlir_ciface_matmul(A, B, C) on memref descriptors (a
 * func.func @matmul with llvm.emit_c_interface). THREADS is the number of
 * threads of every implementation: the driver sets OMP_NUM_THREADS to it
 * before it loads any library (the compiled code's OpenMP and oneDNN's take
 * it from there) and calls openblas_set_num_threads or
 * bli_thread_set_num_threads. Prints one line:
 *   median_s=<s> min_s=<s> max_s=<s> gflops=<dense FLOPs / median> rel_err=<e>
 * where rel_err = max|C - C_openblas| / max|C_openblas| (0 for openblas).
 *
 * Exit status: 0 when timed; 3 when the library to time cannot be used (it
 * cannot be loaded, lacks its function, or is BLIS's serial flavour and
 * THREADS > 1; the message says which): the caller reports that baseline as
 * skipped; 2 for any other error (OpenBLAS, the reference, missing among
 * them).
 *
 * Libraries: every one is loaded with dlopen(RTLD_LOCAL), none is linked,
 * so that OpenBLAS and BLIS, which both export cblas_sgemm, are never bound
 * to each other's symbols in one process (the driver itself defines none:
 * each library's own calls resolve within that library). The reference is
 * computed after the timed runs, so no idle thread pool of OpenBLAS is
 * around while another implementation is timed. The declarations below are
 * those of OpenBLAS's and BLIS's cblas.h (32-bit integers, the enums' int
 * values) and of oneDNN's dnnl.h; the driver needs none of those headers.
 *
 * Memory: by default the process keeps the memory it frees (glibc's mmap
 * disabled and its trimming off), as the caching allocators of ML runtimes
 * do, so that the compiled code's temporaries are not page-faulted in afresh
 * on every call. MATMUL_BENCH_ALLOCATOR=system keeps glibc's defaults (large
 * blocks mmapped and unmapped on every malloc/free).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { CBLAS_ROW_MAJOR = 101, CBLAS_NO_TRANS = 111 };

typedef void (*CblasSgemmFn)(int order, int transa, int transb, int m, int n,
                             int k, float alpha, const float *a, int lda,
                             const float *b, int ldb, float beta, float *c,
                             int ldc);
typedef int (*DnnlSgemmFn)(char transa, char transb, int64_t m, int64_t n,
                           int64_t k, float alpha, const float *a, int64_t lda,
                           const float *b, int64_t ldb, float beta, float *c,
                           int64_t ldc);
typedef void (*SetThreadsFn)(int);         /* openblas_set_num_threads */
typedef void (*BlisSetThreadsFn)(int64_t); /* bli_thread_set_num_threads */
typedef int64_t (*BlisInfoFn)(void);       /* bli_info_get_enable_* */

typedef struct {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} Memref2D;

typedef void (*MatmulFn)(Memref2D *, Memref2D *, Memref2D *);

enum { EXIT_ERROR = 2, EXIT_SKIPPED = 3 };

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
    exit(EXIT_ERROR);
  }
  return p;
}

static Memref2D view(float *p, int64_t rows, int64_t cols) {
  Memref2D m = {p, p, 0, {rows, cols}, {cols, 1}};
  return m;
}

/* dlopen(path) and dlsym(symbol) or exit with `status`. */
static void *load(const char *path, const char *symbol, int status) {
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "matmul-bench: %s\n", dlerror());
    exit(status);
  }
  void *sym = dlsym(lib, symbol);
  if (!sym) {
    fprintf(stderr, "matmul-bench: %s defines no %s\n", path, symbol);
    exit(status);
  }
  return sym;
}

/* Loads OpenBLAS's cblas_sgemm from `path` with `threads` threads. */
static CblasSgemmFn loadOpenblas(const char *path, int threads, int status) {
  CblasSgemmFn fn = (CblasSgemmFn)load(path, "cblas_sgemm", status);
  ((SetThreadsFn)load(path, "openblas_set_num_threads", status))(threads);
  return fn;
}

int main(int argc, char **argv) {
  if (argc < 7 || (strcmp(argv[6], "mlir") == 0 && argc < 8)) {
    fprintf(stderr, "usage: matmul-bench M K N REPS THREADS "
                    "openblas|blis|dnnl|mlir [LIBRARY]\n");
    return EXIT_ERROR;
  }
  int64_t m = atoll(argv[1]), k = atoll(argv[2]), n = atoll(argv[3]);
  int reps = atoi(argv[4]), threads = atoi(argv[5]);
  const char *impl = argv[6], *path = argc > 7 ? argv[7] : NULL;
  if (m <= 0 || k <= 0 || n <= 0 || reps <= 0 || threads <= 0) {
    fprintf(stderr, "matmul-bench: sizes, repetitions and threads must be "
                    "positive\n");
    return EXIT_ERROR;
  }
  if (m > INT32_MAX || k > INT32_MAX || n > INT32_MAX) {
    fprintf(stderr, "matmul-bench: sizes must fit CBLAS's 32-bit integers\n");
    return EXIT_ERROR;
  }

  const char *allocator = getenv("MATMUL_BENCH_ALLOCATOR");
  if (!allocator || strcmp(allocator, "system") != 0) {
    if (allocator && strcmp(allocator, "cache") != 0) {
      fprintf(stderr, "matmul-bench: MATMUL_BENCH_ALLOCATOR must be 'cache' "
                      "or 'system'\n");
      return EXIT_ERROR;
    }
    if (!mallopt(M_MMAP_MAX, 0) || !mallopt(M_TRIM_THRESHOLD, INT32_MAX)) {
      fprintf(stderr, "matmul-bench: mallopt failed\n");
      return EXIT_ERROR;
    }
  }

  char threadsText[16];
  snprintf(threadsText, sizeof threadsText, "%d", threads);
  if (setenv("OMP_NUM_THREADS", threadsText, 1) != 0) {
    fprintf(stderr, "matmul-bench: setenv failed\n");
    return EXIT_ERROR;
  }

  const char *reference = "libopenblas.so.0";
  CblasSgemmFn cblas = NULL;
  DnnlSgemmFn dnnl = NULL;
  MatmulFn mlir = NULL;
  if (strcmp(impl, "openblas") == 0) {
    if (path)
      reference = path;
    cblas = loadOpenblas(reference, threads, EXIT_SKIPPED);
  } else if (strcmp(impl, "blis") == 0) {
    path = path ? path : "libblis.so.4";
    cblas = (CblasSgemmFn)load(path, "cblas_sgemm", EXIT_SKIPPED);
    BlisInfoFn openmp =
        (BlisInfoFn)load(path, "bli_info_get_enable_openmp", EXIT_SKIPPED);
    BlisInfoFn pthreads =
        (BlisInfoFn)load(path, "bli_info_get_enable_pthreads", EXIT_SKIPPED);
    if (threads > 1 && !openmp() && !pthreads()) {
      fprintf(stderr, "matmul-bench: %s is BLIS's serial flavour\n", path);
      return EXIT_SKIPPED;
    }
    BlisSetThreadsFn setThreads = (BlisSetThreadsFn)load(
        path, "bli_thread_set_num_threads", EXIT_SKIPPED);
    setThreads(threads);
  } else if (strcmp(impl, "dnnl") == 0) {
    path = path ? path : "libdnnl.so.2";
    dnnl = (DnnlSgemmFn)load(path, "dnnl_sgemm", EXIT_SKIPPED);
  } else if (strcmp(impl, "mlir") == 0) {
    mlir = (MatmulFn)load(path, "_mlir_ciface_matmul", EXIT_ERROR);
  } else {
    fprintf(stderr, "matmul-bench: unknown implementation '%s'\n", impl);
    return EXIT_ERROR;
  }

  float *a = alloc(m * k), *b = alloc(k * n), *c = alloc(m * n),
        *ref = alloc(m * n);
  srand(1);
  for (int64_t i = 0; i < m * k; ++i)
    a[i] = (float)rand() / RAND_MAX * 2 - 1;
  for (int64_t i = 0; i < k * n; ++i)
    b[i] = (float)rand() / RAND_MAX * 2 - 1;

  Memref2D ma = view(a, m, k), mb = view(b, k, n), mc = view(c, m, n);
  double *times = malloc(sizeof(double) * reps);
  for (int r = -1; r < reps; ++r) { /* r = -1: warm-up */
    memset(c, 0, sizeof(float) * m * n);
    double start = now();
    if (mlir) {
      mlir(&ma, &mb, &mc);
    } else if (dnnl) {
      int status = dnnl('N', 'N', m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
      if (status != 0) {
        fprintf(stderr, "matmul-bench: dnnl_sgemm failed (status %d)\n",
                status);
        return EXIT_ERROR;
      }
    } else {
      cblas(CBLAS_ROW_MAJOR, CBLAS_NO_TRANS, CBLAS_NO_TRANS, m, n, k, 1.0f, a,
            k, b, n, 0.0f, c, n);
    }
    double t = now() - start;
    if (r >= 0)
      times[r] = t;
  }
  qsort(times, reps, sizeof(double), compare);
  double median = reps % 2 ? times[reps / 2]
                           : 0.5 * (times[reps / 2 - 1] + times[reps / 2]);

  /* The reference, after the timed runs (OpenBLAS already loaded when it is
   * the one timed: then the same library computes both). */
  CblasSgemmFn openblas = loadOpenblas(reference, threads, EXIT_ERROR);
  openblas(CBLAS_ROW_MAJOR, CBLAS_NO_TRANS, CBLAS_NO_TRANS, m, n, k, 1.0f, a, k,
           b, n, 0.0f, ref, n);

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
