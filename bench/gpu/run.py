#!/usr/bin/env python3
"""The GPU benchmark: STL and dense MatMuls compiled by stl-mlir against
cuBLAS (torch.matmul), on a GPU machine with PyTorch (built and described
by bench/gpu/build.py; this file is copied into the bundle).

    python3 run.py [--reps 20] [--warmup 3] [--only VARIANT] [--json FILE]

For every library of cases.json, in a process of its own (a CUDA error
loses that row only): fresh random inputs (normal, bf16 or, for the -tf32
cases, f32 with cuBLAS allowed TF32; seeded per shape) on the GPU, one call checked against a float64 reference
computed by torch on the same rounded inputs (relative error max|C - ref| /
max|ref|, next to cuBLAS's on the same inputs: exact schemes must stay
within a factor of cuBLAS's error, the approximate rank-24 is reported
only), then `--reps` timed calls after `--warmup`. Each compiled call
synchronises its own stream before it returns, so both sides are timed the
same way: host wall-clock around the call, the cuBLAS call followed by
torch.cuda.synchronize() (cuBLAS's CUDA-event time is printed too). The
table: median time, TFLOP/s-equivalent (2*M*K*N / time), and cuBLAS's
time / this time ("vs cuBLAS", above 1 is faster), measured in this run.
Then, per variant at 8192^3, the kernels' share of the time (PyTorch's
profiler), and the device-to-device copy bandwidth measured here, against
which the memory-bound encode / decode kernels are judged.
Exits 1 when a check fails.
"""

import argparse
import ctypes
import json
import os
import statistics
import subprocess
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

# Bounds on an exact variant's error, as a factor of cuBLAS's (bf16 inputs
# and output, f32 accumulation); docs/numerics.md gives the measured
# factors of 16-bit encodings.
ERROR_FACTOR = {"dense": 2.0, "strassen-2x2x2": 8.0, "strassen-4x4x4": 16.0,
                "strassen-4x4x4-f16": 4.0,
                # f32 inputs as TF32, against cuBLAS with TF32 allowed (the
                # numpy model of docs/numerics.md: 5.4x for strassen-4x4x4).
                "dense-tf32": 2.0, "strassen-4x4x4-tf32": 10.0}
DTYPES = {"bf16": torch.bfloat16, "f32": torch.float32}


