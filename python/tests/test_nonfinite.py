"""The documented policy for non-finite inputs (docs/numerics.md).

A bilinear scheme adds and subtracts elements of a tile in its encode and
decode, so IEEE inf / NaN do not propagate element by element as in a dense
MatMul. What STL guarantees, checked here on programs compiled for the CPU
(stl-aot, called through the C interface like any C caller):

1. the non-finite outputs stay within the tile rows (of A) and tile columns
   (of B) of the non-finite inputs;
2. every output the dense MatMul makes non-finite is non-finite (inf or NaN)
   in STL too: a non-finite value is never turned into a finite one;
3. the other outputs are finite and equal the dense ones (to rounding).

Needs stl-aot from a build (utils/build.sh); skipped without it.
"""

import os
import sys
import tempfile

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import differential  # noqa: E402

BUILD = os.environ.get("STL_BUILD_DIR", os.path.join(
    os.path.dirname(__file__), "..", "..", "build"))
if not os.path.exists(os.path.join(BUILD, "bin", "stl-aot")):
    pytest.skip("no stl-aot in %s" % BUILD, allow_module_level=True)

M = K = N = 16
TILE = 4   # strassen-4x4x4 and the composed winograd^2 both have 4x4x4 tiles

PIPELINES = {
    "dense": ["--stl-cpu-pipeline"],
    # The exact schemes' encodings fused into the packed micro-kernel (the
    # default for f32): the scheme groups contiguous blocks of M/4 rows.
    "strassen-4x4x4": ["--stl-replace-matmul=scheme=strassen-4x4x4",
                       "--stl-cpu-pipeline"],
    "winograd2": ["--stl-replace-matmul=scheme=winograd-2x2x2*winograd-2x2x2",
                  "--stl-cpu-pipeline"],
    # Unfused (encode, tile product, decode): the scheme groups 4x4 tiles.
    "strassen-4x4x4-unfused": ["--stl-replace-matmul=scheme=strassen-4x4x4",
                               "--stl-cpu-pipeline=packing=false"],
}
FUSED = {"strassen-4x4x4": True, "winograd2": True,
         "strassen-4x4x4-unfused": False}


@pytest.fixture(scope="module")
def libraries():
    case = differential.Case(0, "matmul", 1, M, K, N, set(), "f32", "f32")
    work = tempfile.mkdtemp(prefix="stl-nonfinite-")
    source = os.path.join(work, "matmul.mlir")
    with open(source, "w") as f:
        f.write(case.mlir())
    saved = dict(differential.PIPELINES)
    differential.PIPELINES.update(PIPELINES)
    try:
        libs = {name: differential.compile_library(BUILD, work, source, name,
                                                   name)
                for name in PIPELINES}
    finally:
        differential.PIPELINES.clear()
        differential.PIPELINES.update(saved)
    return case, libs


def _call(library, case, a, b, c):
    import ctypes
    result = differential._descriptor_type(2)()
    # Fresh copies: the function may write its result into its init.
    a, b, c = (np.array(x, copy=True) for x in (a, b, c))
    args = [differential._descriptor(x) for x in (a, b, c)]
    fn = getattr(library, "_mlir_ciface_" + case.name)
    fn.restype = None
    fn(ctypes.byref(result), *(ctypes.byref(d) for d in args))
    return differential._read_as_c(result, (M, N), "f32")


@pytest.mark.parametrize("value", [np.inf, -np.inf, np.nan])
@pytest.mark.parametrize("where", ["lhs", "rhs"])
def test_non_finite_inputs_stay_in_their_tiles(libraries, value, where):
    case, libs = libraries
    rng = np.random.default_rng(5)
    a = rng.uniform(-1, 1, (M, K)).astype(np.float32)
    b = rng.uniform(-1, 1, (K, N)).astype(np.float32)
    c = np.zeros((M, N), np.float32)
    i, k, j = 5, 9, 14
    if where == "lhs":
        a[i, k] = value
    else:
        b[k, j] = value
    dense = _call(libs["dense"], case, a, b, c)
    for name, fused in FUSED.items():
        # The rows (columns) the scheme groups with the non-finite input's:
        # its tile row (column), or, fused, the rows congruent modulo M/4.
        reach = np.zeros((M, N), bool)
        if where == "lhs":
            rows = (np.arange(M) % (M // TILE) == i % (M // TILE) if fused
                    else np.arange(M) // TILE == i // TILE)
            reach[rows, :] = True
        else:
            columns = (np.arange(N) % (N // TILE) == j % (N // TILE)
                       if fused else np.arange(N) // TILE == j // TILE)
            reach[:, columns] = True
        stl = _call(libs[name], case, a, b, c)
        bad = ~np.isfinite(stl)
        assert not np.any(bad & ~reach), name            # 1: confined
        assert np.all(bad[~np.isfinite(dense)]), name    # 2: never lost
        ok = ~reach
        np.testing.assert_allclose(stl[ok], dense[ok], rtol=1e-5,
                                   atol=1e-5)            # 3: the rest exact


def test_finite_inputs_give_finite_results(libraries):
    case, libs = libraries
    rng = np.random.default_rng(6)
    # Large but finite: the encodings (sums of a few elements) stay finite
    # in f32.
    a = rng.uniform(-1e30, 1e30, (M, K)).astype(np.float32)
    b = rng.uniform(-1e6, 1e6, (K, N)).astype(np.float32)
    c = np.zeros((M, N), np.float32)
    for name in PIPELINES:
        assert np.all(np.isfinite(_call(libs[name], case, a, b, c))), name
