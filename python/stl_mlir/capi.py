"""The compiler from Python: ctypes bindings of stl-mlir's C API.

``libSTLCAPI.so`` (``include/stl-c/``) holds stl-mlir and MLIR's own C API.
This module loads it and offers:

* :func:`compile`: MLIR text through a pass pipeline, as ``stl-opt`` would
  run it, returning the output text or raising :class:`CompileError` with the
  diagnostics;
* :class:`NativeScheme`: the C++ scheme library (catalog, JSON, composition,
  Brent residual, cost model, ``#stl.scheme`` attribute), which the tests use
  to check that :mod:`stl_mlir.scheme` gives the same answers.

The library is looked for, in order: ``$STL_CAPI_LIBRARY`` (a path to the
library), ``$STL_BUILD_DIR/lib``, the ``lib`` directory of an install tree
this package was installed into (``<prefix>/python/stl_mlir`` ->
``<prefix>/lib``), and ``build/lib`` of the source tree.
"""

import ctypes
import json
import os

import numpy as np

__all__ = [
    "CompileError", "LibraryNotFound", "compile", "compile_with_diagnostics",
    "find_library", "load_library", "NativeScheme", "NativeSchemeError",
]

_LIBRARY_NAME = "libSTLCAPI.so"


class LibraryNotFound(RuntimeError):
    """libSTLCAPI.so is not where it is looked for (build stl-mlir first)."""


class CompileError(RuntimeError):
    """Compilation failed; ``diagnostics`` holds what the compiler printed."""

    def __init__(self, diagnostics):
        self.diagnostics = diagnostics
        super().__init__(diagnostics.strip() or "compilation failed")


class NativeSchemeError(ValueError):
    """The C++ scheme library refused a scheme, name or size."""


# ---------------------------------------------------------------------------
# The library
# ---------------------------------------------------------------------------

class _StringRef(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("length", ctypes.c_size_t)]

    @classmethod
    def of(cls, text):
        """A string reference to ``text`` (bytes); keep ``text`` alive."""
        return cls(ctypes.cast(ctypes.c_char_p(text), ctypes.c_void_p),
                   len(text))


class _LogicalResult(ctypes.Structure):
    _fields_ = [("value", ctypes.c_int8)]


class _Handle(ctypes.Structure):
    """MlirContext, MlirAttribute, StlScheme: a struct of one pointer."""
    _fields_ = [("ptr", ctypes.c_void_p)]


_StringCallback = ctypes.CFUNCTYPE(None, _StringRef, ctypes.c_void_p)


