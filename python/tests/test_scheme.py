"""Tests of the scheme library from Python (stl_mlir.scheme, the C++ library
through libSTLCAPI.so) against the contract of STL.md: every expected value
is computed independently here (by hand, from the formulas, or with numpy
loops), never by the code under test."""

import copy
import gc
import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import scheme as S  # noqa: E402
from stl_mlir.scheme import Scheme, SchemeError  # noqa: E402
from oracles import matmul_tensor, random_scheme  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
INPUTS = os.path.join(ROOT, "test", "Inputs", "schemes")
STL_OPT = os.path.join(ROOT, "build", "bin", "stl-opt")


def trilinear_form(s):
    """The scheme's tensor T_hat[i, j, l] = sum_rho U[rho, i] V[rho, j]
    D[l, rho], dense (small tiles only)."""
    return np.einsum("ri,rj,lr->ijl", s.lhs, s.rhs, s.out)


def oracle_errors(s):
    """(Brent residual, relative Frobenius error) from the dense tensors."""
    diff = trilinear_form(s) - matmul_tensor(*s.tile)
    return (float(np.max(np.abs(diff))),
            float(np.linalg.norm(diff) / math.sqrt(s.volume)))


def product_of_random_tiles(s, seed=0):
    """Applies the scheme to one random tile pair with loops over the
    definition of the bilinear form (STL.md section 2) and returns the
    largest error against the tile product."""
    rng = np.random.default_rng(seed)
    m, k, n = s.tile
    x, w = rng.standard_normal((m, k)), rng.standard_normal((k, n))
    c = np.zeros((m, n))
    for rho in range(s.rank):
        xe = sum(s.lhs[rho, a * k + b] * x[a, b]
                 for a in range(m) for b in range(k))
        we = sum(s.rhs[rho, b * n + c_] * w[b, c_]
                 for b in range(k) for c_ in range(n))
        for a in range(m):
            for c_ in range(n):
                c[a, c_] += s.out[a * n + c_, rho] * xe * we
    return float(np.max(np.abs(c - x @ w)))


# ---------------------------------------------------------------------------
# Catalog and exactness
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, tile, rank", [
    ("naive-1x1x1", (1, 1, 1), 1),
    ("naive-2x3x4", (2, 3, 4), 24),
    ("strassen-2x2x2", (2, 2, 2), 7),
    ("winograd-2x2x2", (2, 2, 2), 7),
    ("strassen-4x4x4", (4, 4, 4), 49),
    ("strassen-2x2x2*naive-1x1x2", (2, 2, 4), 14),
    ("naive-1x2x1*winograd-2x2x2", (2, 4, 2), 14),
    ("winograd-2x2x2*strassen-2x2x2*naive-3x1x1", (12, 4, 4), 147),
    ("winograd-2x2x2*strassen-2x2x2", (4, 4, 4), 49),
    ("naive-3x1x2*winograd-2x2x2", (6, 2, 4), 42),
])
def test_catalog_schemes_are_exact(name, tile, rank):
    s = S.lookup(name)
    assert s.name == name and s.tile == tile and s.rank == rank
    assert s.brent_residual() < 1e-12
    assert s.relative_frobenius_error() < 1e-12
    assert s.is_exact()
    # Independently of brent_residual: the dense trilinear form is the
    # MatMul tensor, and the scheme multiplies random tiles.
    np.testing.assert_allclose(trilinear_form(s), matmul_tensor(*tile),
                               rtol=0, atol=1e-12)
    assert product_of_random_tiles(s) < 1e-12
    assert s.speedup_bound() == tile[0] * tile[1] * tile[2] / rank


def test_strassen_matches_the_reference_file():
    # test/Inputs/schemes/strassen-2x2x2.json is the shared/bases scheme.
    from_file = S.load(os.path.join(INPUTS, "strassen-2x2x2.json"))
    assert from_file.has_same_coefficients(S.lookup("strassen-2x2x2"))


def test_large_composition_is_exact():
    # 16x16x16, rank 2401: the largest catalog composition.
    s = S.lookup("strassen-2x2x2*strassen-2x2x2*strassen-4x4x4")
    assert s.tile == (16, 16, 16) and s.rank == 2401
    assert s.brent_residual() < 1e-12
    assert s.speedup_bound() == pytest.approx(4096 / 2401)


def test_perturbed_scheme_is_approximate():
    s = S.lookup("strassen-2x2x2")
    u = s.lhs.copy()
    u[0, 0] += 0.25
    bad = Scheme("bad", s.tile, u, s.rhs, s.out)
    # U[0][0] enters the terms (0, j, l) with V[0][j] * D[l][0], which are
    # 1 for j, l in {0, 3}: the error tensor is 0.25 on those 4 entries.
    assert bad.brent_residual() == 0.25
    assert not bad.is_exact()
    assert bad.is_exact(tolerance=0.25)
    assert bad.relative_frobenius_error() == pytest.approx(
        math.sqrt(4 * 0.25 ** 2 / 8), rel=1e-15)
    assert product_of_random_tiles(bad, seed=3) > 1e-3


