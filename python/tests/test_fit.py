"""Tests of stl_mlir.fit (fitting schemes to the MatMul tensor), its table
generator and the shipped approximate scheme schemes/rank24-4x4x4.json."""

import io
import os
import re
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import fit as fitting  # noqa: E402
from stl_mlir import fit_table  # noqa: E402
from stl_mlir.scheme import Scheme, SchemeError, load, lookup  # noqa: E402
from oracles import matmul_tensor  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SHIPPED = os.path.join(ROOT, "schemes", "rank24-4x4x4.json")
SHIPPED_README = os.path.join(ROOT, "schemes", "README.md")


def error_of(u, v, d, tile):
    t_hat = np.einsum("ri,rj,lr->ijl", u, v, d)
    t = matmul_tensor(*tile)
    return np.linalg.norm(t_hat - t) / np.linalg.norm(t)


def test_matmul_tensor_contracts_to_the_product():
    m, k, n = 2, 3, 4
    t = fitting.matmul_tensor(m, k, n)
    assert t.shape == (m * k, k * n, m * n)
    assert t.sum() == m * k * n
    rng = np.random.default_rng(1)
    x, w = rng.standard_normal((m, k)), rng.standard_normal((k, n))
    c = np.einsum("i,j,ijl->l", x.ravel(), w.ravel(), t)
    np.testing.assert_allclose(c.reshape(m, n), x @ w, rtol=1e-14)
    # T[a*k+b, b'*n+c, a'*n+c'] = [a=a'][b=b'][c=c'], entry by entry.
    assert t[1 * k + 2, 2 * n + 3, 1 * n + 3] == 1.0
    assert t[1 * k + 2, 1 * n + 3, 1 * n + 3] == 0.0
    assert t[0 * k + 2, 2 * n + 3, 1 * n + 3] == 0.0
    np.testing.assert_array_equal(t, matmul_tensor(m, k, n))


# -- exact ranks -------------------------------------------------------------

def test_rank8_2x2x2_is_fitted_exactly():
    result = fitting.fit((2, 2, 2), 8, seed=0)
    assert result.error < 1e-6
    assert result.scheme.brent_residual() < 1e-5
    assert result.scheme.rank == 8 and result.scheme.tile == (2, 2, 2)


def test_rank7_2x2x2_reaches_strassen_from_seed_0():
    # Strassen's rank exists, but ALS does not find it from every start: of
    # seeds 0-9 (default settings), all but 1 and 8 reach an error below
    # 1e-12 (in 220 to 890 sweeps); 1 and 8 stall near a degenerate
    # (border-rank) solution with errors of 4e-3 and 5e-3. Seed 0 is one
    # verified to converge.
    result = fitting.fit((2, 2, 2), 7, seed=0)
    assert result.error < 1e-6
    assert result.scheme.is_exact(1e-5)


def test_restarts_keep_the_best_seed():
    result = fitting.fit((2, 2, 2), 7, seed=0, restarts=3, iterations=300)
    assert len(result.errors) == 3
    assert result.error == pytest.approx(min(result.errors), abs=1e-12)
    assert result.seed in (0, 1, 2)


# -- initialisations ---------------------------------------------------------

@pytest.mark.parametrize("init", fitting.INITIALISATIONS)
def test_every_initialisation_is_improved(init):
    result = fitting.fit((2, 2, 3), 8, init=init, seed=1, iterations=400)
    assert np.isfinite(result.error)
    assert result.error <= result.initial_error + 1e-12
    assert result.error < result.initial_error
    assert result.history[0] == pytest.approx(result.initial_error)
    assert result.init == init
    # The scheme is a valid one, named after its tile and rank.
    assert isinstance(result.scheme, Scheme)
    assert result.scheme.name == "als-2x2x3-r8"
    assert result.scheme.relative_frobenius_error() == pytest.approx(
        result.error, abs=1e-12)


def test_pruned_at_full_rank_is_the_exact_scheme():
    exact = lookup("strassen-4x4x4")
    result = fitting.fit((4, 4, 4), 49, init="pruned", seed=3)
    assert result.error < 1e-12
    assert result.scheme.brent_residual() < 1e-12
    assert result.scheme.has_same_coefficients(exact.with_name(
        result.scheme.name))


def test_pruned_default_exact_scheme():
    assert fitting.default_exact((4, 4, 4), 24).name == "strassen-4x4x4"
    assert fitting.default_exact((4, 4, 4), 50).name == "naive-4x4x4"
    assert fitting.default_exact((4, 4, 4), 70).name == "naive-4x4x4"
    assert fitting.default_exact((3, 3, 3), 20).name == "naive-3x3x3"
    assert fitting.default_exact((2, 2, 2), 7).rank == 7


def test_pruned_drops_products_greedily():
    # Strassen without one product: the best seven-minus-one keeps most of
    # the tensor; the bare greedy step (no refits) is what initial_factors
    # returns with the default arguments.
    a, b, c = fitting.initial_factors((2, 2, 2), 6, "pruned", seed=0,
                                      exact=lookup("strassen-2x2x2"))
    assert a.shape == (4, 6) and b.shape == (4, 6) and c.shape == (4, 6)
    err = error_of(a.T, b.T, c, (2, 2, 2))
    assert 0 < err < 0.75
    # Padding beyond the exact rank: the exact scheme plus small products.
    a, b, c = fitting.initial_factors((2, 2, 2), 9, "pruned", seed=0,
                                      exact=lookup("strassen-2x2x2"))
    assert a.shape == (4, 9)
    assert error_of(a.T, b.T, c, (2, 2, 2)) < 1e-6