def find_library():
    """Returns the path of libSTLCAPI.so; raises LibraryNotFound."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = []
    if os.environ.get("STL_CAPI_LIBRARY"):
        candidates.append(os.environ["STL_CAPI_LIBRARY"])
    if os.environ.get("STL_BUILD_DIR"):
        candidates.append(os.path.join(os.environ["STL_BUILD_DIR"], "lib",
                                       _LIBRARY_NAME))
    prefix = os.path.dirname(os.path.dirname(here))
    candidates.append(os.path.join(prefix, "lib", _LIBRARY_NAME))
    candidates.append(os.path.join(prefix, "build", "lib", _LIBRARY_NAME))
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise LibraryNotFound(
        "%s not found (looked at: %s); build stl-mlir (utils/build.sh) or set "
        "STL_CAPI_LIBRARY" % (_LIBRARY_NAME, ", ".join(candidates)))


_library = None


def _declare(lib, name, restype, *argtypes):
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)


def load_library():
    """Loads libSTLCAPI.so once and declares the functions used here."""
    global _library
    if _library is not None:
        return _library
    lib = ctypes.CDLL(find_library())
    S, CB, P = _StringRef, _StringCallback, ctypes.c_void_p
    H, I64, D = _Handle, ctypes.c_int64, ctypes.c_double
    DP = ctypes.POINTER(ctypes.c_double)
    _declare(lib, "stlCompile", _LogicalResult, S, S, S, CB, CB, P)
    _declare(lib, "stlSchemeDestroy", None, H)
    _declare(lib, "stlSchemeLookup", H, S, CB, P)
    _declare(lib, "stlSchemeParseJSON", H, S, S, CB, P)
    _declare(lib, "stlSchemeReadFile", H, S, CB, P)
    _declare(lib, "stlSchemeCreate", H, S, I64, I64, I64, I64, DP, DP, DP,
             CB, P)
    _declare(lib, "stlSchemeCompose", H, H, H, CB, P)
    _declare(lib, "stlSchemeGetName", S, H)
    for dim in "MKN":
        _declare(lib, "stlSchemeGetTile" + dim, I64, H)
    _declare(lib, "stlSchemeGetRank", I64, H)
    for part in ("Lhs", "Rhs", "Out"):
        _declare(lib, "stlSchemeGet" + part, DP, H)
    _declare(lib, "stlSchemeGetBrentResidual", D, H)
    _declare(lib, "stlSchemeGetRelativeFrobeniusError", D, H)
    _declare(lib, "stlSchemeIsExact", ctypes.c_bool, H, D)
    _declare(lib, "stlSchemePrintJSON", None, H, CB, P)
    _declare(lib, "stlSchemePrintCostJSON", _LogicalResult, H, I64, I64, I64,
             I64, I64, ctypes.c_bool, CB, CB, P)
    _declare(lib, "mlirContextCreate", H)
    _declare(lib, "mlirGetDialectHandle__stl__", H)
    _declare(lib, "mlirDialectHandleLoadDialect", H, H, H)
    _declare(lib, "mlirContextDestroy", None, H)
    _declare(lib, "mlirAttributeParseGet", H, H, S)
    _declare(lib, "mlirAttributePrint", None, H, CB, P)
    _declare(lib, "stlSchemeAttrGet", H, H, H)
    _declare(lib, "stlSchemeAttrGetScheme", H, H)
    _declare(lib, "stlAttributeIsAScheme", ctypes.c_bool, H)
    _library = lib
    return lib


class _Collector:
    """A string callback that appends what it is given."""

    def __init__(self):
        self.parts = []
        self.callback = _StringCallback(self._append)

    def _append(self, ref, _user_data):
        self.parts.append(ctypes.string_at(ref.data, ref.length))

    def text(self):
        return b"".join(self.parts).decode("utf-8", errors="replace")


# ---------------------------------------------------------------------------
# Compiling
# ---------------------------------------------------------------------------

def compile_with_diagnostics(source, pipeline="", source_name="<source>"):
    """Compiles MLIR text ``source`` with the textual ``pipeline``.

    ``pipeline`` is what ``stl-opt --pass-pipeline=`` takes
    (``"builtin.module(stl-replace-matmul, stl-cpu-pipeline)"``) or a
    comma-separated list of passes and pipelines run on the module
    (``"stl-replace-matmul{pad report},stl-decompose"``); empty: parse and
    verify only. Returns ``(output, diagnostics)``: the resulting MLIR text
    and every diagnostic printed (remarks, warnings), as
    ``<source_name>:<line>:<col>: <severity>: <message>`` lines. Raises
    :class:`CompileError` when the source does not parse or verify, the
    pipeline does not parse, or a pass fails.
    """
    lib = load_library()
    output, diagnostics = _Collector(), _Collector()
    src = source.encode("utf-8")
    name = source_name.encode("utf-8")
    pipe = pipeline.encode("utf-8")
    result = lib.stlCompile(_StringRef.of(src), _StringRef.of(name),
                            _StringRef.of(pipe), output.callback,
                            diagnostics.callback, None)
    if not result.value:
        raise CompileError(diagnostics.text())
    return output.text(), diagnostics.text()


def compile(source, pipeline="", source_name="<source>"):
    """:func:`compile_with_diagnostics` without the diagnostics: the output
    text, or :class:`CompileError`."""
    return compile_with_diagnostics(source, pipeline, source_name)[0]


# ---------------------------------------------------------------------------
# The C++ scheme library
# ---------------------------------------------------------------------------

class NativeScheme:
    """A scheme held by the C++ library (``stl-c/Scheme.h``)."""

    def __init__(self, handle):
        self._handle = handle
        self._lib = load_library()

    def __del__(self):
        if getattr(self, "_handle", None) is not None and self._handle.ptr:
            self._lib.stlSchemeDestroy(self._handle)
            self._handle = None

    @staticmethod
    def _make(call):
        """Runs ``call(error_callback)``; a null scheme raises the error."""
        errors = _Collector()
        handle = call(errors.callback)
        if not handle.ptr:
            raise NativeSchemeError(errors.text())
        return NativeScheme(handle)

    @classmethod
    def lookup(cls, name):
        lib, text = load_library(), name.encode()
        return cls._make(lambda cb: lib.stlSchemeLookup(
            _StringRef.of(text), cb, None))

    @classmethod
    def from_json(cls, text, source="<string>"):
        lib, data, src = load_library(), text.encode(), source.encode()
        return cls._make(lambda cb: lib.stlSchemeParseJSON(
            _StringRef.of(data), _StringRef.of(src), cb, None))

    @classmethod
    def read_file(cls, path):
        lib, data = load_library(), os.fsencode(path)
        return cls._make(lambda cb: lib.stlSchemeReadFile(
            _StringRef.of(data), cb, None))

    @classmethod
    def create(cls, name, tile, lhs, rhs, out):
        lib = load_library()
        m, k, n = (int(x) for x in tile)
        arrays = [np.ascontiguousarray(a, dtype=np.float64)
                  for a in (lhs, rhs, out)]
        rank = arrays[0].shape[0] if arrays[0].ndim == 2 else 0
        ptrs = [a.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
                for a in arrays]
        data = name.encode()
        return cls._make(lambda cb: lib.stlSchemeCreate(
            _StringRef.of(data), m, k, n, rank, *ptrs, cb, None))

    def compose(self, other):
        lib = self._lib
        return self._make(lambda cb: lib.stlSchemeCompose(
            self._handle, other._handle, cb, None))

    @property
    def name(self):
        ref = self._lib.stlSchemeGetName(self._handle)
        return ctypes.string_at(ref.data, ref.length).decode()

    @property
    def tile(self):
        return tuple(getattr(self._lib, "stlSchemeGetTile" + d)(self._handle)
                     for d in "MKN")

    @property
    def rank(self):
        return self._lib.stlSchemeGetRank(self._handle)

    def _matrix(self, part, rows, cols):
        ptr = getattr(self._lib, "stlSchemeGet" + part)(self._handle)
        return np.ctypeslib.as_array(ptr, shape=(rows * cols,)).reshape(
            rows, cols).copy()

    @property
    def lhs(self):
        m, k, _ = self.tile
        return self._matrix("Lhs", self.rank, m * k)

    @property
    def rhs(self):
        _, k, n = self.tile
        return self._matrix("Rhs", self.rank, k * n)

    @property
    def out(self):
        m, _, n = self.tile
        return self._matrix("Out", m * n, self.rank)

    def brent_residual(self):
        return self._lib.stlSchemeGetBrentResidual(self._handle)

    def relative_frobenius_error(self):
        return self._lib.stlSchemeGetRelativeFrobeniusError(self._handle)

    def is_exact(self, tolerance=1e-9):
        return bool(self._lib.stlSchemeIsExact(self._handle, tolerance))

    def to_json(self):
        text = _Collector()
        self._lib.stlSchemePrintJSON(self._handle, text.callback, None)
        return text.text()

    def cost(self, m, k, n, batch=1, weight_batch=1, constant_weights=False):
        """The cost report's JSON object for the MatMul, as a dict."""
        text, errors = _Collector(), _Collector()
        result = self._lib.stlSchemePrintCostJSON(
            self._handle, batch, m, k, n, weight_batch, constant_weights,
            text.callback, errors.callback, None)
        if not result.value:
            raise NativeSchemeError(errors.text())
        return json.loads(text.text())

    def to_mlir(self):
        """The ``#stl.scheme`` attribute as the C++ printer prints it."""
        lib = self._lib
        ctx = lib.mlirContextCreate()
        try:
            attr = lib.stlSchemeAttrGet(ctx, self._handle)
            text = _Collector()
            lib.mlirAttributePrint(attr, text.callback, None)
            return text.text()
        finally:
            lib.mlirContextDestroy(ctx)

    @classmethod
    def from_mlir(cls, text):
        """Parses ``#stl.scheme<...>`` with MLIR's attribute parser (parse
        errors are printed on stderr by MLIR's default handler)."""
        lib = load_library()
        ctx = lib.mlirContextCreate()
        try:
            lib.mlirDialectHandleLoadDialect(lib.mlirGetDialectHandle__stl__(),
                                             ctx)
            data = text.encode()
            attr = lib.mlirAttributeParseGet(ctx, _StringRef.of(data))
            if not attr.ptr or not lib.stlAttributeIsAScheme(attr):
                raise NativeSchemeError("not a #stl.scheme attribute: %s" %
                                        text)
            return NativeScheme(lib.stlSchemeAttrGetScheme(attr))
        finally:
            lib.mlirContextDestroy(ctx)
