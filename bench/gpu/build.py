#!/usr/bin/python3
"""Builds the GPU benchmark bundle: the benchmark's shared libraries, the GPU
execution tests and the one script that runs both on a GPU machine that has
the CUDA driver and PyTorch but no MLIR.

    /usr/bin/python3 bench/gpu/build.py [--out gpu-bundle] [--quick]
    ... carry the bundle to the GPU machine ...
    python3 gpu-bundle/run.py             (or gpu-bundle/run-all.sh)

For every shape (M x K x N, bf16 inputs, bf16 destination, C = A * B as
torch.matmul computes it) and variant (the dense MatMul of the pipeline,
exact strassen-2x2x2 and strassen-4x4x4, the shipped approximate rank-24
4x4x4 scheme, STL with bf16 encodings, `narrow-encodings`: the tensor-core
strategy needs 16-bit operands; and strassen-4x4x4 with f16 encodings; at
4096^3 and 8192^3 also dense, strassen-4x4x4 and rank-24 with the Hopper
kernels, `+wgmma`: chip=sm_90a wgmma; and, with f32 inputs and destination,
dense and strassen-4x4x4 on the tensor cores as TF32, `-tf32`: the
pipeline's tf32, against cuBLAS's TF32) it compiles `func.func @matmul(A,
B, C)` on memrefs with `stl-aot --shared` and `--stl-gpu-pipeline=device-memory
format=bin chip=sm_90 ...`: the caller passes device buffers, temporaries
come from the CUDA runtime's stream-ordered pool, the kernels run on one
stream with one synchronisation at the end of the call. The bundle's
manifest (cases.json) lists the libraries; utils/build-gpu-tests.sh's
bundle goes into tests/.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

SHAPES = [
    (4096, 4096, 4096),
    (8192, 8192, 8192),
    (8192, 4096, 4096),
    (8192, 4096, 11008),
    (8192, 11008, 4096),
]
QUICK_SHAPES = [(4096, 4096, 4096)]

RANK24 = os.path.join(ROOT, "schemes", "rank24-4x4x4.json")
VARIANTS = [
    # name, --stl-replace-matmul options (None: dense), exact
    ("dense", None, True),
    ("strassen-2x2x2", "scheme=strassen-2x2x2 narrow-encodings", True),
    ("strassen-4x4x4", "scheme=strassen-4x4x4 narrow-encodings", True),
    # f16 encodings of the bf16 inputs: the same tensor-core work, three
    # more bits per encoded value (docs/numerics.md).
    ("strassen-4x4x4-f16", "scheme=strassen-4x4x4 encoded-type=f16", True),
    ("rank24-4x4x4", "scheme-file=%s allow-approximate narrow-encodings"
     % RANK24, False),
]

# The same MatMuls with the Hopper kernels (--stl-gpu-pipeline's wgmma, for
# sm_90a), at the two square shapes: measured next to the mma-sync kernels
# in the same run. (name, the variant it is a build of)
WGMMA_VARIANTS = [("dense+wgmma", "dense"),
                  ("strassen-4x4x4+wgmma", "strassen-4x4x4"),
                  ("rank24-4x4x4+wgmma", "rank24-4x4x4")]
WGMMA_SHAPES = [(4096, 4096, 4096), (8192, 8192, 8192)]

# The encodings and decodings with a thread per tile and scalar accesses
# (--stl-gpu-pipeline's coarsen-loops=false), at 8192^3: their kernels
# against the coarsened ones' (several tiles a thread, 16-byte accesses) in
# the kernel breakdown. (name, the variant it is a build of)
UNCOARSENED_VARIANTS = [("strassen-4x4x4-uncoarsened", "strassen-4x4x4"),
                        ("rank24-4x4x4-uncoarsened", "rank24-4x4x4")]
UNCOARSENED_SHAPES = [(8192, 8192, 8192)]

# f32 MatMuls on the tensor cores as TF32 (--stl-gpu-pipeline's tf32; f32
# encodings, rounded to TF32 in the tile product), against cuBLAS with
# TF32 allowed. (name, --stl-replace-matmul options, exact)
TF32_VARIANTS = [("dense-tf32", None, True),
                 ("strassen-4x4x4-tf32", "scheme=strassen-4x4x4", True)]
TF32_SHAPES = [(4096, 4096, 4096), (8192, 8192, 8192)]

MODULE = """
func.func @matmul(%a: memref<{M}x{K}x{T}>, %b: memref<{K}x{N}x{T}>,
                  %c: memref<{M}x{N}x{T}>) attributes {{llvm.emit_c_interface}} {{
  %at = bufferization.to_tensor %a restrict : memref<{M}x{K}x{T}> to tensor<{M}x{K}x{T}>
  %bt = bufferization.to_tensor %b restrict : memref<{K}x{N}x{T}> to tensor<{K}x{N}x{T}>
  %zero = arith.constant 0.0 : {T}
  %e = tensor.empty() : tensor<{M}x{N}x{T}>
  %z = linalg.fill ins(%zero : {T}) outs(%e : tensor<{M}x{N}x{T}>) -> tensor<{M}x{N}x{T}>
  %r = linalg.matmul ins(%at, %bt : tensor<{M}x{K}x{T}>, tensor<{K}x{N}x{T}>)
                     outs(%z : tensor<{M}x{N}x{T}>) -> tensor<{M}x{N}x{T}>
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<{M}x{N}x{T}>, memref<{M}x{N}x{T}>) -> ()
  return
}}
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "gpu-bundle"))
    parser.add_argument("--chip", default="sm_90")
    parser.add_argument("--quick", action="store_true",
                        help="4096^3 only")
    parser.add_argument("--shapes",
                        help="MxKxN,... instead of the benchmark's shapes")
    parser.add_argument("--no-tests", action="store_true",
                        help="without the GPU execution tests")
    parser.add_argument("--build",
                        default=os.environ.get("STL_BUILD_DIR",
                                               os.path.join(ROOT, "build")),
                        help="the build directory whose stl-opt and "
                        "stl-aot compile the bundle (default: "
                        "$STL_BUILD_DIR, or build/)")
    args = parser.parse_args(argv)

    bin_dir = os.path.join(args.build, "bin")
    env = dict(os.environ)
    env["STL_BUILD_DIR"] = args.build
    env["PATH"] = env.get("PATH", "") + ":/usr/local/cuda/bin"
    if not shutil.which("ptxas", path=env["PATH"]):
        print("build: no ptxas (the CUDA toolkit): the bundle holds cubins",
              file=sys.stderr)
        return 1
    features = "+ptx80" if args.chip.startswith("sm_9") else "+ptx70"
    pipeline = ("--stl-gpu-pipeline=chip=%s features=%s format=bin "
                "device-memory" % (args.chip, features))
    lib_dir = os.path.join(args.out, "lib")
    os.makedirs(lib_dir, exist_ok=True)
    cases = []
    shapes = QUICK_SHAPES if args.quick else SHAPES
    if args.shapes:
        shapes = [tuple(int(x) for x in shape.split("x"))
                  for shape in args.shapes.split(",")]
    wgmma_pipeline = ("--stl-gpu-pipeline=chip=sm_90a features=+ptx80 "
                      "format=bin device-memory wgmma")
    builds = []
    for m, k, n in shapes:
        for name, options, exact in VARIANTS:
            builds.append((m, k, n, name, name, options, exact, pipeline,
                           "bf16"))
        if (m, k, n) in UNCOARSENED_SHAPES:
            for name, base in UNCOARSENED_VARIANTS:
                _, options, exact = next(v for v in VARIANTS if v[0] == base)
                builds.append((m, k, n, name, base, options, exact,
                               pipeline + " coarsen-loops=false", "bf16"))
        if args.chip == "sm_90" and (m, k, n) in WGMMA_SHAPES:
            for name, base in WGMMA_VARIANTS:
                _, options, exact = next(v for v in VARIANTS if v[0] == base)
                builds.append((m, k, n, name, base, options, exact,
                               wgmma_pipeline, "bf16"))
        if (m, k, n) in TF32_SHAPES:
            for name, options, exact in TF32_VARIANTS:
                builds.append((m, k, n, name, name, options, exact,
                               pipeline + " tf32", "f32"))
    for m, k, n, name, base, options, exact, case_pipeline, dtype in builds:
        source = MODULE.format(M=m, K=k, N=n, T=dtype)
        library = "%s-%dx%dx%d.so" % (name, m, k, n)
        print("building", library, flush=True)
        opt = [os.path.join(bin_dir, "stl-opt"), "-"]
        if options:
            opt.append("--stl-replace-matmul=" + options)
        rewritten = subprocess.run(opt, input=source, text=True,
                                   capture_output=True, check=True).stdout
        if options and "stl.matmul" not in rewritten:
            print("build: %s: the MatMul was not rewritten" % library,
                  file=sys.stderr)
            return 1
        subprocess.run([os.path.join(bin_dir, "stl-aot"), "--shared", "-",
                        "-o", os.path.join(lib_dir, library), "--",
                        case_pipeline], input=rewritten, text=True,
                       env=env, check=True)
        cases.append({"variant": name, "base": base, "m": m, "k": k,
                      "n": n, "library": "lib/" + library,
                      "exact": exact, "options": options or "",
                      "pipeline": case_pipeline, "dtype": dtype})
    with open(os.path.join(args.out, "cases.json"), "w") as f:
        json.dump({"pipeline": pipeline, "cases": cases}, f, indent=1)
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.copy(os.path.join(here, "run.py"), args.out)
    shutil.copy(os.path.join(here, "run-all.sh"), args.out)
    if not args.no_tests:
        subprocess.run([os.path.join(ROOT, "utils", "build-gpu-tests.sh"),
                        os.path.join(args.out, "tests"), args.chip],
                       env=env, check=True, stdout=subprocess.DEVNULL)
    size = sum(os.path.getsize(os.path.join(d, f))
               for d, _, files in os.walk(args.out) for f in files)
    print("bundle ready: %s (%.1f MiB); on the GPU machine: bash %s/run-all.sh"
          % (args.out, size / 2**20, os.path.relpath(args.out, ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