def test_truncated_naive_scheme_error():
    # Dropping the last product of naive-2x2x2 loses one entry of the
    # tensor (a = 1, b = 1, c = 1): residual 1, Frobenius error 1 of sqrt(8).
    naive = S.lookup("naive-2x2x2")
    low = Scheme("rank7", (2, 2, 2), naive.lhs[:7], naive.rhs[:7],
                 naive.out[:, :7])
    assert low.brent_residual() == 1.0
    assert low.relative_frobenius_error() == pytest.approx(
        math.sqrt(1 / 8), rel=1e-15)
    # The same from the dense tensors.
    diff = trilinear_form(low) - matmul_tensor(2, 2, 2)
    assert np.linalg.norm(diff) / math.sqrt(8) == pytest.approx(
        low.relative_frobenius_error(), rel=1e-15)


def test_relative_frobenius_error_of_a_random_scheme():
    rng = np.random.default_rng(7)
    s = Scheme("random", (2, 3, 2), rng.standard_normal((5, 6)),
               rng.standard_normal((5, 6)), rng.standard_normal((4, 5)))
    t_hat = np.zeros((6, 6, 4))
    for i in range(6):
        for j in range(6):
            for l in range(4):
                t_hat[i, j, l] = sum(s.lhs[r, i] * s.rhs[r, j] * s.out[l, r]
                                     for r in range(5))
    diff = t_hat - matmul_tensor(2, 3, 2)
    assert s.brent_residual() == pytest.approx(np.max(np.abs(diff)),
                                               rel=1e-13)
    assert s.relative_frobenius_error() == pytest.approx(
        np.linalg.norm(diff) / math.sqrt(12), rel=1e-13)


@pytest.mark.parametrize("seed", range(4))
def test_residual_and_error_of_approximate_schemes(seed):
    # Non-integer, partly zero coefficients, and their composition.
    p = random_scheme(seed)
    residual, error = oracle_errors(p)
    assert residual > 1e-3
    assert p.brent_residual() == pytest.approx(residual, rel=1e-12)
    assert p.relative_frobenius_error() == pytest.approx(error, rel=1e-12)
    assert not p.is_exact()
    q = random_scheme(seed + 10, (1, 2, 2), 3)
    pq = S.compose(p, q)
    assert pq.tile == (2, 6, 4) and pq.rank == 15
    assert pq.brent_residual() == pytest.approx(oracle_errors(pq)[0],
                                                rel=1e-12)


@pytest.mark.parametrize("name", [
    "strassen-3x3x3", "naive-0x2x2", "naive-2x2", "naive-axbxc",
    "naive-17x1x1", "naive-2x2x", "naive-+2x2x2", "", "strassen-2x2x2*",
    "naive-MxKxN", "strassen-4x4x4*strassen-4x4x4*strassen-2x2x2", "*",
    "naive-0x1x1",
])
def test_unknown_or_invalid_catalog_names(name):
    with pytest.raises(SchemeError):
        S.lookup(name)


def test_catalog_error_messages():
    with pytest.raises(SchemeError, match=r"unknown scheme 'nope' \(known: "
                       r"naive-MxKxN, strassen-2x2x2, winograd-2x2x2, "
                       r"strassen-4x4x4, or A\*B to compose two\)"):
        S.lookup("nope")
    with pytest.raises(SchemeError, match="tile sizes must be in"):
        S.lookup("naive-0x2x2")
    with pytest.raises(SchemeError, match="is too large"):
        S.lookup("strassen-4x4x4*strassen-4x4x4*strassen-2x2x2")


def test_catalog_name_is_kept_as_given():
    s = S.lookup(" strassen-2x2x2 * naive-1x1x2")
    assert s.name == " strassen-2x2x2 * naive-1x1x2"
    assert s.has_same_coefficients(S.lookup("strassen-2x2x2*naive-1x1x2"))
    assert "naive-MxKxN" in S.catalog_names()
    assert [s.name for s in S.default_exact_schemes()] == [
        "strassen-4x4x4", "winograd-2x2x2"]
    # Every fixed name of the catalog is a scheme of that name, described.
    for pattern, description in S.catalog():
        assert description
        if pattern != "naive-MxKxN":
            assert S.lookup(pattern).name == pattern


# ---------------------------------------------------------------------------
# Composition
# ---------------------------------------------------------------------------

