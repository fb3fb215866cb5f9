"""Approximate schemes compiled for the CPU compute the STL operator of the
contract (STL.md section 2: tiles of contiguous elements), fused into the
packed micro-kernel or not.

An approximate scheme's result depends on which elements share a tile, so
the fused path (--stl-cpu-fuse-encodings) spreads each operand's tiles over
blocks before the packed kernel and gathers the product back into tiles;
schemes with dense coefficients keep the unfused encodings. Both are
checked against the numpy reference operator (stl_mlir.reference, f64) on
random inputs, called through the C interface as a C caller calls them,
within 1e-5 of the largest element (1e-4 for rank-24, whose dense
coefficients cancel), serial and on two OpenMP threads: MatMuls with a random init
(init + A*B), a batched one with weights shared by the batches, and one
into a zero fill (the product written over it).

Needs stl-aot from a build (utils/build.sh); skipped without it.
"""

import ctypes
import os

# Two threads for the libraries compiled with parallel=true (read by libomp
# when it starts, at the first parallel region).
os.environ.setdefault("OMP_NUM_THREADS", "2")
import subprocess
import sys
import tempfile

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import differential, reference, scheme  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
BUILD = os.environ.get("STL_BUILD_DIR", os.path.join(ROOT, "build"))
if not os.path.exists(os.path.join(BUILD, "bin", "stl-aot")):
    pytest.skip("no stl-aot in %s" % BUILD, allow_module_level=True)

# Strassen without its last product: sparse, approximate (fused); the
# rank-24 4x4x4 scheme: dense coefficients (unfused).
# The bounds on the relative error against the f64 reference: f32 rounding,
# and for rank-24 its dense coefficients (16 terms per encoding, 24 per
# decoding, with cancellation: 1.7e-5 measured in f32).
BOUNDS = {"strassen-minus-one": 1e-5, "rank24": 1e-4}
SCHEMES = {
    "strassen-minus-one": os.path.join(ROOT, "test", "Inputs", "schemes",
                                       "approximate-rank6.json"),
    "rank24": os.path.join(ROOT, "schemes", "rank24-4x4x4.json"),
}
CASES = [differential.Case(0, "matmul", 1, 40, 72, 48, set(), "f32", "f32"),
         differential.Case(1, "shared_weights", 3, 24, 64, 40, set(), "f32",
                           "f32"),
         differential.Case(2, "batch_matmul", 2, 32, 80, 24, set(), "f64",
                           "f64"),
         # Large enough (65536 elements and more) for the unfused lowering's
         # fills and permutations to be shared among threads with parallel.
         differential.Case(3, "matmul", 1, 256, 256, 256, set(), "f32",
                           "f32")]
ZERO_INIT = """
func.func @zero_init(%a: tensor<48x64xf32>, %b: tensor<64x56xf32>)
    -> tensor<48x56xf32> attributes {llvm.emit_c_interface} {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<48x56xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<48x56xf32>)
      -> tensor<48x56xf32>
  %r = linalg.matmul ins(%a, %b : tensor<48x64xf32>, tensor<64x56xf32>)
                     outs(%z : tensor<48x56xf32>) -> tensor<48x56xf32>
  return %r : tensor<48x56xf32>
}
"""
# Pipelines: the default (fused where the scheme allows), unfused, and on
# two OpenMP threads (every stage, the unfused one's elementwise ops too).
PIPELINES = {"default": "--stl-cpu-pipeline",
             "unfused": "--stl-cpu-pipeline=fuse-encodings=false",
             "parallel": "--stl-cpu-pipeline=parallel=true"}


def _stl_opt(*args, **kwargs):
    return subprocess.run([os.path.join(BUILD, "bin", "stl-opt")] +
                          list(args), check=True, capture_output=True,
                          text=True, **kwargs)


