"""Tests of the numpy reference STL operator (stl_mlir.reference): exact
schemes reproduce X @ W, and every step follows the formulas of STL.md
section 2, checked against an explicit loop implementation."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import reference as R  # noqa: E402
from stl_mlir import scheme as S  # noqa: E402


def relative_error(got, want):
    """max |got - want| / max |want| (STL.md section 7)."""
    return float(np.max(np.abs(got - want)) / np.max(np.abs(want)))


@pytest.mark.parametrize("name, x_shape, w_shape", [
    ("naive-2x3x1", (4, 9), (9, 5)),
    ("strassen-2x2x2", (6, 10), (10, 4)),
    ("winograd-2x2x2", (3, 8, 2), (3, 2, 6)),        # per-batch weights
    ("strassen-4x4x4", (2, 3, 8, 16), (16, 12)),     # shared weights
    ("strassen-2x2x2*naive-1x1x2", (5, 4, 6), (6, 8)),
    ("naive-1x3x1*winograd-2x2x2", (2, 1, 4, 12), (3, 12, 2)),  # broadcast
])
def test_exact_schemes_reproduce_the_matmul(name, x_shape, w_shape):
    rng = np.random.default_rng(sum(map(ord, name)))
    x = rng.standard_normal(x_shape)
    w = rng.standard_normal(w_shape)
    got = R.stl_matmul(x, w, S.lookup(name))
    want = np.matmul(x, w)
    assert got.shape == want.shape and got.dtype == np.float64
    assert relative_error(got, want) < 1e-12


def test_approximate_scheme_changes_the_result():
    approx = S.load(os.path.join(os.path.dirname(__file__), "..", "..",
                                 "test", "Inputs", "schemes",
                                 "approximate-rank6.json"))
    rng = np.random.default_rng(5)
    x, w = rng.standard_normal((4, 6)), rng.standard_normal((6, 8))
    assert relative_error(R.stl_matmul(x, w, approx), x @ w) > 1e-2


def loop_reference(x, w, s):
    """STL.md section 2, one sum at a time."""
    m, k, n = s.tile
    gm, gk, gn = x.shape[0] // m, x.shape[1] // k, w.shape[1] // n
    r = s.rank
    xe = np.zeros((r, gm, gk))
    we = np.zeros((r, gk, gn))
    ce = np.zeros((r, gm, gn))
    c = np.zeros((gm * m, gn * n))
    for rho in range(r):
        for i in range(gm):
            for p in range(gk):
                for a in range(m):
                    for b in range(k):
                        xe[rho, i, p] += (s.lhs[rho, a * k + b]
                                          * x[i * m + a, p * k + b])
        for p in range(gk):
            for j in range(gn):
                for b in range(k):
                    for c_ in range(n):
                        we[rho, p, j] += (s.rhs[rho, b * n + c_]
                                          * w[p * k + b, j * n + c_])
        for i in range(gm):
            for j in range(gn):
                for p in range(gk):
                    ce[rho, i, j] += xe[rho, i, p] * we[rho, p, j]
    for i in range(gm):
        for a in range(m):
            for j in range(gn):
                for c_ in range(n):
                    c[i * m + a, j * n + c_] = sum(
                        s.out[a * n + c_, rho] * ce[rho, i, j]
                        for rho in range(r))
    return xe, we, ce, c


def test_each_step_follows_the_formulas():
    # A random (approximate) scheme on a non-square tile, so that a swapped
    # index or a transposed coefficient matrix shows.
    rng = np.random.default_rng(11)
    s = S.Scheme("random", (2, 3, 2), rng.standard_normal((5, 6)),
                 rng.standard_normal((5, 6)), rng.standard_normal((4, 5)))
    x, w = rng.standard_normal((4, 6)), rng.standard_normal((6, 6))
    xe, we, ce, c = loop_reference(x, w, s)
    np.testing.assert_allclose(R.encode_lhs(x, s), xe, rtol=1e-13,
                               atol=1e-13)
    np.testing.assert_allclose(R.encode_rhs(w, s), we, rtol=1e-13,
                               atol=1e-13)
    np.testing.assert_allclose(R.tile_product(xe, we), ce, rtol=1e-13,
                               atol=1e-13)
    np.testing.assert_allclose(R.decode(ce, s), c, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(R.stl_matmul(x, w, s), c, rtol=1e-12,
                               atol=1e-12)
    assert R.encode_lhs(x, s).shape == (5, 2, 2)
    assert R.encode_rhs(w, s).shape == (5, 2, 3)


def test_batch_dimensions_are_carried_through():
    s = S.lookup("strassen-2x2x2")
    rng = np.random.default_rng(3)
    x = rng.standard_normal((3, 4, 4))
    w = rng.standard_normal((4, 6))
    xe = R.encode_lhs(x, s)
    assert xe.shape == (3, 7, 2, 2)
    for b in range(3):
        np.testing.assert_array_equal(xe[b], R.encode_lhs(x[b], s))
    ce = R.tile_product(xe, R.encode_rhs(w, s))
    assert ce.shape == (3, 7, 2, 3)
    assert R.decode(ce, s).shape == (3, 4, 6)


def test_other_dtypes():
    s = S.lookup("strassen-4x4x4")
    rng = np.random.default_rng(4)
    x, w = rng.standard_normal((8, 8)), rng.standard_normal((8, 8))
    got = R.stl_matmul(x, w, s, dtype=np.float32)
    assert got.dtype == np.float32
    assert relative_error(got.astype(np.float64), x @ w) < 1e-5


def test_shape_errors():
    s = S.lookup("strassen-2x2x2*naive-1x1x2")
    with pytest.raises(ValueError, match=r"the N size 6 of the right operand "
                       r"is not a multiple of the tile's N = 4"):
        R.stl_matmul(np.ones((2, 2)), np.ones((2, 6)), s)
    with pytest.raises(ValueError, match=r"the M size 3 of the left operand"):
        R.encode_lhs(np.ones((3, 2)), s)
    with pytest.raises(ValueError, match=r"do not match for a MatMul"):
        R.stl_matmul(np.ones((2, 4)), np.ones((2, 4)), s)
    with pytest.raises(ValueError, match=r"at least 2 dimensions"):
        R.encode_rhs(np.ones(4), s)
    with pytest.raises(ValueError, match=r"different ranks"):
        R.tile_product(np.ones((7, 1, 1)), np.ones((6, 1, 1)))
    with pytest.raises(ValueError, match=r"must have shape \(\.\.\., 14"):
        R.decode(np.ones((7, 1, 1)), s)