def test_compose_follows_the_kronecker_formula():
    rng = np.random.default_rng(2)
    a = Scheme("a", (1, 2, 3), rng.standard_normal((2, 2)),
               rng.standard_normal((2, 6)), rng.standard_normal((3, 2)))
    b = Scheme("b", (2, 1, 2), rng.standard_normal((3, 2)),
               rng.standard_normal((3, 2)), rng.standard_normal((4, 3)))
    c = S.compose(a, b)
    assert c.name == "a*b" and c.tile == (2, 2, 6) and c.rank == 6

    def check(big, small_a, small_b, rows1, cols1, rows2, cols2, tile_row):
        # STL.md section 4, with (i, q) the tile entry and rho the rank.
        for r1 in range(small_a.shape[0 if not tile_row else 1]):
            for r2 in range(small_b.shape[0 if not tile_row else 1]):
                rho = r1 * (small_b.shape[1] if tile_row
                            else small_b.shape[0]) + r2
                for i1 in range(rows1):
                    for q1 in range(cols1):
                        for i2 in range(rows2):
                            for q2 in range(cols2):
                                i = i1 * rows2 + i2
                                q = q1 * cols2 + q2
                                ta, tb = i1 * cols1 + q1, i2 * cols2 + q2
                                t = i * (cols1 * cols2) + q
                                if tile_row:
                                    want = small_a[ta, r1] * small_b[tb, r2]
                                    got = big[t, rho]
                                else:
                                    want = small_a[r1, ta] * small_b[r2, tb]
                                    got = big[rho, t]
                                assert got == want

    check(c.lhs, a.lhs, b.lhs, 1, 2, 2, 1, False)
    check(c.rhs, a.rhs, b.rhs, 2, 3, 1, 2, False)
    check(c.out, a.out, b.out, 1, 3, 2, 2, True)


@pytest.mark.parametrize("a,b", [("strassen-2x2x2", "naive-1x2x1"),
                                 ("naive-2x1x3", "winograd-2x2x2")])
def test_compose_is_the_composed_name(a, b):
    c = S.compose(S.lookup(a), S.lookup(b))
    assert c == S.lookup(a + "*" + b)


def test_compose_of_exact_schemes_is_exact():
    s = S.lookup("strassen-2x2x2")
    assert S.compose(s, s).has_same_coefficients(S.lookup("strassen-4x4x4"))
    c = S.compose(S.lookup("winograd-2x2x2"), S.lookup("naive-1x3x1"))
    assert c.tile == (2, 6, 2) and c.rank == 21 and c.is_exact()
    assert c.name == "winograd-2x2x2*naive-1x3x1"
    # An approximate factor makes the composition approximate.
    naive = S.lookup("naive-1x1x2")
    half = Scheme("half", (1, 1, 2), naive.lhs[:1], naive.rhs[:1],
                  naive.out[:, :1])
    assert not S.compose(s, half).is_exact()


def test_compose_rejects_too_large_results():
    s = S.lookup("strassen-4x4x4")
    with pytest.raises(SchemeError, match=r"composition of 'strassen-4x4x4' "
                       r"and 'strassen-4x4x4\*strassen-2x2x2' is too large "
                       r"\(tile 32x32x32, rank 16807\)"):
        S.compose(s, S.lookup("strassen-4x4x4*strassen-2x2x2"))


# ---------------------------------------------------------------------------
# Construction checks
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("tile, lhs, rhs, out, message", [
    ((0, 1, 1), [[1]], [[1]], [[1]], r"tile size m = 0 is out of range"),
    ((1, 17, 1), [[1]], [[1]], [[1]], r"tile size k = 17 is out of range"),
    ((1, 1, 1), np.zeros((0, 1)), np.zeros((0, 1)), np.zeros((1, 0)),
     r"rank 0 is out of range \[1, 4096\]"),
    ((1, 1, 1), [[1, 2]], [[1]], [[1]], r"'lhs' has shape \(1, 2\), "
                                        r"expected \(1, 1\)"),
    ((1, 1, 2), [[1], [1]], [[1, 0], [0, 1]], [[1, 0, 0, 1]],
     r"'out' has shape \(1, 4\), expected \(2, 2\)"),
    ((1, 1, 1), [[math.nan]], [[1]], [[1]],
     r"'lhs' coefficient \[0\]\[0\] is not finite"),
    ((1, 1, 2), [[1]], [[1, math.inf]], [[1], [1]],
     r"'rhs' coefficient \[0\]\[1\] is not finite"),
    ((1, 1, 1), [["x"]], [[1]], [[1]], r"'lhs' must be a matrix of numbers"),
    ((1, 1), [[1]], [[1]], [[1]], r"tile has 2 entries"),
    ((1.0, 1, 1), [[1]], [[1]], [[1]], r"tile size m must be an integer"),
])
def test_constructor_rejects_bad_input(tile, lhs, rhs, out, message):
    with pytest.raises(SchemeError, match=message):
        Scheme("x", tile, lhs, rhs, out)


