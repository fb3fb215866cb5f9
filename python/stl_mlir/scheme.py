"""Bilinear Strassen-Tile schemes in Python.

A rank-``r`` scheme for ``[m, k, n]`` tiles is three coefficient matrices
(``STL.md`` section 2): ``lhs`` (U, ``r x m*k``), ``rhs`` (V,
``r x k*n``) and ``out`` (D, ``m*n x r``), with tiles vectorised row-major.

This module mirrors the C++ scheme library of the compiler
(``include/stl/Scheme``): the same validation rules and limits, the same
catalog (``naive-MxKxN``, ``strassen-2x2x2``, ``winograd-2x2x2``,
``strassen-4x4x4`` and ``A*B`` compositions), the same Kronecker composition,
Brent residual, JSON file format, ``#stl.scheme`` attribute syntax and cost
model, so that a scheme checked or built here is accepted, and judged the
same way, by ``stl-opt``.

Every problem with a scheme, a file or a name raises :class:`SchemeError`.
"""

import json
import math
import os
import re

import numpy as np

__all__ = [
    "K_EXACT_TOLERANCE", "K_MAX_TILE_SIDE", "K_MAX_RANK", "K_MAX_BRENT_WORK",
    "SchemeError", "Scheme", "validate", "load", "save", "lookup",
    "catalog_names", "default_exact_schemes", "compose", "matmul_tensor",
    "resolve", "cost", "COST_KEYS", "find_mlir_schemes",
]

#: Brent residual at or below which a scheme is considered exact.
K_EXACT_TOLERANCE = 1e-9
#: Largest tile side accepted anywhere.
K_MAX_TILE_SIDE = 16
#: Largest rank accepted anywhere.
K_MAX_RANK = 4096
#: Bound on the multiply-adds of checking a scheme's exactness:
#: sum over the rank of nnz(U row) * nnz(V row) * nnz(D column).
K_MAX_BRENT_WORK = 5e8


class SchemeError(ValueError):
    """A scheme, scheme file, attribute or catalog name is invalid."""


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

