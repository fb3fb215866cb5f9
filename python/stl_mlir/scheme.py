"""Bilinear Strassen-Tile schemes: the compiler's scheme library in Python.

A rank-``r`` scheme for ``[m, k, n]`` tiles is three coefficient matrices
(``STL.md`` section 2): ``lhs`` (U, ``r x m*k``), ``rhs`` (V,
``r x k*n``) and ``out`` (D, ``m*n x r``), with tiles vectorised row-major.

Everything this module says about a scheme is the C++ scheme library's
(``include/stl/Scheme``), reached through its C API in ``libSTLCAPI.so``
(:mod:`stl_mlir.capi` finds and loads it): the checks and limits, the
catalog, Kronecker composition, the Brent residual and exactness, the JSON
file format, the ``#stl.scheme`` attribute text and the cost model, with
the library's messages. A :class:`Scheme` holds the library's scheme; it is
created from numpy arrays and its coefficients read as read-only numpy
arrays, for fitting (:mod:`stl_mlir.fit`) and the reference operator
(:mod:`stl_mlir.reference`).

The library comes from a build of stl-mlir: without one, the first use of
this module raises :class:`stl_mlir.capi.LibraryNotFound`, saying where it
was looked for. Every problem with a scheme, a file, a name or a size raises
:class:`SchemeError`.
"""

import ctypes
import json
import operator
import os

import numpy as np

from . import capi

__all__ = [
    "SchemeError", "Scheme", "exact_tolerance",
    "check_sizes", "load", "save", "lookup", "catalog", "catalog_names",
    "default_exact_schemes", "compose", "resolve", "cost",
    "find_mlir_schemes",
]


class SchemeError(ValueError):
    """A scheme, scheme file, attribute, catalog name or size is invalid."""


# ---------------------------------------------------------------------------
# Calling the library
# ---------------------------------------------------------------------------

_INT64 = (-2 ** 63, 2 ** 63 - 1)


def _lib():
    return capi.load_library()


def _encode(text):
    """A Python string as the library's bytes (names may hold any bytes)."""
    return text.encode("utf-8", errors="surrogateescape")


def _decode(data):
    return data.decode("utf-8", errors="surrogateescape")


def _string_ref(data):
    return capi.StringRef.of(data)


def _make(call):
    """Runs ``call(error_callback)``, which returns a StlScheme: the new
    :class:`Scheme`, or :class:`SchemeError` with the library's reason."""
    errors = capi.Collector()
    handle = call(errors.callback)
    if not handle.ptr:
        raise SchemeError(errors.text() or "the scheme library failed")
    return Scheme._adopt(handle)


def _check(call):
    """Runs ``call(error_callback)``, which returns an MlirLogicalResult;
    raises :class:`SchemeError` with the library's reason on failure."""
    errors = capi.Collector()
    if not call(errors.callback).value:
        raise SchemeError(errors.text() or "the scheme library failed")


def _as_int(value, what):
    """An integer argument (not a bool or a float) that fits in int64."""
    if isinstance(value, (bool, np.bool_)):
        raise SchemeError("%s must be an integer, got %r" % (what, value))
    try:
        value = operator.index(value)
    except TypeError:
        raise SchemeError("%s must be an integer, got %r"
                          % (what, value)) from None
    if not _INT64[0] <= value <= _INT64[1]:
        raise SchemeError("%s %d does not fit in 64 bits" % (what, value))
    return value


def _as_tile(tile):
    try:
        tile = tuple(tile)
    except TypeError:
        raise SchemeError("tile must be a sequence [m, k, n], got %r"
                          % (tile,)) from None
    if len(tile) != 3:
        raise SchemeError("tile has %d entries, expected 3 ([m, k, n])"
                          % len(tile))
    return tuple(_as_int(t, "tile size %s" % dim)
                 for t, dim in zip(tile, "mkn"))


def exact_tolerance():
    """The Brent residual at most which a scheme is exact (the library's
    ``kExactTolerance``, 1e-9)."""
    return _lib().stlSchemeGetExactTolerance()


def check_sizes(tile, rank):
    """Checks a tile ``(m, k, n)`` and a rank as the library does before it
    reads a scheme's coefficients (tile sides and rank within its limits);
    raises :class:`SchemeError` with the library's message. Returns the
    tile as a tuple and the rank as ints."""
    tile = _as_tile(tile)
    rank = _as_int(rank, "rank")
    _check(lambda cb: _lib().stlSchemeCheckSizes(*tile, rank, cb, None))
    return tile, rank