def test_flat_coefficients_with_rank_like_cpp():
    s = Scheme("x", (1, 1, 2), [1, 1], [1, 0, 0, 1], [1, 0, 0, 1], rank=2)
    assert s.rank == 2 and s.is_exact()
    with pytest.raises(SchemeError, match=r"'rhs' has 3 coefficients, "
                       r"expected 2 x 2 = 4"):
        Scheme("x", (1, 1, 2), [1, 1], [1, 0, 0], [1, 0, 0, 1], rank=2)


def test_schemes_too_dense_to_check_are_rejected():
    # Dense 16x16x16, rank 64: 64 * 256^3 (about 1.1e9) multiply-adds.
    ones = np.ones((64, 256))
    with pytest.raises(SchemeError, match=r"too dense to check: its Brent "
                       r"residual takes 1\.07E\+09 multiply-adds "
                       r"\(at most 5\.00E\+08"):
        Scheme("dense", (16, 16, 16), ones, ones, ones.T)
    # The same sizes with U zero are fine (and far from exact).
    s = Scheme("sparse", (16, 16, 16), np.zeros((64, 256)), ones, ones.T)
    assert s.brent_residual() == 1.0


def test_schemes_are_immutable_values():
    s = S.lookup("strassen-2x2x2")
    with pytest.raises(ValueError):
        s.lhs[0, 0] = 5.0
    renamed = s.with_name("other")
    assert renamed.name == "other" and s.name == "strassen-2x2x2"
    assert renamed != s and renamed.has_same_coefficients(s)
    assert renamed == S.lookup("strassen-2x2x2").with_name("other")
    # Copies are the scheme itself; the arrays outlive it.
    assert copy.copy(s) is s and copy.deepcopy([s])[0] is s
    u = S.lookup("winograd-2x2x2").lhs
    gc.collect()
    assert u[2].tolist() == [1, 1, -1, -1]


# ---------------------------------------------------------------------------
# JSON files
# ---------------------------------------------------------------------------

FRACTIONS = Scheme("frac", (1, 1, 1), [[0.1], [1 / 3]], [[2.5], [-1e-7]],
                   [[1e20, 0.5]])


@pytest.mark.parametrize("s", [
    S.lookup("strassen-4x4x4"), S.lookup("winograd-2x2x2"),
    S.lookup("naive-1x2x3"), FRACTIONS, random_scheme(0), random_scheme(1),
    random_scheme(2),
], ids=lambda s: s.name)
def test_json_round_trip_is_exact(s):
    # The same coefficients, bit for bit.
    back = Scheme.from_json(s.to_json(), "mem")
    assert back == s
    assert np.array_equal(back.lhs, s.lhs)


def test_json_format():
    text = S.lookup("strassen-2x2x2").to_json()
    doc = json.loads(text)
    assert sorted(doc) == sorted(["name", "tile", "rank", "exact", "lhs",
                                  "rhs", "out"])
    assert doc["tile"] == [2, 2, 2] and doc["rank"] == 7
    assert doc["exact"] is True
    assert doc["lhs"][5] == [-1, 0, 1, 0]
    # Integral coefficients are written as integers, one number per line.
    assert '      -1,\n' in text and "1.0" not in text
    assert text.endswith("}\n")
    assert json.loads(FRACTIONS.to_json())["lhs"] == [[0.1], [1 / 3]]
    assert json.loads(FRACTIONS.to_json())["exact"] is False
    assert json.loads(random_scheme(3).to_json())["exact"] is False


def test_file_round_trip(tmp_path):
    path = tmp_path / "w.json"
    s = S.lookup("winograd-2x2x2")
    S.save(s, path)
    assert S.load(path) == s
    assert S.resolve(str(path)) == s
    assert S.resolve("winograd-2x2x2") == s
    S.save(random_scheme(7), str(path))
    assert S.load(str(path)) == random_scheme(7)


def test_exact_claim_is_not_trusted_and_default_name():
    s = Scheme.from_json('{"tile": [1, 1, 1], "rank": 1, "exact": true, '
                         '"lhs": [[2]], "rhs": [[1]], "out": [[1]]}')
    assert s.name == "scheme-1x1x1-r1"
    assert not s.is_exact() and s.brent_residual() == 1.0
    approx = S.load(os.path.join(INPUTS, "approximate-rank6.json"))
    assert approx.name == "strassen-minus-one" and not approx.is_exact()