class MemRef2D(ctypes.Structure):
    _fields_ = [("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p),
                ("offset", ctypes.c_int64), ("sizes", ctypes.c_int64 * 2),
                ("strides", ctypes.c_int64 * 2)]


def descriptor(tensor):
    assert tensor.is_contiguous() and tensor.dim() == 2
    d = MemRef2D()
    d.allocated = d.aligned = tensor.data_ptr()
    d.offset = 0
    d.sizes[0], d.sizes[1] = tensor.shape
    d.strides[0], d.strides[1] = tensor.stride()
    return d


def relative_error(got, ref):
    return ((got.double() - ref).abs().max() / ref.abs().max()).item()


def wall_times(call, warmup, reps):
    for _ in range(warmup):
        call()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def event_time(call, warmup, reps):
    for _ in range(warmup):
        call()
    start, end = torch.cuda.Event(True), torch.cuda.Event(True)
    start.record()
    for _ in range(reps):
        call()
    end.record()
    torch.cuda.synchronize()
    return start.elapsed_time(end) / 1e3 / reps


def copy_bandwidth():
    """Device-to-device copy of 2 GiB: bytes read and written per second."""
    x = torch.empty(2**30, dtype=torch.bfloat16, device="cuda")
    y = torch.empty_like(x)
    seconds = event_time(lambda: y.copy_(x), 2, 10)
    return 2 * x.numel() * x.element_size() / seconds


def kernel_breakdown(call):
    """The kernels of one call: (name, microseconds), longest first."""
    from torch.profiler import ProfilerActivity, profile
    call()
    torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        call()
        torch.cuda.synchronize()
    rows = []
    for event in prof.key_averages():
        device_time = getattr(event, "device_time_total",
                              getattr(event, "cuda_time_total", 0))
        if device_time > 0:
            rows.append((event.key, device_time, event.count))
    return sorted(rows, key=lambda r: -r[1])


def measure(case, args):
    """Checks and times one library against cuBLAS on fresh inputs of its
    shape; returns the measurements."""
    m, k, n = case["m"], case["k"], case["n"]
    dtype = DTYPES[case.get("dtype", "bf16")]
    # f32 cases are compiled with tf32: cuBLAS may use TF32 too.
    torch.backends.cuda.matmul.allow_tf32 = dtype == torch.float32
    gen = torch.Generator(device="cuda").manual_seed(m * 7 + k * 3 + n)
    a = torch.randn(m, k, device="cuda", generator=gen).to(dtype)
    b = torch.randn(k, n, device="cuda", generator=gen).to(dtype)
    ref = a.double() @ b.double()
    cublas = lambda: torch.matmul(a, b)
    cublas_error = relative_error(cublas(), ref)
    cublas_wall = statistics.median(
        wall_times(lambda: (cublas(), torch.cuda.synchronize()),
                   args.warmup, args.reps))
    cublas_event = event_time(cublas, args.warmup, args.reps)

    c = torch.empty(m, n, dtype=dtype, device="cuda")
    library = ctypes.CDLL(os.path.join(HERE, case["library"]))
    function = library._mlir_ciface_matmul
    function.restype = None
    da, db, dc = descriptor(a), descriptor(b), descriptor(c)
    call = lambda: function(ctypes.byref(da), ctypes.byref(db),
                            ctypes.byref(dc))
    c.fill_(float("nan"))
    torch.cuda.synchronize()
    call()
    error = relative_error(c, ref)
    if case["exact"]:
        bound = ERROR_FACTOR[case.get("base", case["variant"])] * cublas_error
        check = "PASS" if error <= bound else "FAIL (bound %.2e)" % bound
    else:
        check = "approximate"
    times = wall_times(call, args.warmup, args.reps)
    median = statistics.median(times)
    flops = 2.0 * m * k * n
    result = dict(case, median_s=median, min_s=min(times), max_s=max(times),
                  tflops=flops / median / 1e12, vs_cublas=cublas_wall / median,
                  rel_error=error, cublas_rel_error=cublas_error,
                  cublas_s=cublas_wall, cublas_event_s=cublas_event,
                  cublas_tflops=flops / cublas_wall / 1e12, check=check)
    if (m, k, n) == (8192, 8192, 8192):
        result["kernels"] = kernel_breakdown(call)[:12]
    return result


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only", help="run one variant")
    parser.add_argument("--json", help="write the measurements here")
    parser.add_argument("--case", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    with open(os.path.join(HERE, "cases.json")) as f:
        manifest = json.load(f)
    if args.case is not None:
        # One case in a process of its own: a CUDA error (which makes the
        # runtime exit) loses that case only.
        print(json.dumps(measure(manifest["cases"][args.case], args)))
        return 0

    props = torch.cuda.get_device_properties(0)
    print("gpu: %s, %d SMs; torch %s; pipeline: %s; %s"
          % (props.name, props.multi_processor_count, torch.__version__,
             manifest["pipeline"], time.strftime("%Y-%m-%d")))
    bandwidth = copy_bandwidth()
    print("device-to-device copy: %.0f GB/s (read + written)" % (bandwidth / 1e9))

    results, failures, rows = [], 0, []
    for index, case in enumerate(manifest["cases"]):
        if args.only and case["variant"] != args.only:
            continue
        shape = "%dx%dx%d" % (case["m"], case["k"], case["n"])
        command = [sys.executable, os.path.abspath(__file__), "--case",
                   str(index), "--reps", str(args.reps), "--warmup",
                   str(args.warmup)]
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=120)
            status, output = done.returncode, done.stdout
            problem = done.stderr.strip().splitlines()[-3:]
        except subprocess.TimeoutExpired:
            status, output, problem = "timeout", "", ["ran over 120 s"]
        if status != 0:
            failures += 1
            rows.append("| %s | %s | | | | | | | FAIL (%s: %s) |"
                        % (case["variant"], shape, status, " / ".join(problem)))
            print(rows[-1], flush=True)
            continue
        r = json.loads(output.strip().splitlines()[-1])
        results.append(r)
        failures += r["check"].startswith("FAIL")
        rows.append("| %s | %s | %.3f | %.3f..%.3f | %.0f | %.2fx | %.2e | "
                    "%.3f ms, %.0f TFLOP/s (events %.3f ms), error %.2e | %s |"
                    % (r["variant"], shape, r["median_s"] * 1e3,
                       r["min_s"] * 1e3, r["max_s"] * 1e3, r["tflops"],
                       r["vs_cublas"], r["rel_error"], r["cublas_s"] * 1e3,
                       r["cublas_tflops"], r["cublas_event_s"] * 1e3,
                       r["cublas_rel_error"], r["check"]))
        print(rows[-1], flush=True)

    print()
    print("| variant | M x K x N | median ms | spread ms | TFLOP/s | "
          "vs cuBLAS | rel. error | cuBLAS (same process) | check |")
    print("|" + "---|" * 9)
    for row in rows:
        print(row)
    for result in results:
        if "kernels" not in result:
            continue
        total = sum(r[1] for r in result["kernels"])
        print("\nkernels of %s at 8192^3 (profiler, one call, %.3f ms):"
              % (result["variant"], total / 1e3))
        for name, us, count in result["kernels"]:
            print("  %8.1f us  %4.1f%%  x%d  %s"
                  % (us, 100 * us / total, count, name[:70]))
    if args.json or os.environ.get("OUT"):
        path = args.json or os.path.join(os.environ["OUT"], "gpu-bench.json")
        with open(path, "w") as f:
            json.dump({"gpu": props.name, "copy_bandwidth": bandwidth,
                       "results": results}, f, indent=1)
    print("\ngpu-bench: %d checks failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