def _check_flat(what, values, rows, cols):
    """Returns the C++ checkMatrix message for a flat coefficient array."""
    if values.size != rows * cols:
        return "'%s' has %d coefficients, expected %d x %d = %d" % (
            what, values.size, rows, cols, rows * cols)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        i = int(bad[0])
        return "'%s' coefficient [%d][%d] is not finite" % (
            what, i // cols, i % cols)
    return ""


def _check_sizes(tile, rank):
    """The tile and rank checks of ``validate``: a message, or ``""``."""
    for dim, size in zip("mkn", tile):
        if size < 1 or size > K_MAX_TILE_SIDE:
            return "tile size %s = %d is out of range [1, %d]" % (
                dim, size, K_MAX_TILE_SIDE)
    if rank < 1 or rank > K_MAX_RANK:
        return "rank %d is out of range [1, %d]" % (rank, K_MAX_RANK)
    return ""


def validate(tile, rank, lhs, rhs, out):
    """Checks a scheme like the C++ ``Scheme::validate``.

    ``tile`` is ``(m, k, n)``; ``lhs``, ``rhs`` and ``out`` are flat
    row-major coefficient arrays (``rank * m*k``, ``rank * k*n`` and
    ``m*n * rank`` numbers). Returns a message describing the first problem
    found, or ``""`` when the scheme is well formed.
    """
    problem = _check_sizes(tile, rank)
    if problem:
        return problem
    m, k, n = tile
    u = np.asarray(lhs, dtype=np.float64).ravel()
    v = np.asarray(rhs, dtype=np.float64).ravel()
    d = np.asarray(out, dtype=np.float64).ravel()
    err = (_check_flat("lhs", u, rank, m * k)
           or _check_flat("rhs", v, rank, k * n)
           or _check_flat("out", d, m * n, rank))
    if err:
        return err
    # Checking exactness costs sum_rho nnz(U_rho) nnz(V_rho) nnz(D_rho)
    # multiply-adds (as in the C++ library): bounded so that no scheme makes
    # a tool hang.
    nnz_u = np.count_nonzero(u.reshape(rank, m * k), axis=1)
    nnz_v = np.count_nonzero(v.reshape(rank, k * n), axis=1)
    nnz_d = np.count_nonzero(d.reshape(m * n, rank), axis=0)
    work = float(np.sum(nnz_u.astype(np.float64) * nnz_v * nnz_d))
    if work > K_MAX_BRENT_WORK:
        return ("the scheme is too dense to check: its Brent residual takes "
                "%.2E multiply-adds (at most %.2E: sum over the rank of the "
                "non-zero coefficients of U, V and D multiplied)"
                % (work, K_MAX_BRENT_WORK))
    return ""


def _as_int(value, what):
    """Converts an integer-like value (not a bool or a float) to int."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(
            value, (int, np.integer)):
        raise SchemeError("%s must be an integer, got %r" % (what, value))
    return int(value)


def _as_matrix(what, values):
    """Converts coefficients to a float64 array, or raises SchemeError."""
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise SchemeError("'%s' must be a matrix of numbers (%s)"
                          % (what, e)) from None
    return array


# ---------------------------------------------------------------------------
# The scheme
# ---------------------------------------------------------------------------

class Scheme:
    """A validated bilinear scheme (the Python twin of ``mlir::stl::Scheme``).

    Attributes:
        name: the scheme's name (may be empty, like an unnamed attribute).
        tile: ``(m, k, n)``.
        lhs: U, a read-only float64 array of shape ``(r, m*k)``.
        rhs: V, a read-only float64 array of shape ``(r, k*n)``.
        out: D, a read-only float64 array of shape ``(m*n, r)``.
    """

    def __init__(self, name, tile, lhs, rhs, out, *, rank=None):
        """Builds and checks a scheme.

        ``lhs``, ``rhs`` and ``out`` are matrices of shapes ``(r, m*k)``,
        ``(r, k*n)`` and ``(m*n, r)`` (anything numpy converts). With
        ``rank`` given they may also be flat row-major arrays, as in C++.
        The checks are those of the C++ ``Scheme::create``: tile sides in
        ``[1, 16]``, rank in ``[1, 4096]``, matrices of the right sizes,
        finite coefficients and a bounded exactness check. Raises
        :class:`SchemeError` on the first problem found.
        """
        if not isinstance(name, str):
            raise SchemeError("scheme name must be a string, got %r" % (name,))
        try:
            tile = tuple(tile)
        except TypeError:
            raise SchemeError("tile must be a sequence [m, k, n], got %r"
                              % (tile,)) from None
        if len(tile) != 3:
            raise SchemeError("tile has %d entries, expected 3 ([m, k, n])"
                              % len(tile))
        tile = tuple(_as_int(t, "tile size %s" % dim)
                     for t, dim in zip(tile, "mkn"))
        u = _as_matrix("lhs", lhs)
        v = _as_matrix("rhs", rhs)
        d = _as_matrix("out", out)
        m, k, n = tile
        if rank is None:
            if u.ndim != 2:
                raise SchemeError(
                    "'lhs' must be a matrix of rank rows of m*k coefficients "
                    "(got an array of shape %s)" % (u.shape,))
            rank = u.shape[0]
        rank = _as_int(rank, "rank")
        problem = _check_sizes(tile, rank)
        if problem:
            raise SchemeError(problem)
        # Two-dimensional matrices must have exactly the expected shape (a
        # transposed D has the right size but the wrong meaning).
        for what, array, shape in (("lhs", u, (rank, m * k)),
                                   ("rhs", v, (rank, k * n)),
                                   ("out", d, (m * n, rank))):
            if array.ndim == 2 and array.shape != shape:
                raise SchemeError("'%s' has shape %s, expected %s"
                                  % (what, array.shape, shape))
            if array.ndim > 2:
                raise SchemeError("'%s' must be a matrix, got an array of "
                                  "shape %s" % (what, array.shape))
        problem = validate(tile, rank, u, v, d)
        if problem:
            raise SchemeError(problem)
        self.name = name
        self.tile = tile
        self.lhs = u.reshape(rank, m * k).copy()
        self.rhs = v.reshape(rank, k * n).copy()
        self.out = d.reshape(m * n, rank).copy()
        for array in (self.lhs, self.rhs, self.out):
            # -0.0 and 0.0 are the same coefficient.
            array += 0.0
            array.flags.writeable = False

    # -- sizes ---------------------------------------------------------------

    @property
    def rank(self):
        """The number of products ``r``."""
        return self.lhs.shape[0]

    @property
    def m(self):
        """Rows of the left-operand (and output) tile."""
        return self.tile[0]

    @property
    def k(self):
        """The contraction size of the tile."""
        return self.tile[1]

    @property
    def n(self):
        """Columns of the right-operand (and output) tile."""
        return self.tile[2]

    @property
    def volume(self):
        """``m * k * n``: the multiply-adds of the naive tile product."""
        return self.m * self.k * self.n

    # -- comparison ----------------------------------------------------------

    def has_same_coefficients(self, other):
        """Same tile, rank and coefficients, whatever the names."""
        return (self.tile == other.tile and self.rank == other.rank
                and np.array_equal(self.lhs, other.lhs)
                and np.array_equal(self.rhs, other.rhs)
                and np.array_equal(self.out, other.out))

    def __eq__(self, other):
        if not isinstance(other, Scheme):
            return NotImplemented
        return self.name == other.name and self.has_same_coefficients(other)

    __hash__ = None

    def __repr__(self):
        return "Scheme(%r, tile=%dx%dx%d, rank=%d)" % (
            self.name, self.m, self.k, self.n, self.rank)

    def with_name(self, name):
        """Returns a copy of the scheme with another name."""
        return Scheme(name, self.tile, self.lhs, self.rhs, self.out)

    # -- exactness -----------------------------------------------------------

    def _brent_blocks(self):
        """Yields ``(computed, expected)`` for every slice of the tensor.

        The trilinear form of the scheme,

            T_hat[a*k+b, b'*n+c, a'*n+c'] =
                sum_rho U[rho, a*k+b] V[rho, b'*n+c] D[a'*n+c', rho],

        is computed one left-tile entry ``(a, b)`` at a time, over the ranks
        whose U coefficient is non-zero: ``(k*n) x (m*n)`` blocks, never the
        whole ``(m*k) (k*n) (m*n)`` tensor at once. ``expected`` is the same
        slice of the MatMul tensor.
        """
        m, k, n = self.tile
        for i in range(m * k):
            a, b = divmod(i, k)
            expected = np.zeros((k * n, m * n))
            for c in range(n):
                expected[b * n + c, a * n + c] = 1.0
            ranks = np.flatnonzero(self.lhs[:, i])
            if ranks.size == 0:
                yield np.zeros_like(expected), expected
                continue
            scaled = self.rhs[ranks].T * self.lhs[ranks, i]
            yield scaled @ self.out[:, ranks].T, expected

    def brent_residual(self):
        """The Brent residual (STL.md section 3).

        The largest absolute difference between the scheme's trilinear form
        and the MatMul tensor; 0 for an exact scheme in exact arithmetic.
        """
        return max(float(np.max(np.abs(computed - expected)))
                   for computed, expected in self._brent_blocks())

    def relative_frobenius_error(self):
        """``||T_hat - T||_F / ||T||_F`` with T the MatMul tensor.

        ``||T||_F^2 = m*k*n`` (the tensor has that many entries equal to
        one), as in the C++ ``relativeFrobeniusError``.
        """
        err_sq = sum(float(np.sum((computed - expected) ** 2))
                     for computed, expected in self._brent_blocks())
        return math.sqrt(err_sq / self.volume)

    def is_exact(self, tolerance=K_EXACT_TOLERANCE):
        """True when the Brent residual is at most ``tolerance``."""
        return self.brent_residual() <= tolerance

    def speedup_bound(self):
        """``m*k*n / r``: the speedup of the tile product alone."""
        return self.volume / self.rank

    def to_tensor(self):
        """The scheme's trilinear form as a dense ``(m*k, k*n, m*n)`` array.

        Meant for small tiles (the array has ``(m*k)(k*n)(m*n)`` entries);
        exactness checks use :meth:`brent_residual`, which never builds it.
        """
        return np.einsum("ri,rj,lr->ijl", self.lhs, self.rhs, self.out)

    # -- JSON ----------------------------------------------------------------

    def to_dict(self):
        """The scheme as a JSON-ready dict (the basis-file format).

        Keys in the order name, tile, rank, exact, lhs, rhs, out; ``exact``
        is computed. Integral coefficients are written as ints.
        """
        return {
            "name": self.name,
            "tile": list(self.tile),
            "rank": self.rank,
            "exact": self.is_exact(),
            "lhs": _matrix_to_json(self.lhs),
            "rhs": _matrix_to_json(self.rhs),
            "out": _matrix_to_json(self.out),
        }

    def to_json(self):
        """Serialises the scheme to the JSON basis-file format.

        Two-space indentation and one number per line, like the C++
        ``printSchemeJSON``; ends with a newline.
        """
        return json.dumps(self.to_dict(), indent=2) + "\n"

    @classmethod
    def from_json(cls, text, source="<string>"):
        """Parses a scheme from JSON text (see ``SchemeIO.h``).

        ``source`` names the text in error messages. An ``exact`` field is
        checked to be a boolean and otherwise ignored: exactness is always
        recomputed from the coefficients. A file without a name gets
        ``scheme-MxKxN-rR``.
        """
        def reject_constant(constant):
            raise ValueError("%s is not valid JSON" % constant)

        try:
            doc = json.loads(text, parse_constant=reject_constant)
        except (ValueError, RecursionError) as e:
            raise SchemeError("scheme file '%s': invalid JSON: %s"
                              % (source, e)) from None
        return _read_document(doc, source)

    # -- MLIR ----------------------------------------------------------------

    def to_mlir(self):
        """The ``#stl.scheme<...>`` attribute of the scheme.

        Uses the catalog form ``#stl.scheme<"name">`` when the name is a
        catalog name whose scheme has exactly these coefficients, and the
        full form otherwise, like the C++ attribute printer.
        """
        if self.name:
            try:
                catalog = lookup(self.name)
            except SchemeError:
                catalog = None
            if catalog is not None and catalog.has_same_coefficients(self):
                return "#stl.scheme<%s>" % _mlir_string(self.name)
        parts = []
        if self.name:
            parts.append("name = %s" % _mlir_string(self.name))
        parts.append("tile = [%d, %d, %d]" % self.tile)
        parts.append("rank = %d" % self.rank)
        parts.append("lhs = " + _mlir_matrix(self.lhs))
        parts.append("rhs = " + _mlir_matrix(self.rhs))
        parts.append("out = " + _mlir_matrix(self.out))
        return "#stl.scheme<%s>" % ", ".join(parts)

    @classmethod
    def from_mlir(cls, text):
        """Parses a ``#stl.scheme<...>`` attribute (either form).

        ``text`` must hold the attribute alone (surrounding whitespace and
        ``//`` comments allowed). Use :func:`find_mlir_schemes` to read the
        attributes out of a larger MLIR file.
        """
        parser = _MlirParser(text)
        scheme = parser.parse_attribute()
        parser.expect_end()
        return scheme


# ---------------------------------------------------------------------------
# JSON reading and writing
# ---------------------------------------------------------------------------

def _json_number(x):
    """A coefficient as written by the C++ printer: integers as integers."""
    x = float(x)
    if x == math.trunc(x) and abs(x) < 1e15:
        return int(x)
    return x


def _matrix_to_json(matrix):
    return [[_json_number(x) for x in row] for row in matrix]


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Reader:
    """Reads a parsed JSON document into a scheme (C++ ``SchemeReader``)."""

    def __init__(self, source):
        self.source = source

    def error(self, message):
        return SchemeError("scheme file '%s': %s" % (self.source, message))

    def read_int(self, value, what):
        # Integers and integral floats of at most 2^53 in magnitude.
        if not _is_number(value):
            raise self.error("%s must be an integer (of at most 2^53 in "
                             "magnitude)" % what)
        if isinstance(value, float) and (not math.isfinite(value)
                                         or value != math.trunc(value)):
            raise self.error("%s must be an integer (of at most 2^53 in "
                             "magnitude)" % what)
        if abs(value) > 2 ** 53:
            raise self.error("%s must be an integer (of at most 2^53 in "
                             "magnitude)" % what)
        return int(value)

    def read_matrix(self, doc, key, rows, cols):
        if key not in doc:
            raise self.error("missing field '%s'" % key)
        array = doc[key]
        if not isinstance(array, list):
            raise self.error("'%s' must be an array of rows" % key)
        if len(array) != rows:
            raise self.error("'%s' has %d rows, expected %d"
                             % (key, len(array), rows))
        values = np.empty((rows, cols))
        for i, row in enumerate(array):
            if not isinstance(row, list):
                raise self.error("'%s' row %d must be an array" % (key, i))
            if len(row) != cols:
                raise self.error("'%s' row %d has %d entries, expected %d"
                                 % (key, i, len(row), cols))
            for j, x in enumerate(row):
                if not _is_number(x):
                    raise self.error("'%s'[%d][%d] is not a number"
                                     % (key, i, j))
                try:
                    x = float(x)
                except OverflowError:
                    x = math.inf
                if not math.isfinite(x):
                    raise self.error("'%s'[%d][%d] is not finite"
                                     % (key, i, j))
                values[i, j] = x
        return values

    def read(self, doc):
        if not isinstance(doc, dict):
            raise self.error("top level must be a JSON object")
        name = ""
        if "name" in doc:
            if not isinstance(doc["name"], str):
                raise self.error("'name' must be a string")
            name = doc["name"]

        tile_value = doc.get("tile")
        if not isinstance(tile_value, list):
            raise self.error("'tile' must be an array [m, k, n]"
                             if "tile" in doc else "missing field 'tile'")
        if len(tile_value) != 3:
            raise self.error("'tile' has %d entries, expected 3 ([m, k, n])"
                             % len(tile_value))
        tile = []
        for entry in tile_value:
            size = self.read_int(entry, "'tile' entries")
            if size < 1 or size > K_MAX_TILE_SIDE:
                raise self.error("'tile' entry %d is out of range [1, %d]"
                                 % (size, K_MAX_TILE_SIDE))
            tile.append(size)
        m, k, n = tile

        if "rank" not in doc:
            raise self.error("missing field 'rank'")
        rank = self.read_int(doc["rank"], "'rank'")
        if rank < 1 or rank > K_MAX_RANK:
            raise self.error("'rank' %d is out of range [1, %d]"
                             % (rank, K_MAX_RANK))

        if "exact" in doc and not isinstance(doc["exact"], bool):
            raise self.error("'exact' must be true or false")

        u = self.read_matrix(doc, "lhs", rank, m * k)
        v = self.read_matrix(doc, "rhs", rank, k * n)
        d = self.read_matrix(doc, "out", m * n, rank)
        if not name:
            name = "scheme-%dx%dx%d-r%d" % (m, k, n, rank)
        try:
            return Scheme(name, tile, u, v, d)
        except SchemeError as e:
            raise self.error(str(e)) from None


def _read_document(doc, source):
    return _Reader(source).read(doc)


def load(path):
    """Reads a JSON scheme file. Errors name the file and the problem."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise SchemeError("cannot read scheme file '%s': %s"
                          % (path, e.strerror or e)) from None
    except UnicodeDecodeError as e:
        raise SchemeError("scheme file '%s': invalid JSON: %s"
                          % (path, e)) from None
    return Scheme.from_json(text, source=path)


def save(scheme, path):
    """Writes ``scheme`` to a JSON scheme file."""
    path = os.fspath(path)
    text = scheme.to_json()
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise SchemeError("cannot write scheme file '%s': %s"
                          % (path, e.strerror or e)) from None


# ---------------------------------------------------------------------------
# Composition and the catalog
# ---------------------------------------------------------------------------

def compose(a, b):
    """Kronecker composition of two schemes (STL.md section 4).

    A scheme for ``[m1*m2, k1*k2, n1*n2]`` tiles of rank ``r1*r2`` named
    ``"<a.name>*<b.name>"``, with big-tile row ``i = i1*m2 + i2``, column
    ``q = q1*k2 + q2`` and rank index ``rho = rho1*r2 + rho2``. The
    composition of two exact schemes is exact. Raises :class:`SchemeError`
    when the result exceeds the limits.
    """
    (m1, k1, n1), (m2, k2, n2) = a.tile, b.tile
    m, k, n = m1 * m2, k1 * k2, n1 * n2
    r1, r2 = a.rank, b.rank
    r = r1 * r2
    if max(m, k, n) > K_MAX_TILE_SIDE or r > K_MAX_RANK:
        raise SchemeError("composition of '%s' and '%s' is too large (tile "
                          "%dx%dx%d, rank %d)" % (a.name, b.name, m, k, n, r))

    def compose_columns(x, y, s1, t1, s2, t2):
        # x: (r1, s1*t1), y: (r2, s2*t2) -> (r1*r2, (s1*s2)*(t1*t2)).
        big = np.einsum("aik,bjl->abijkl", x.reshape(r1, s1, t1),
                        y.reshape(r2, s2, t2))
        return big.reshape(r, s1 * s2 * t1 * t2)

    u = compose_columns(a.lhs, b.lhs, m1, k1, m2, k2)
    v = compose_columns(a.rhs, b.rhs, k1, n1, k2, n2)
    d = np.einsum("ica,jdb->ijcdab", a.out.reshape(m1, n1, r1),
                  b.out.reshape(m2, n2, r2)).reshape(m * n, r)
    return Scheme(a.name + "*" + b.name, (m, k, n), u, v, d)


def _naive(name, tile):
    """The trivial exact scheme: one product per (a, b, c), rank m*k*n."""
    m, k, n = tile
    if min(tile) < 1 or max(tile) > K_MAX_TILE_SIDE:
        raise SchemeError("scheme '%s': tile sizes must be in [1, %d]"
                          % (name, K_MAX_TILE_SIDE))
    r = m * k * n
    u = np.zeros((r, m * k))
    v = np.zeros((r, k * n))
    d = np.zeros((m * n, r))
    for a in range(m):
        for b in range(k):
            for c in range(n):
                rho = (a * k + b) * n + c
                u[rho, a * k + b] = 1.0
                v[rho, b * n + c] = 1.0
                d[a * n + c, rho] = 1.0
    return Scheme(name, tile, u, v, d)


# Strassen's scheme (the same coefficients as the C++ catalog and
# shared/bases). X tile entries: 0 = X11, 1 = X12, 2 = X21, 3 = X22; likewise
# W and C.
_STRASSEN = (
    [[1, 0, 0, 1], [0, 0, 1, 1], [1, 0, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0],
     [-1, 0, 1, 0], [0, 1, 0, -1]],
    [[1, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, -1], [-1, 0, 1, 0], [0, 0, 0, 1],
     [1, 1, 0, 0], [0, 0, 1, 1]],
    [[1, 0, 0, 1, -1, 0, 1], [0, 0, 1, 0, 1, 0, 0], [0, 1, 0, 1, 0, 0, 0],
     [1, -1, 1, 0, 0, 1, 0]],
)

# The Strassen-Winograd variant (7 products, 15 additions):
#   M1 = X11 W11             M2 = X12 W21
#   M3 = (X11+X12-X21-X22) W22
#   M4 = X22 (W11-W12-W21+W22)
#   M5 = (X21+X22)(W12-W11)  M6 = (X21+X22-X11)(W11-W12+W22)
#   M7 = (X11-X21)(W22-W12)
#   C11 = M1+M2, C12 = M1+M3+M5+M6, C21 = M1-M4+M6+M7, C22 = M1+M5+M6+M7
_WINOGRAD = (
    [[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, -1, -1], [0, 0, 0, 1], [0, 0, 1, 1],
     [-1, 0, 1, 1], [1, 0, -1, 0]],
    [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, -1, -1, 1], [-1, 1, 0, 0],
     [1, -1, 0, 1], [0, -1, 0, 1]],
    [[1, 1, 0, 0, 0, 0, 0], [1, 0, 1, 0, 1, 1, 0], [1, 0, 0, -1, 0, 1, 1],
     [1, 0, 0, 0, 1, 1, 1]],
)

_NAIVE_SIZE = re.compile(r"-?[0-9]+\Z")
_INT64_MAX = 2 ** 63 - 1


def _lookup_naive(name):
    parts = name[len("naive-"):].split("x")
    ok = len(parts) == 3 and all(_NAIVE_SIZE.match(p) for p in parts)
    dims = [int(p) for p in parts] if ok else []
    if not ok or any(abs(x) > _INT64_MAX for x in dims):
        raise SchemeError("unknown scheme '%s': expected naive-MxKxN with "
                          "positive integers" % name)
    return _naive(name, tuple(dims))


def _lookup_atom(name):
    if name == "strassen-2x2x2":
        return Scheme(name, (2, 2, 2), *_STRASSEN)
    if name == "winograd-2x2x2":
        return Scheme(name, (2, 2, 2), *_WINOGRAD)
    if name == "strassen-4x4x4":
        strassen = Scheme("strassen-2x2x2", (2, 2, 2), *_STRASSEN)
        return compose(strassen, strassen).with_name(name)
    if name.startswith("naive-"):
        return _lookup_naive(name)
    raise SchemeError("unknown scheme '%s' (known: %s, or A*B to compose two)"
                      % (name, ", ".join(catalog_names())))


# The characters llvm::StringRef::trim removes.
_WHITESPACE = " \t\n\v\f\r"


def lookup(name):
    """Looks a scheme up by catalog name; the result is named ``name``.

    Names: ``naive-MxKxN`` (any sizes in [1, 16]), ``strassen-2x2x2``,
    ``winograd-2x2x2``, ``strassen-4x4x4``, and ``A*B*...`` for the
    Kronecker composition of catalog names, e.g.
    ``"strassen-2x2x2*naive-1x1x2"``.
    """
    if not isinstance(name, str):
        raise SchemeError("scheme name must be a string, got %r" % (name,))
    factors = name.split("*")
    result = _lookup_atom(factors[0].strip(_WHITESPACE))
    for factor in factors[1:]:
        result = compose(result, _lookup_atom(factor.strip(_WHITESPACE)))
    return result.with_name(name)


def catalog_names():
    """The fixed catalog names (``naive-MxKxN`` stands for the family)."""
    return ["naive-MxKxN", "strassen-2x2x2", "winograd-2x2x2",
            "strassen-4x4x4"]


def default_exact_schemes():
    """Exact catalog schemes a rewrite picks from, best speedup first."""
    return [lookup("strassen-4x4x4"), lookup("winograd-2x2x2")]


def resolve(spec):
    """A scheme from a catalog name or the path of a JSON scheme file.

    ``spec`` is read as a file when such a file exists or when it ends in
    ``.json`` (so that a missing file is reported as such), and looked up
    in the catalog otherwise.
    """
    spec = os.fspath(spec)
    if spec.endswith(".json") or os.path.isfile(spec):
        return load(spec)
    return lookup(spec)


def matmul_tensor(m, k, n):
    """The MatMul tensor of ``[m, k, n]`` tiles.

    Shape ``(m*k, k*n, m*n)`` with
    ``T[a*k+b, b'*n+c, a'*n+c'] = [a = a'][b = b'][c = c']``.
    """
    t = np.zeros((m * k, k * n, m * n))
    for a in range(m):
        for b in range(k):
            for c in range(n):
                t[a * k + b, b * n + c, a * n + c] = 1.0
    return t


# ---------------------------------------------------------------------------
# Cost model (STL.md section 6)
# ---------------------------------------------------------------------------

#: The keys of :func:`cost`, in the order of the compiler's JSON report.
COST_KEYS = (
    "dense_macs", "tile_product_macs", "encode_lhs_macs",
    "encode_lhs_macs_sparse", "encode_rhs_macs", "encode_rhs_macs_sparse",
    "decode_macs", "decode_macs_sparse", "stl_macs", "stl_macs_sparse",
    "stored_weights_dense", "stored_weights_encoded",
)


def cost(scheme, m, k, n, batch=1, weight_batch=1, constant_weights=False):
    """Multiply-adds and stored weights of one STL MatMul (STL.md section 6).

    The MatMul is ``batch`` products of ``[m x k] * [k x n]``, with
    ``weight_batch`` batches of weights (1 when shared by every batch).
    With ``constant_weights`` the weights are encoded ahead of time and
    their encoding costs nothing at run time. Returns a dict with the keys
    of the compiler's JSON cost report (``--stl-cost-report``), as Python
    ints. Raises :class:`SchemeError` when the tile does not divide the
    sizes.
    """
    sizes = {"M": m, "K": k, "N": n, "batch": batch,
             "weight batch": weight_batch}
    for what, value in sizes.items():
        if _as_int(value, what) < 1:
            raise SchemeError("%s must be positive, got %d" % (what, value))
    m, k, n, batch, weight_batch = (int(x) for x in sizes.values())
    tm, tk, tn = scheme.tile
    if m % tm or k % tk or n % tn:
        raise SchemeError(
            "the %dx%dx%d tile of scheme '%s' does not divide the MatMul "
            "sizes %dx%dx%d" % (tm, tk, tn, scheme.name, m, k, n))
    r = scheme.rank
    gm, gk, gn = m // tm, k // tk, n // tn
    c = dict.fromkeys(COST_KEYS, 0)
    c["dense_macs"] = batch * m * k * n
    c["tile_product_macs"] = batch * r * gm * gk * gn
    c["encode_lhs_macs"] = batch * r * m * k
    c["encode_lhs_macs_sparse"] = (
        batch * int(np.count_nonzero(scheme.lhs)) * gm * gk)
    if not constant_weights:
        c["encode_rhs_macs"] = weight_batch * r * k * n
        c["encode_rhs_macs_sparse"] = (
            weight_batch * int(np.count_nonzero(scheme.rhs)) * gk * gn)
    c["decode_macs"] = batch * r * m * n
    c["decode_macs_sparse"] = (
        batch * int(np.count_nonzero(scheme.out)) * gm * gn)
    c["stl_macs"] = (c["tile_product_macs"] + c["encode_lhs_macs"]
                     + c["encode_rhs_macs"] + c["decode_macs"])
    c["stl_macs_sparse"] = (
        c["tile_product_macs"] + c["encode_lhs_macs_sparse"]
        + c["encode_rhs_macs_sparse"] + c["decode_macs_sparse"])
    c["stored_weights_dense"] = weight_batch * k * n
    c["stored_weights_encoded"] = weight_batch * r * gk * gn
    return c


# ---------------------------------------------------------------------------
# The #stl.scheme attribute
# ---------------------------------------------------------------------------

def _mlir_string(text):
    """A string literal as MLIR prints it (llvm::printEscapedString)."""
    out = ['"']
    for byte in text.encode("utf-8"):
        if byte == 0x5C:
            out.append("\\\\")
        elif 0x20 <= byte < 0x7F and byte != 0x22:
            out.append(chr(byte))
        else:
            out.append("\\%02X" % byte)
    out.append('"')
    return "".join(out)


def _mlir_number(x):
    """A coefficient as the C++ printer writes it, parsing back exactly."""
    x = float(x)
    if x == math.trunc(x) and abs(x) < 1e15:
        return str(int(x))
    text = "%.15g" % x
    if float(text) != x:
        text = "%.17g" % x
    # MLIR float literals need a '.' in the mantissa ("1.0e-20").
    if "." not in text:
        e = text.find("e")
        text = text + ".0" if e < 0 else text[:e] + ".0" + text[e:]
    return text


def _mlir_matrix(matrix):
    return "[%s]" % ", ".join(
        "[%s]" % ", ".join(_mlir_number(x) for x in row) for row in matrix)


_MLIR_TOKEN = re.compile(r"""
    (?P<space>(?:\s+|//[^\n]*)+)
  | (?P<float>[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?)
  | (?P<hex>0x[0-9a-fA-F]+)
  | (?P<int>[0-9]+)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<ident>[A-Za-z_][A-Za-z0-9_$.]*)
  | (?P<punct>[<>\[\],=\-])
  | (?P<attr>\#stl\.scheme(?=<))
""", re.VERBOSE)

_MLIR_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


class _MlirParser:
    """A small recursive-descent parser of the ``#stl.scheme`` syntax."""

    def __init__(self, text, pos=0):
        self.text = text
        self.pos = pos
        self._skip()

    def error(self, message):
        line = self.text.count("\n", 0, self.pos) + 1
        column = self.pos - (self.text.rfind("\n", 0, self.pos) + 1) + 1
        return SchemeError("invalid #stl.scheme attribute at %d:%d: %s"
                           % (line, column, message))

    def _skip(self):
        match = _MLIR_TOKEN.match(self.text, self.pos)
        if match and match.lastgroup == "space":
            self.pos = match.end()

    def peek(self):
        """Returns ``(kind, text)`` of the next token, or ``("eof", "")``."""
        if self.pos >= len(self.text):
            return "eof", ""
        match = _MLIR_TOKEN.match(self.text, self.pos)
        if not match:
            return "bad", self.text[self.pos]
        return match.lastgroup, match.group()

    def next(self):
        kind, token = self.peek()
        if kind == "bad":
            raise self.error("unexpected character %r" % token)
        self.pos += len(token)
        self._skip()
        return kind, token

    def expect(self, punct):
        kind, token = self.peek()
        if token != punct or kind != "punct":
            raise self.error("expected '%s', found %s"
                             % (punct, _describe(kind, token)))
        self.next()

    def accept(self, punct):
        kind, token = self.peek()
        if kind == "punct" and token == punct:
            self.next()
            return True
        return False

    def expect_end(self):
        kind, token = self.peek()
        if kind != "eof":
            raise self.error("unexpected %s after the attribute"
                             % _describe(kind, token))

    def parse_string(self):
        kind, token = self.peek()
        if kind != "string":
            raise self.error("expected a string, found %s"
                             % _describe(kind, token))
        self.next()
        body = token[1:-1]
        data = bytearray()
        i = 0
        while i < len(body):
            ch = body[i]
            if ch != "\\":
                data += ch.encode("utf-8")
                i += 1
                continue
            nxt = body[i + 1]
            if nxt in _MLIR_ESCAPES:
                data += _MLIR_ESCAPES[nxt].encode("utf-8")
                i += 2
            elif re.match(r"[0-9a-fA-F]{2}", body[i + 1:i + 3]):
                data.append(int(body[i + 1:i + 3], 16))
                i += 3
            else:
                raise self.error("unknown escape in string literal")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise self.error("string is not valid UTF-8") from None

    def parse_integer(self, what):
        negative = self.accept("-")
        kind, token = self.peek()
        if kind not in ("int", "hex"):
            raise self.error("expected an integer for %s, found %s"
                             % (what, _describe(kind, token)))
        self.next()
        value = int(token, 0) if kind == "hex" else int(token, 10)
        return -value if negative else value

    def parse_number(self):
        negative = self.accept("-")
        kind, token = self.peek()
        if kind not in ("int", "hex", "float"):
            raise self.error("expected a number, found %s"
                             % _describe(kind, token))
        self.next()
        try:
            value = (float(token) if kind == "float" else
                     float(int(token, 16 if kind == "hex" else 10)))
        except OverflowError:
            value = math.inf  # Rejected as not finite by the checks.
        return -value if negative else value

    def parse_list(self, parse_element):
        self.expect("[")
        items = []
        if self.accept("]"):
            return items
        while True:
            items.append(parse_element())
            if self.accept("]"):
                return items
            self.expect(",")

    def parse_matrix(self, key):
        rows = self.parse_list(lambda: self.parse_list(self.parse_number))
        for row in rows[1:]:
            if len(row) != len(rows[0]):
                raise self.error("rows of '%s' have different lengths (%d "
                                 "and %d)" % (key, len(rows[0]), len(row)))
        return [x for row in rows for x in row]

    def parse_attribute(self):
        kind, token = self.peek()
        if kind != "attr":
            raise self.error("expected '#stl.scheme<', found %s"
                             % _describe(kind, token))
        self.next()
        self.expect("<")
        if self.peek()[0] == "string":
            name = self.parse_string()
            self.expect(">")
            return lookup(name)

        entries = {}
        while True:
            kind, key = self.peek()
            if kind != "ident":
                raise self.error("expected a key, found %s"
                                 % _describe(kind, key))
            self.next()
            self.expect("=")
            if key in entries:
                raise self.error(
                    "'%s' is given more than once in #stl.scheme" % key)
            if key == "name":
                entries[key] = self.parse_string()
            elif key == "rank":
                entries[key] = self.parse_integer("'rank'")
            elif key == "tile":
                tile = self.parse_list(lambda: self.parse_integer("'tile'"))
                if len(tile) != 3:
                    raise self.error("'tile' must have 3 entries [m, k, n], "
                                     "got %d" % len(tile))
                entries[key] = tile
            elif key in ("lhs", "rhs", "out"):
                entries[key] = self.parse_matrix(key)
            else:
                raise self.error("unknown key '%s' in #stl.scheme (expected "
                                 "name, tile, rank, lhs, rhs, out)" % key)
            if not self.accept(","):
                break
        self.expect(">")
        for key in ("tile", "rank", "lhs", "rhs", "out"):
            if key not in entries:
                raise SchemeError("#stl.scheme is missing '%s'" % key)
        name = entries.get("name", "")
        tile, rank = entries["tile"], entries["rank"]
        problem = validate(tile, rank, np.array(entries["lhs"]),
                           np.array(entries["rhs"]), np.array(entries["out"]))
        if problem:
            raise SchemeError("invalid scheme%s: %s" % (
                " '%s'" % name if name else "", problem))
        return Scheme(name, tile, entries["lhs"], entries["rhs"],
                      entries["out"], rank=rank)


def _describe(kind, token):
    if kind == "eof":
        return "the end of the text"
    return "'%s'" % token


def find_mlir_schemes(text):
    """Parses every ``#stl.scheme<...>`` attribute in an MLIR text.

    Returns the schemes in the order of the text (an attribute alias
    definition counts like any other occurrence).
    """
    schemes = []
    for match in re.finditer(r"#stl\.scheme<", text):
        parser = _MlirParser(text, match.start())
        schemes.append(parser.parse_attribute())
    return schemes