@pytest.mark.parametrize("text, expected", [
    ("{", "invalid JSON"),
    ("[1, 2]", "top level must be a JSON object"),
    ('{"rank": 1, "lhs": [[1]], "rhs": [[1]], "out": [[1]]}',
     "missing field 'tile'"),
    ('{"tile": 3, "rank": 1}', "'tile' must be an array [m, k, n]"),
    ('{"tile": [1, 1], "rank": 1}', "'tile' has 2 entries"),
    ('{"tile": [1, 1, 0], "rank": 1}', "'tile' entry 0 is out of range"),
    ('{"tile": [1, 1, 1e30], "rank": 1}', "must be an integer"),
    ('{"tile": [1, 9223372036854775807.5, 1], "rank": 1}',
     "'tile' entries must be an integer (of at most 2^53 in magnitude)"),
    ('{"tile": [1, true, 1], "rank": 1}', "'tile' entries must be an integer"),
    ('{"tile": [1, 1, 1], "rank": -9223372036854775808.0}',
     "must be an integer"),
    ('{"tile": [1, 1, 1]}', "missing field 'rank'"),
    ('{"tile": [1, 1, 1], "rank": 4097}', "'rank' 4097 is out of range"),
    ('{"tile": [1, 1, 1], "rank": -3}', "'rank' -3 is out of range"),
    ('{"tile": [1, 1, 1], "rank": 99999999999}', "out of range"),
    ('{"tile": [1, 1, 1], "rank": 1.5}', "'rank' must be an integer"),
    ('{"tile": [1, 1, 1], "rank": 1, "rhs": [[1]], "out": [[1]]}',
     "missing field 'lhs'"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": {}, "rhs": [[1]], '
     '"out": [[1]]}', "'lhs' must be an array of rows"),
    ('{"tile": [1, 1, 1], "rank": 2, "lhs": [[1]], "rhs": [[1]], '
     '"out": [[1]]}', "'lhs' has 1 rows, expected 2"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": [1], "rhs": [[1]], '
     '"out": [[1]]}', "'lhs' row 0 must be an array"),
    ('{"tile": [1, 1, 2], "rank": 1, "lhs": [[1]], "rhs": [[1]], '
     '"out": [[1], [1]]}', "'rhs' row 0 has 1 entries, expected 2"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": [["x"]], "rhs": [[1]], '
     '"out": [[1]]}', "'lhs'[0][0] is not a number"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": [[1]], "rhs": [[1e999]], '
     '"out": [[1]]}', "'rhs'[0][0] is not finite"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": [[1]], "rhs": [[1]], '
     '"out": [[NaN]]}', "invalid JSON"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": [[1]], "rhs": [[1]], '
     '"out": [[1]], "exact": "yes"}', "'exact' must be true or false"),
    ('{"name": 3, "tile": [1, 1, 1], "rank": 1}', "'name' must be a string"),
    ('{"tile": [2, 2, 2], "rank": 0, "lhs": [], "rhs": [], "out": []}',
     "'rank' 0 is out of range"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": [[1]], "rhs": [[1]]}',
     "missing field 'out'"),
    ('{"tile": [1, 1, 1], "rank": 1, "lhs": [[1, 2]], "rhs": [[1]], '
     '"out": [[1]]}', "'lhs' row 0 has 2 entries, expected 1"),
    ('{"tile": [17, 1, 1], "rank": 1}', "'tile' entry 17 is out of range"),
])
def test_malformed_documents(text, expected):
    with pytest.raises(SchemeError) as info:
        Scheme.from_json(text, "bad.json")
    assert expected in str(info.value)
    assert str(info.value).startswith("scheme file 'bad.json': ")


@pytest.mark.parametrize("name, expected", [
    ("bad-tile.json", "'tile' has 2 entries, expected 3 ([m, k, n])"),
    ("huge-tile.json", "'tile' entry 100000000000 is out of range [1, 16]"),
    ("infinite.json", "'rhs'[0][0] is not finite"),
    ("nan.json", "invalid JSON"),
    ("negative-rank.json", "'rank' -7 is out of range [1, 4096]"),
    ("not-a-number.json", "'lhs'[0][0] is not a number"),
    ("truncated.json", "invalid JSON"),
    ("wrong-rows.json", "'rhs' has 1 rows, expected 2"),
])
def test_invalid_input_files(name, expected):
    path = os.path.join(INPUTS, "invalid", name)
    with pytest.raises(SchemeError) as info:
        S.load(path)
    assert str(info.value) == "scheme file '%s': %s" % (path, expected) or (
        expected == "invalid JSON" and "invalid JSON" in str(info.value))


def test_missing_file_is_named(tmp_path):
    with pytest.raises(SchemeError, match=r"cannot read scheme file "
                       r"'/nonexistent/scheme\.json': No such file"):
        S.load("/nonexistent/scheme.json")
    # resolve() reads names ending in .json as files.
    with pytest.raises(SchemeError, match="cannot read scheme file"):
        S.resolve("strassen-2x2x2.json")
    with pytest.raises(SchemeError, match="cannot write scheme file"):
        S.save(S.lookup("naive-1x1x1"), tmp_path / "no" / "such.json")