# ---------------------------------------------------------------------------
# The scheme
# ---------------------------------------------------------------------------

def _as_array(what, values):
    """``values`` as a contiguous float64 array, or :class:`SchemeError`."""
    try:
        array = np.ascontiguousarray(values, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise SchemeError("'%s' must be a matrix of numbers (%s)"
                          % (what, e)) from None
    if array.ndim > 2:
        raise SchemeError("'%s' must be a matrix, got an array of shape %s"
                          % (what, array.shape))
    return array


def _coefficients(what, array, rows, cols):
    """Checks that ``array`` (of :func:`_as_array`) holds ``rows * cols``
    numbers, the library reading that many; a matrix must have exactly that
    shape (a transposed D has the right size but the wrong meaning)."""
    if array.ndim == 2 and array.shape != (rows, cols):
        raise SchemeError("'%s' has shape %s, expected %s"
                          % (what, array.shape, (rows, cols)))
    if array.size != rows * cols:
        raise SchemeError("'%s' has %d coefficients, expected %d x %d = %d"
                          % (what, array.size, rows, cols, rows * cols))
    return array


class Scheme:
    """A scheme of the C++ library (``mlir::stl::Scheme``), immutable.

    Attributes (read-only):
        name: the scheme's name (may be empty, like an unnamed attribute).
        tile: ``(m, k, n)``.
        rank: the number of products ``r``.
        lhs: U, a read-only float64 array of shape ``(r, m*k)``.
        rhs: V, a read-only float64 array of shape ``(r, k*n)``.
        out: D, a read-only float64 array of shape ``(m*n, r)``.
    """

    def __init__(self, name, tile, lhs, rhs, out, *, rank=None):
        """Creates a scheme from its coefficients (``stlSchemeCreate``).

        ``lhs``, ``rhs`` and ``out`` are matrices of shapes ``(r, m*k)``,
        ``(r, k*n)`` and ``(m*n, r)`` (anything numpy converts). With
        ``rank`` given they may also be flat row-major arrays, as in C++.
        The library checks the scheme (tile sides, rank, finite
        coefficients, the cost of its exactness check); here, that the
        arrays are numbers and have the sizes the tile and the rank give.
        Raises :class:`SchemeError` on the first problem found.
        """
        if not isinstance(name, str):
            raise SchemeError("scheme name must be a string, got %r" % (name,))
        tile = _as_tile(tile)
        m, k, n = tile
        u, v, d = (_as_array(what, values) for what, values in
                   (("lhs", lhs), ("rhs", rhs), ("out", out)))
        if rank is None:
            if u.ndim != 2:
                raise SchemeError(
                    "'lhs' must be a matrix of rank rows of m*k coefficients "
                    "(got an array of shape %s)" % (u.shape,))
            rank = u.shape[0]
        tile, rank = check_sizes(tile, rank)
        u = _coefficients("lhs", u, rank, m * k)
        v = _coefficients("rhs", v, rank, k * n)
        d = _coefficients("out", d, m * n, rank)
        ptrs = [a.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
                for a in (u, v, d)]
        data = _encode(name)
        lib = _lib()
        errors = capi.Collector()
        handle = lib.stlSchemeCreate(_string_ref(data), m, k, n, rank, *ptrs,
                                     errors.callback, None)
        if not handle.ptr:
            raise SchemeError(errors.text())
        self._init(handle)

    @classmethod
    def _adopt(cls, handle):
        """The Scheme owning the library's scheme ``handle``."""
        scheme = cls.__new__(cls)
        scheme._init(handle)
        return scheme

    def _init(self, handle):
        self._lib = _lib()
        self._handle = handle
        self._arrays = {}
        self._residual = None
        self._frobenius = None

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle is not None and handle.ptr:
            self._lib.stlSchemeDestroy(handle)
            self._handle = None

    # Immutable: copies are the scheme itself (never two owners of one
    # handle).
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    # -- sizes ---------------------------------------------------------------

    @property
    def name(self):
        """The scheme's name."""
        return _decode(self._lib.stlSchemeGetName(self._handle).bytes())

    @property
    def tile(self):
        """``(m, k, n)``."""
        lib, h = self._lib, self._handle
        return (lib.stlSchemeGetTileM(h), lib.stlSchemeGetTileK(h),
                lib.stlSchemeGetTileN(h))

    @property
    def rank(self):
        """The number of products ``r``."""
        return self._lib.stlSchemeGetRank(self._handle)

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
        m, k, n = self.tile
        return m * k * n

    # -- coefficients --------------------------------------------------------

    def _matrix(self, part, rows, cols):
        array = self._arrays.get(part)
        if array is None:
            ptr = getattr(self._lib, "stlSchemeGet" + part)(self._handle)
            array = np.ctypeslib.as_array(ptr, shape=(rows * cols,)).reshape(
                rows, cols).copy()
            array.flags.writeable = False
            self._arrays[part] = array
        return array

    @property
    def lhs(self):
        """U: ``(rank, m*k)``, read-only."""
        m, k, _ = self.tile
        return self._matrix("Lhs", self.rank, m * k)

    @property
    def rhs(self):
        """V: ``(rank, k*n)``, read-only."""
        _, k, n = self.tile
        return self._matrix("Rhs", self.rank, k * n)

    @property
    def out(self):
        """D: ``(m*n, rank)``, read-only."""
        m, _, n = self.tile
        return self._matrix("Out", m * n, self.rank)

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
            self.name, *self.tile, self.rank)

    def with_name(self, name):
        """A copy of the scheme with another name."""
        return Scheme(name, self.tile, self.lhs, self.rhs, self.out)

    # -- exactness -----------------------------------------------------------

    def brent_residual(self):
        """The Brent residual (STL.md section 3): the largest absolute
        difference between the scheme's trilinear form and the MatMul
        tensor; 0 for an exact scheme in exact arithmetic."""
        if self._residual is None:
            self._residual = self._lib.stlSchemeGetBrentResidual(self._handle)
        return self._residual

    def relative_frobenius_error(self):
        """``||T_hat - T||_F / ||T||_F`` with T the MatMul tensor."""
        if self._frobenius is None:
            self._frobenius = self._lib.stlSchemeGetRelativeFrobeniusError(
                self._handle)
        return self._frobenius

    def is_exact(self, tolerance=None):
        """True when the Brent residual is at most ``tolerance`` (by
        default :func:`exact_tolerance`)."""
        if tolerance is None:
            tolerance = exact_tolerance()
        return self.brent_residual() <= tolerance

    def speedup_bound(self):
        """``m*k*n / r``: the speedup of the tile product alone."""
        return self._lib.stlSchemeGetSpeedupBound(self._handle)

    # -- JSON ----------------------------------------------------------------

    def to_json(self):
        """The scheme in the JSON scheme-file format (``printSchemeJSON``,
        with ``exact`` computed), ending with a newline."""
        text = capi.Collector()
        self._lib.stlSchemePrintJSON(self._handle, text.callback, None)
        return text.text(errors="surrogateescape")

    @classmethod
    def from_json(cls, text, source="<string>"):
        """Parses the JSON scheme-file format (``parseSchemeJSON``);
        ``source`` names the text in errors. A claimed ``exact`` is never
        trusted; a scheme without a name gets ``scheme-MxKxN-rR``."""
        data, src = _encode(text), _encode(source)
        return _make(lambda cb: _lib().stlSchemeParseJSON(
            _string_ref(data), _string_ref(src), cb, None))

    # -- MLIR ----------------------------------------------------------------

    def to_mlir(self):
        """The ``#stl.scheme<...>`` attribute text, as the compiler prints
        it: ``#stl.scheme<"name">`` when the name is a catalog name with
        these coefficients, the full form otherwise."""
        text = capi.Collector()
        self._lib.stlSchemePrintAttribute(self._handle, text.callback, None)
        return text.text(errors="surrogateescape")

    @classmethod
    def from_mlir(cls, text):
        """Parses a ``#stl.scheme<...>`` attribute (either form) with the
        compiler's parser. ``text`` must hold the attribute alone (white
        space and ``//`` comments aside); :func:`find_mlir_schemes` reads
        the attributes of a larger MLIR text."""
        data = _encode(text)
        return _make(lambda cb: _lib().stlSchemeParseAttribute(
            _string_ref(data), cb, None))