@pytest.mark.parametrize("tile", [(2, 2, 2), (1, 2, 3), (2, 3, 1)])
def test_polynomial_is_exact_with_enough_points(tile):
    m, k, n = tile
    e_a, e_b, e_c, deg = fitting.polynomial_exponents(tile)
    assert deg == m * k * n + k - 2
    # The exponent of X[a,b] W[b',c] is e_C(a,c) exactly when b = b'.
    for a in range(m):
        for b in range(k):
            for b2 in range(k):
                for c in range(n):
                    total = e_a[a * k + b] + e_b[b2 * n + c]
                    assert (total in e_c) == (b == b2)
                    if b == b2:
                        assert total == e_c[a * n + c]
    for rank in (deg + 1, deg + 3):
        result = fitting.fit(tile, rank, init="polynomial", iterations=0,
                             perturb=0.0)
        assert result.iterations == 0
        assert result.error < 1e-9
        # U and V are Vandermonde rows at the Chebyshev nodes.
        x = fitting.polynomial_points(rank)
        np.testing.assert_allclose(result.scheme.lhs,
                                   x[:, None] ** e_a[None, :])
        np.testing.assert_allclose(result.scheme.rhs,
                                   x[:, None] ** e_b[None, :])


def test_polynomial_below_the_degree_is_approximate_then_refined():
    # 7 points for a product of degree 8: the Chebyshev nodes give an error
    # of exactly 0.5, a stationary point of ALS; the default perturbation of
    # the nodes lets ALS leave it.
    bare = fitting.fit((2, 2, 2), 7, init="polynomial", iterations=0,
                       perturb=0.0)
    assert bare.error == pytest.approx(0.5)
    result = fitting.fit((2, 2, 2), 7, init="polynomial", seed=0,
                         iterations=500)
    assert 0.1 < result.initial_error < 1.0
    assert result.error < 0.1


# -- determinism and arguments -----------------------------------------------

@pytest.mark.parametrize("init", fitting.INITIALISATIONS)
def test_fit_is_deterministic(init):
    one = fitting.fit((2, 2, 2), 6, init=init, seed=5, iterations=200)
    two = fitting.fit((2, 2, 2), 6, init=init, seed=5, iterations=200)
    assert one.scheme.has_same_coefficients(two.scheme)
    assert one.history == two.history
    other = fitting.fit((2, 2, 2), 6, init=init, seed=6, iterations=200)
    assert not other.scheme.has_same_coefficients(one.scheme)


@pytest.mark.parametrize("kwargs", [
    dict(tile=(2, 2, 2), rank=0),
    dict(tile=(2, 2, 2), rank=-3),
    dict(tile=(2, 2, 2), rank=2.5),
    dict(tile=(2, 2, 2), rank=5000),
    dict(tile=(0, 2, 2), rank=4),
    dict(tile=(2, 2), rank=4),
    dict(tile=(2, 2.5, 2), rank=4),
    dict(tile="2x2x2", rank=4),
    dict(tile=(2, 2, 17), rank=4),
    dict(tile=(2, 2, 2), rank=4, init="magic"),
    dict(tile=(2, 2, 2), rank=4, restarts=0),
    dict(tile=(2, 2, 2), rank=4, iterations=-1),
    dict(tile=(2, 2, 2), rank=4, seed=-1),
    dict(tile=(2, 2, 2), rank=4, tolerance=-1.0),
    dict(tile=(2, 2, 2), rank=4, ridge=float("nan")),
    dict(tile=(2, 2, 2), rank=4, init="pruned",
         exact=lookup("strassen-4x4x4")),
    dict(tile=(2, 2, 2), rank=4, init="pruned", exact="strassen-2x2x2"),
])
def test_bad_arguments_raise(kwargs):
    with pytest.raises(ValueError):  # SchemeError is a ValueError
        fitting.fit(**kwargs)


def test_bad_tile_and_rank_raise_scheme_error():
    with pytest.raises(SchemeError):
        fitting.fit((2, 2, 2), 0)
    with pytest.raises(SchemeError):
        fitting.fit((2, 0, 2), 3)


# -- the table ---------------------------------------------------------------

def test_table_runs_and_formats():
    log = io.StringIO()
    rows = fit_table.run_table((2, 2, 2), ranks=(4, 6), restarts=2,
                               iterations=50, log=log)
    assert len(rows) == 2 * len(fitting.INITIALISATIONS)
    assert all(0 <= row["error"] < 1.0 for row in rows)
    table = fit_table.markdown(rows, (2, 2, 2))
    lines = table.strip().splitlines()
    assert lines[0].startswith("| r | speedup bound | random | pruned |")
    assert len(lines) == 4
    # The trivial bound sqrt(1 - r/8).
    assert lines[2].endswith("| %.4f |" % np.sqrt(1 - 4 / 8))
    assert "r=6" in log.getvalue()
    spread = fit_table.markdown_spread(rows).strip().splitlines()
    assert len(spread) == 4 and spread[0].startswith("| r | random: median")


# -- the shipped scheme ------------------------------------------------------

def stated_error():
    with open(SHIPPED_README, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"relative-frobenius-error:\s*([0-9.eE+-]+)", text)
    assert match, "schemes/README.md states no relative-frobenius-error"
    return float(match.group(1))


def test_shipped_rank24_scheme():
    scheme = load(SHIPPED)
    assert scheme.tile == (4, 4, 4)
    assert scheme.rank == 24
    assert not scheme.is_exact()
    error = scheme.relative_frobenius_error()
    assert abs(error - stated_error()) < 1e-6
    # Better than the approximation of STL.md section 5 and than
    # keeping 24 naive products.
    assert error < 0.75
    assert error < np.sqrt(1 - 24 / 64)
    # Moderate coefficients.
    assert max(np.abs(scheme.lhs).max(), np.abs(scheme.rhs).max(),
               np.abs(scheme.out).max()) < 10
