/* Calls the matmul of workspace-matmul.mlir (compiled into a shared library
 * linked with this driver) from several threads at once, many times each,
 * with inputs of each thread's own, and compares every result with a dense
 * double-precision product. The library's temporaries live in one
 * module-owned workspace that one call at a time may hold
 * (--stl-reuse-workspace): the others must allocate their own, and every
 * result must be right whichever a call got.
 *
 * usage: workspace_driver THREADS CALLS
 * Prints one line per thread, "thread I: CALLS calls, max error E: ok" (or
 * "WRONG"), and exits 1 when a result is wrong. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { M = 97, K = 80, N = 72 };

typedef struct {
  float *allocated, *aligned;
  int64_t offset, sizes[2], strides[2];
} MemRef2D;

void _mlir_ciface_matmul(MemRef2D *a, MemRef2D *b, MemRef2D *c);

static MemRef2D view(float *data, int64_t rows, int64_t columns) {
  MemRef2D m = {data, data, 0, {rows, columns}, {columns, 1}};
  return m;
}

typedef struct {
  int index, calls;
  double maxError;
} Job;

static void *run(void *argument) {
  Job *job = argument;
  float *a = malloc(sizeof(float) * M * K), *b = malloc(sizeof(float) * K * N),
        *c = malloc(sizeof(float) * M * N);
  double *reference = malloc(sizeof(double) * M * N);
  unsigned state = 12345u + 7919u * (unsigned)job->index;
  for (int i = 0; i < M * K; ++i) {
    state = state * 1103515245u + 12345u;
    a[i] = (float)((state >> 8) % 2001) / 1000.0f - 1.0f;
  }
  for (int i = 0; i < K * N; ++i) {
    state = state * 1103515245u + 12345u;
    b[i] = (float)((state >> 8) % 2001) / 1000.0f - 1.0f;
  }
  double largest = 0;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double sum = 0;
      for (int p = 0; p < K; ++p)
        sum += (double)a[i * K + p] * (double)b[p * N + j];
      reference[i * N + j] = sum;
      largest = fmax(largest, fabs(sum));
    }
  MemRef2D ma = view(a, M, K), mb = view(b, K, N), mc = view(c, M, N);
  job->maxError = 0;
  for (int call = 0; call < job->calls; ++call) {
    for (int i = 0; i < M * N; ++i)
      c[i] = NAN;
    _mlir_ciface_matmul(&ma, &mb, &mc);
    for (int i = 0; i < M * N; ++i) {
      double error = fabs((double)c[i] - reference[i]) / largest;
      if (!(error <= job->maxError))
        job->maxError = isnan(error) ? INFINITY : error;
    }
  }
  free(a);
  free(b);
  free(c);
  free(reference);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: workspace_driver THREADS CALLS\n");
    return 2;
  }
  int threads = atoi(argv[1]), calls = atoi(argv[2]);
  if (threads < 1 || threads > 64 || calls < 1) {
    fprintf(stderr, "workspace_driver: THREADS in 1..64, CALLS >= 1\n");
    return 2;
  }
  pthread_t ids[64];
  Job jobs[64];
  for (int t = 0; t < threads; ++t) {
    jobs[t].index = t;
    jobs[t].calls = calls;
    pthread_create(&ids[t], NULL, run, &jobs[t]);
  }
  int wrong = 0;
  for (int t = 0; t < threads; ++t) {
    pthread_join(ids[t], NULL);
    int ok = jobs[t].maxError <= 1e-5;
    wrong |= !ok;
    printf("thread %d: %d calls, max error %.2g: %s\n", t, calls,
           jobs[t].maxError, ok ? "ok" : "WRONG");
  }
  return wrong;
}