# ---------------------------------------------------------------------------
# Files, names and composition
# ---------------------------------------------------------------------------

def load(path):
    """Reads a JSON scheme file (``readSchemeFile``). Errors name the file
    and the problem."""
    data = os.fsencode(os.fspath(path))
    return _make(lambda cb: _lib().stlSchemeReadFile(_string_ref(data), cb,
                                                     None))


def save(scheme, path):
    """Writes ``scheme`` to a JSON scheme file (``writeSchemeFile``)."""
    data = os.fsencode(os.fspath(path))
    _check(lambda cb: _lib().stlSchemeWriteFile(scheme._handle,
                                                _string_ref(data), cb, None))


def lookup(name):
    """A catalog scheme, named ``name`` (``lookupCatalogScheme``).

    Names: those of :func:`catalog` (``naive-MxKxN`` for any sizes,
    ``strassen-2x2x2``, ...) and ``A*B*...`` for the Kronecker composition
    of catalog names, e.g. ``"strassen-2x2x2*naive-1x1x2"``.
    """
    if not isinstance(name, str):
        raise SchemeError("scheme name must be a string, got %r" % (name,))
    data = _encode(name)
    return _make(lambda cb: _lib().stlSchemeLookup(_string_ref(data), cb,
                                                   None))


def catalog():
    """The catalog's entries, in order: ``(pattern, description)`` pairs.

    A pattern is a fixed name (``strassen-2x2x2``) or a family in which
    ``M``, ``K`` and ``N`` stand for the tile's sizes (``naive-MxKxN``).
    """
    lib = _lib()
    return [(_decode(lib.stlSchemeCatalogGetEntryPattern(i).bytes()),
             _decode(lib.stlSchemeCatalogGetEntryDescription(i).bytes()))
            for i in range(lib.stlSchemeCatalogGetNumEntries())]