@pytest.fixture(scope="module")
def libraries():
    work = tempfile.mkdtemp(prefix="stl-approximate-")
    source = os.path.join(work, "cases.mlir")
    with open(source, "w") as f:
        f.write("\n".join(case.mlir() for case in CASES) + ZERO_INIT)
    libs, remarks = {}, {}
    for name, path in SCHEMES.items():
        rewritten = os.path.join(work, name + ".mlir")
        _stl_opt(source, "--stl-replace-matmul=scheme-file=%s "
                 "allow-approximate" % path, "-o", rewritten)
        remarks[name] = _stl_opt(rewritten,
                                 "--stl-cpu-fuse-encodings=report",
                                 "-o", os.devnull).stderr
        for pipeline, option in PIPELINES.items():
            library = os.path.join(work, "%s-%s.so" % (name, pipeline))
            subprocess.run([os.path.join(BUILD, "bin", "stl-aot"), "--cpu",
                            "--shared", rewritten, "-o", library, "--",
                            option], check=True)
            libs[name, pipeline] = ctypes.CDLL(library)
    return libs, remarks


def test_sparse_schemes_are_fused_and_dense_ones_not(libraries):
    _, remarks = libraries
    assert remarks["strassen-minus-one"].count(
        "fused into the packed micro-kernel") == len(CASES) + 1
    assert remarks["rank24"].count("its coefficients are dense") == \
        len(CASES) + 1


def _call(library, name, args, out_shape, elt):
    result = differential._descriptor_type(len(out_shape))()
    descriptors = [differential._descriptor(x) for x in args]
    fn = getattr(library, "_mlir_ciface_" + name)
    fn.restype = None
    fn(ctypes.byref(result), *(ctypes.byref(d) for d in descriptors))
    return differential._read_as_c(result, out_shape, elt)


def _check(got, expected, bound):
    scale = np.max(np.abs(expected))
    error = np.max(np.abs(got - expected)) / scale
    assert error <= bound, "relative error %g" % error


@pytest.mark.parametrize("pipeline", sorted(PIPELINES))
@pytest.mark.parametrize("name", sorted(SCHEMES))
@pytest.mark.parametrize("index", range(len(CASES)))
def test_cases_compute_the_reference_operator(libraries, name, pipeline,
                                              index):
    libs, _ = libraries
    case = CASES[index]
    dtype = np.float32 if case.in_type == "f32" else np.float64
    rng = np.random.default_rng(11 + index)
    shape = lambda dims: tuple(s for _, s in dims)
    lhs, rhs, out = case.shapes()
    a, b, c = (rng.uniform(-1, 1, shape(d)).astype(dtype)
               for d in (lhs, rhs, out))
    expected = c.astype(np.float64) + reference.stl_matmul(
        a.astype(np.float64), b.astype(np.float64),
        scheme.load(SCHEMES[name]))
    # Fresh copies: the function may write its result into its init.
    got = _call(libs[name, pipeline], case.name,
                [np.array(x, copy=True) for x in (a, b, c)], shape(out),
                case.out_type)
    _check(got, expected, BOUNDS[name])
    # The exact product is far from it: the scheme really was applied.
    dense = c.astype(np.float64) + np.matmul(a.astype(np.float64),
                                              b.astype(np.float64))
    assert np.max(np.abs(got - dense)) > 1e-2 * np.max(np.abs(dense))


@pytest.mark.parametrize("pipeline", sorted(PIPELINES))
@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_zero_init_computes_the_reference_operator(libraries, name,
                                                   pipeline):
    libs, _ = libraries
    rng = np.random.default_rng(3)
    a = rng.uniform(-1, 1, (48, 64)).astype(np.float32)
    b = rng.uniform(-1, 1, (64, 56)).astype(np.float32)
    got = _call(libs[name, pipeline], "zero_init", [a, b], (48, 56), "f32")
    _check(got, reference.stl_matmul(a.astype(np.float64),
                                     b.astype(np.float64),
                                     scheme.load(SCHEMES[name])),
           BOUNDS[name])