# ---------------------------------------------------------------------------
# The #stl.scheme attribute
# ---------------------------------------------------------------------------

def test_catalog_form():
    for name in ("strassen-4x4x4", "naive-2x1x3", "naive-1x1x1",
                 "naive-2x3x4", "strassen-2x2x2", "winograd-2x2x2",
                 "strassen-2x2x2*naive-1x1x2"):
        text = S.lookup(name).to_mlir()
        assert text == '#stl.scheme<"%s">' % name
        assert Scheme.from_mlir(text) == S.lookup(name)


def test_full_form_round_trip():
    renamed = S.lookup("winograd-2x2x2").with_name("my-winograd")
    text = renamed.to_mlir()
    assert text.startswith('#stl.scheme<name = "my-winograd", tile = [2, 2, '
                           '2], rank = 7, lhs = [[1, 0, 0, 0], [0, 1, 0, 0],')
    assert Scheme.from_mlir(text) == renamed
    # Coefficients that differ from the catalog's use the full form even
    # under a catalog name; non-integral numbers round-trip exactly.
    strassen = S.lookup("strassen-2x2x2")
    u = strassen.lhs.copy()
    u[0, 0], u[1, 1], u[2, 2], u[3, 3] = 0.1, 1e-20, -1 / 3, 1e20
    odd = Scheme("strassen-2x2x2", (2, 2, 2), u, strassen.rhs, strassen.out)
    text = odd.to_mlir()
    assert "[[0.1, 0, 0, 1], [0, 1.0e-20, 1, 1], [1, 0, -0.33333333333333331" \
           ", 0], [0, 0, 0, 1.0e+20]," in text
    assert Scheme.from_mlir(text) == odd
    # Random coefficients round-trip bit for bit.
    for seed in range(3):
        s = random_scheme(seed)
        assert Scheme.from_mlir(s.to_mlir()) == s


def test_documented_example_and_unnamed_schemes():
    text = ('#stl.scheme<name = "my-scheme", tile = [1, 1, 2], rank = 2,\n'
            '            lhs = [[1], [1]], rhs = [[1, 0], [0, 1]],\n'
            '            out = [[1, 0], [0, 1]]>')
    s = Scheme.from_mlir(text)
    assert s.name == "my-scheme" and s.tile == (1, 1, 2) and s.is_exact()
    unnamed = Scheme.from_mlir(
        "#stl.scheme<out = [[1, 0], [0, 1]], rank = 2, tile = [1, 1, 2], "
        "lhs = [[1.0], [0x1]], rhs = [[1, -0.0], [0, 1.]]>")
    assert unnamed.name == "" and unnamed.has_same_coefficients(s)
    assert unnamed.to_mlir() == (
        "#stl.scheme<tile = [1, 1, 2], rank = 2, lhs = [[1], [1]], "
        "rhs = [[1, 0], [0, 1]], out = [[1, 0], [0, 1]]>")


def test_names_are_escaped():
    s = S.lookup("naive-1x1x1").with_name('q"b\\ é')
    text = s.to_mlir()
    assert text.startswith('#stl.scheme<name = "q\\22b\\\\ \\C3\\A9", ')
    assert Scheme.from_mlir(text).name == 'q"b\\ é'


@pytest.mark.parametrize("text, message", [
    ('#stl.scheme<"strassen-3x3x3">', "unknown scheme 'strassen-3x3x3'"),
    ("#stl.scheme<tile = [1, 1, 1], lhs = [[1]], rhs = [[1]], out = [[1]]>",
     "#stl.scheme is missing 'rank'"),
    ("#stl.scheme<shape = [1, 1, 1]>", "unknown key 'shape' in #stl.scheme"),
    ("#stl.scheme<tile = [1, 1], rank = 1>",
     "'tile' must have 3 entries [m, k, n], got 2"),
    ("#stl.scheme<tile = [1, 1, 1], rank = 2, lhs = [[1], [1]], "
     "rhs = [[1], [1]], out = [[1, 1], [1]]>",
     "rows of 'out' have different lengths (2 and 1)"),
    ('#stl.scheme<name = "bad", tile = [1, 0, 1], rank = 1, lhs = [[1]], '
     "rhs = [[1]], out = [[1]]>",
     "invalid scheme 'bad': tile size k = 0 is out of range [1, 16]"),
    ("#stl.scheme<tile = [1, 1, 1], rank = -2, lhs = [[1]], rhs = [[1]], "
     "out = [[1]]>", "rank -2 is out of range"),
    ("#stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1, 2]], rhs = [[1]], "
     "out = [[1]]>", "'lhs' has 2 coefficients, expected 1 x 1 = 1"),
    ("#stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1.0e999]], "
     "rhs = [[1]], out = [[1]]>", "'lhs' coefficient [0][0] is not finite"),
    ("#stl.scheme<tile = [1, 1, 1], rank = 1.5, lhs = [[1]], rhs = [[1]], "
     "out = [[1]]>", "at 1:38: expected integer value"),
    ('#stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [["x"]], rhs = [[1]], '
     "out = [[1]]>", "at 1:49: expected floating point literal"),
    ("#stl.scheme<tile = [1, 1, 1], rank = 1, rank = 2, lhs = [[1]], "
     "rhs = [[1]], out = [[1]]>",
     "'rank' is given more than once in #stl.scheme"),
    ('#stl.scheme<"naive-1x1x1"> trailing',
     "at 1:28: found trailing characters: 'trailing'"),
    ('#stl.scheme<"naive-1x1x1"', "unbalanced '<'"),
    ("stl.scheme<>", "at 1:1: expected attribute value"),
    ("", "expected attribute value"),
    ("1 : i32", "the text holds another attribute"),
    ('#stl.scheme<\n  tile = [1, 1]>', "at 2:10: 'tile' must have 3"),
])
def test_malformed_attributes(text, message):
    with pytest.raises(SchemeError) as info:
        Scheme.from_mlir(text)
    assert str(info.value).startswith("invalid #stl.scheme attribute")
    assert message in str(info.value)