def catalog_names():
    """The catalog's patterns, in order (``naive-MxKxN`` for the family)."""
    return [pattern for pattern, _ in catalog()]


def default_exact_schemes():
    """The exact catalog schemes a rewrite picks from when it is given none,
    best speedup first (``getDefaultExactSchemes``)."""
    lib = _lib()
    return [Scheme._adopt(lib.stlSchemeGetDefaultExactScheme(i))
            for i in range(lib.stlSchemeGetNumDefaultExactSchemes())]


def compose(a, b):
    """The Kronecker composition of two schemes (STL.md section 4,
    ``composeSchemes``), named ``"<a.name>*<b.name>"``: ``[m1*m2, k1*k2,
    n1*n2]`` tiles, rank ``r1*r2``, exact when both are. Raises
    :class:`SchemeError` when the result exceeds the limits."""
    for s in (a, b):
        if not isinstance(s, Scheme):
            raise SchemeError("compose takes two Schemes, got %r" % (s,))
    return _make(lambda cb: _lib().stlSchemeCompose(a._handle, b._handle, cb,
                                                    None))


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


def cost(scheme, m, k, n, batch=1, weight_batch=1, constant_weights=False):
    """Multiply-adds and stored weights of one STL MatMul (STL.md section 6,
    ``computeSTLCost``).

    The MatMul is ``batch`` products of ``[m x k] * [k x n]``, with
    ``weight_batch`` batches of weights (1 when shared by every batch, or
    ``batch``). With ``constant_weights`` the weights are encoded ahead of
    time and their encoding costs nothing at run time. Returns the JSON
    object of the compiler's cost report (``--stl-cost-report=format=json``)
    as a dict of ints. Raises :class:`SchemeError` when the tile does not
    divide the sizes, a size is not positive, or a count overflows.
    """
    sizes = [_as_int(value, what) for value, what in (
        (batch, "batch"), (m, "M"), (k, "K"), (n, "N"),
        (weight_batch, "weight batch"))]
    text, errors = capi.Collector(), capi.Collector()
    result = _lib().stlSchemePrintCostJSON(
        scheme._handle, *sizes, bool(constant_weights), text.callback,
        errors.callback, None)
    if not result.value:
        raise SchemeError(errors.text())
    counts = json.loads(text.text())
    if counts.get("overflow"):
        raise SchemeError("the cost of %d %dx%dx%d MatMuls with scheme '%s' "
                          "overflows 64-bit counts"
                          % (sizes[0], m, k, n, scheme.name))
    return counts


def find_mlir_schemes(text):
    """Every ``#stl.scheme<...>`` attribute of an MLIR text, parsed by the
    compiler (``stlSchemeParseAttributes``), in the order of the text (an
    attribute alias definition counts like any other occurrence). Raises
    :class:`SchemeError` for the first that does not parse."""
    found = []

    def collect(handle, _user_data):
        found.append(Scheme._adopt(capi.Handle(handle)))

    callback = capi.SchemeCallback(collect)
    data = _encode(text)
    _check(lambda cb: _lib().stlSchemeParseAttributes(_string_ref(data),
                                                      callback, cb, None))
    return found