def test_find_attributes_in_mlir_text():
    text = ('#s = #stl.scheme<"strassen-2x2x2">\n'
            "// a comment\n"
            'func.func private @f() attributes {a = #stl.scheme<tile = '
            '[1, 1, 1], rank = 1, lhs = [[2]], rhs = [[1]], out = [[0.5]]>}\n')
    found = S.find_mlir_schemes(text)
    assert [s.name for s in found] == ["strassen-2x2x2", ""]
    assert found[1].is_exact()
    assert S.find_mlir_schemes("func.func private @f()\n") == []
    # The first that does not parse fails, placed in the whole text.
    with pytest.raises(SchemeError, match=r"at 5:25: 'tile' must have 3"):
        S.find_mlir_schemes(text + "#t = 1\n#u = #stl.scheme<tile = [1]>\n")


@pytest.mark.skipif(not os.access(STL_OPT, os.X_OK),
                    reason="stl-opt is not built")
def test_stl_opt_accepts_and_reprints_the_attributes(tmp_path):
    u = S.lookup("strassen-2x2x2").lhs.copy()
    u[0, 0], u[3, 3] = 0.1, 2.5e-7
    schemes = [
        S.lookup("strassen-4x4x4"),
        S.lookup("naive-1x1x2").with_name(""),
        Scheme('a "name"', (2, 2, 2), u, S.lookup("strassen-2x2x2").rhs,
               S.lookup("strassen-2x2x2").out),
    ]
    attrs = ", ".join("s%d = %s" % (i, s.to_mlir())
                      for i, s in enumerate(schemes))
    path = tmp_path / "attrs.mlir"
    path.write_text("func.func private @f() attributes {%s}\n" % attrs)
    result = subprocess.run([STL_OPT, str(path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    # stl-opt prints the same text (inline or as an alias's definition), and
    # it reads back as the same schemes.
    for s in schemes:
        assert s.to_mlir() in result.stdout
    found = S.find_mlir_schemes(result.stdout)
    assert len(found) == len(schemes)
    assert all(s in found for s in schemes)


# ---------------------------------------------------------------------------
# Cost model
# ---------------------------------------------------------------------------

def expected_cost(s, m, k, n, batch=1, weight_batch=1,
                  constant_weights=False):
    """STL.md section 6, computed here from the formulas."""
    tm, tk, tn = s.tile
    r = s.rank
    gm, gk, gn = m // tm, k // tk, n // tn
    nnz = [int(np.count_nonzero(a)) for a in (s.lhs, s.rhs, s.out)]
    c = {
        "dense_macs": batch * m * k * n,
        "tile_product_macs": batch * r * gm * gk * gn,
        "encode_lhs_macs": batch * r * m * k,
        "encode_lhs_macs_sparse": batch * nnz[0] * gm * gk,
        "encode_rhs_macs": 0 if constant_weights else weight_batch * r * k * n,
        "encode_rhs_macs_sparse": (0 if constant_weights
                                   else weight_batch * nnz[1] * gk * gn),
        "decode_macs": batch * r * m * n,
        "decode_macs_sparse": batch * nnz[2] * gm * gn,
        "stored_weights_dense": weight_batch * k * n,
        "stored_weights_encoded": weight_batch * r * gk * gn,
    }
    c["stl_macs"] = (c["tile_product_macs"] + c["encode_lhs_macs"]
                     + c["encode_rhs_macs"] + c["decode_macs"])
    c["stl_macs_sparse"] = (
        c["tile_product_macs"] + c["encode_lhs_macs_sparse"]
        + c["encode_rhs_macs_sparse"] + c["decode_macs_sparse"])
    return c


def test_cost_of_strassen_by_hand():
    # strassen-2x2x2 (r = 7; 12 non-zeros in each of U, V and D) on
    # 3 batches of [6 x 4] * [4 x 10], weights shared: grid 3 x 2 x 5.
    c = S.cost(S.lookup("strassen-2x2x2"), 6, 4, 10, batch=3)
    assert c == {
        "dense_macs": 3 * 6 * 4 * 10,                 # 720
        "tile_product_macs": 3 * 7 * 3 * 2 * 5,       # 630
        "encode_lhs_macs": 3 * 7 * 6 * 4,             # 504
        "encode_lhs_macs_sparse": 3 * 12 * 3 * 2,     # 216
        "encode_rhs_macs": 1 * 7 * 4 * 10,            # 280
        "encode_rhs_macs_sparse": 1 * 12 * 2 * 5,     # 120
        "decode_macs": 3 * 7 * 6 * 10,                # 1260
        "decode_macs_sparse": 3 * 12 * 3 * 5,         # 540
        "stl_macs": 630 + 504 + 280 + 1260,
        "stl_macs_sparse": 630 + 216 + 120 + 540,
        "stored_weights_dense": 4 * 10,
        "stored_weights_encoded": 7 * 2 * 5,
    }
    assert all(type(v) is int for v in c.values())


def test_cost_with_constant_and_batched_weights():
    # strassen-4x4x4: r = 49, 144 non-zeros in each of U, V and D (as in
    # test/Transforms/cost-report.mlir).
    s = S.lookup("strassen-4x4x4")
    assert [int(np.count_nonzero(a)) for a in (s.lhs, s.rhs, s.out)] == [
        144, 144, 144]
    c = S.cost(s, 64, 32, 16, batch=2, weight_batch=2, constant_weights=True)
    assert c["encode_rhs_macs"] == 0 and c["encode_rhs_macs_sparse"] == 0
    assert c["stored_weights_dense"] == 2 * 32 * 16
    assert c["stored_weights_encoded"] == 2 * 49 * 8 * 4
    assert c["encode_lhs_macs_sparse"] == 2 * 144 * 16 * 8
    assert c["stl_macs"] == (2 * 49 * 16 * 8 * 4 + 2 * 49 * 64 * 32
                             + 2 * 49 * 64 * 16)
    c = S.cost(s, 64, 32, 16, batch=2, weight_batch=2)
    assert c["encode_rhs_macs"] == 2 * 49 * 32 * 16
    assert c["encode_rhs_macs_sparse"] == 2 * 144 * 8 * 4


@pytest.mark.parametrize("name,sizes", [
    ("strassen-2x2x2", dict(m=64, k=32, n=16)),
    ("strassen-4x4x4", dict(m=256, k=512, n=128, batch=3)),
    ("winograd-2x2x2", dict(m=8, k=8, n=8, batch=4, weight_batch=4)),
    ("naive-2x3x4", dict(m=6, k=9, n=8, constant_weights=True)),
    ("strassen-2x2x2*naive-1x1x2", dict(m=2, k=2, n=4, batch=2,
                                        constant_weights=True)),
])
def test_cost_follows_the_formulas(name, sizes):
    s = S.lookup(name)
    assert S.cost(s, **sizes) == expected_cost(s, **sizes)


def test_cost_of_an_approximate_scheme():
    p = random_scheme(3)
    assert S.cost(p, 8, 12, 6, batch=2) == expected_cost(p, 8, 12, 6,
                                                         batch=2)
    with pytest.raises(SchemeError, match="does not divide"):
        S.cost(p, 7, 12, 6)


def test_cost_rejects_sizes_the_tile_does_not_divide():
    s = S.lookup("strassen-2x2x2*naive-1x1x2")
    with pytest.raises(SchemeError, match=r"the 2x2x4 tile does not divide "
                       r"the 4x4x6 MatMul"):
        S.cost(s, 4, 4, 6)
    with pytest.raises(SchemeError, match=r"sizes must be positive \(batch "
                       r"0, 4x4x8\)"):
        S.cost(s, 4, 4, 8, batch=0)
    with pytest.raises(SchemeError, match="weight batch must be 1 or the "
                       "batch"):
        S.cost(s, 4, 4, 8, batch=2, weight_batch=3)
    with pytest.raises(SchemeError, match="M must be an integer"):
        S.cost(s, 4.0, 4, 8)
    with pytest.raises(SchemeError, match="overflows"):
        S.cost(S.lookup("naive-1x1x1"), 2 ** 40, 2 ** 40, 2 ** 40)
