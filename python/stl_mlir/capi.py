"""The compiler from Python: ctypes bindings of stl-mlir's C API.

``libSTLCAPI.so`` (``include/stl-c/``) holds stl-mlir and MLIR's own C API.
This module loads it and offers:

* :func:`compile`: MLIR text through a pass pipeline, as ``stl-opt`` would
  run it, returning the output text or raising :class:`CompileError` with the
  diagnostics;
* :func:`load_library`: the library with the argument and result types of
  the functions used from Python declared, among them the scheme library's
  (``stl-c/Scheme.h``, ``stl-c/Dialect.h``, ``stl-c/Catalog.h``) that
  :mod:`stl_mlir.scheme` wraps.

The library is looked for, in order: ``$STL_CAPI_LIBRARY`` (a path to the
library), ``$STL_BUILD_DIR/lib``, the ``lib`` directory of an install tree
this package was installed into (``<prefix>/python/stl_mlir`` ->
``<prefix>/lib``), and ``build/lib`` of the source tree. Without it,
:class:`LibraryNotFound` says where it was looked for.
"""

import ctypes
import os

__all__ = [
    "CompileError", "LibraryNotFound", "compile", "compile_with_diagnostics",
    "find_library", "load_library",
]

_LIBRARY_NAME = "libSTLCAPI.so"


class LibraryNotFound(RuntimeError):
    """libSTLCAPI.so is not where it is looked for (build stl-mlir first)."""


class CompileError(RuntimeError):
    """Compilation failed; ``diagnostics`` holds what the compiler printed."""

    def __init__(self, diagnostics):
        self.diagnostics = diagnostics
        super().__init__(diagnostics.strip() or "compilation failed")


# ---------------------------------------------------------------------------
# The library
# ---------------------------------------------------------------------------

class StringRef(ctypes.Structure):
    """MlirStringRef."""
    _fields_ = [("data", ctypes.c_void_p), ("length", ctypes.c_size_t)]

    @classmethod
    def of(cls, text):
        """A string reference to ``text`` (bytes); keep ``text`` alive."""
        return cls(ctypes.cast(ctypes.c_char_p(text), ctypes.c_void_p),
                   len(text))

    def bytes(self):
        """The referenced bytes (a copy)."""
        return ctypes.string_at(self.data, self.length) if self.data else b""


class LogicalResult(ctypes.Structure):
    """MlirLogicalResult."""
    _fields_ = [("value", ctypes.c_int8)]


class Handle(ctypes.Structure):
    """StlScheme (and MLIR's handles): a struct of one pointer."""
    _fields_ = [("ptr", ctypes.c_void_p)]


#: MlirStringCallback.
StringCallback = ctypes.CFUNCTYPE(None, StringRef, ctypes.c_void_p)
#: StlSchemeCallback; a struct of one pointer is passed as the pointer.
SchemeCallback = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


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
        "%s not found (looked at: %s): the Python package uses the compiler's "
        "C API; build stl-mlir (utils/build.sh, or ninja -C BUILD STLCAPI) "
        "and set STL_BUILD_DIR to the build directory, or STL_CAPI_LIBRARY "
        "to the library" % (_LIBRARY_NAME, ", ".join(candidates)))


_library = None


def load_library():
    """Loads libSTLCAPI.so once and declares the functions used here.

    Raises :class:`LibraryNotFound` when it is not found, and
    :class:`LibraryNotFound` too when it lacks a function (a library older
    than this package).
    """
    global _library
    if _library is not None:
        return _library
    path = find_library()
    lib = ctypes.CDLL(path)
    S, CB, P, L = StringRef, StringCallback, ctypes.c_void_p, LogicalResult
    H, I64, D = Handle, ctypes.c_int64, ctypes.c_double
    B, IP = ctypes.c_bool, ctypes.c_ssize_t
    DP = ctypes.POINTER(ctypes.c_double)
    declarations = [
        # stl-c/Compiler.h
        ("stlCompile", L, S, S, S, CB, CB, P),
        # stl-c/Scheme.h
        ("stlSchemeDestroy", None, H),
        ("stlSchemeLookup", H, S, CB, P),
        ("stlSchemeGetNumDefaultExactSchemes", IP),
        ("stlSchemeGetDefaultExactScheme", H, IP),
        ("stlSchemeGetExactTolerance", D),
        ("stlSchemeParseJSON", H, S, S, CB, P),
        ("stlSchemeReadFile", H, S, CB, P),
        ("stlSchemeCreate", H, S, I64, I64, I64, I64, DP, DP, DP, CB, P),
        ("stlSchemeCheckSizes", L, I64, I64, I64, I64, CB, P),
        ("stlSchemeCompose", H, H, H, CB, P),
        ("stlSchemeGetName", S, H),
        ("stlSchemeGetTileM", I64, H),
        ("stlSchemeGetTileK", I64, H),
        ("stlSchemeGetTileN", I64, H),
        ("stlSchemeGetRank", I64, H),
        ("stlSchemeGetLhs", DP, H),
        ("stlSchemeGetRhs", DP, H),
        ("stlSchemeGetOut", DP, H),
        ("stlSchemeGetBrentResidual", D, H),
        ("stlSchemeGetRelativeFrobeniusError", D, H),
        ("stlSchemeIsExact", B, H, D),
        ("stlSchemeGetSpeedupBound", D, H),
        ("stlSchemePrintJSON", None, H, CB, P),
        ("stlSchemeWriteFile", L, H, S, CB, P),
        ("stlSchemePrintCostJSON", L, H, I64, I64, I64, I64, I64, B, CB, CB,
         P),
        # stl-c/Catalog.h
        ("stlSchemeCatalogGetNumEntries", IP),
        ("stlSchemeCatalogGetEntryPattern", S, IP),
        ("stlSchemeCatalogGetEntryDescription", S, IP),
        # stl-c/Dialect.h
        ("stlSchemePrintAttribute", None, H, CB, P),
        ("stlSchemeParseAttribute", H, S, CB, P),
        ("stlSchemeParseAttributes", L, S, SchemeCallback, CB, P),
    ]
    for name, restype, *argtypes in declarations:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise LibraryNotFound(
                "%s has no function %s: rebuild stl-mlir (the library is "
                "older than this package)" % (path, name)) from None
        fn.restype = restype
        fn.argtypes = argtypes
    _library = lib
    return lib


class Collector:
    """A string callback (``callback``) that keeps what it is given."""

    def __init__(self):
        self.parts = []
        self.callback = StringCallback(self._append)

    def _append(self, ref, _user_data):
        self.parts.append(ref.bytes())

    def text(self, errors="replace"):
        """Everything given, decoded from UTF-8."""
        return b"".join(self.parts).decode("utf-8", errors=errors)


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
    output, diagnostics = Collector(), Collector()
    src = source.encode("utf-8")
    name = source_name.encode("utf-8")
    pipe = pipeline.encode("utf-8")
    result = lib.stlCompile(StringRef.of(src), StringRef.of(name),
                            StringRef.of(pipe), output.callback,
                            diagnostics.callback, None)
    if not result.value:
        raise CompileError(diagnostics.text())
    return output.text(), diagnostics.text()


def compile(source, pipeline="", source_name="<source>"):
    """:func:`compile_with_diagnostics` without the diagnostics: the output
    text, or :class:`CompileError`."""
    return compile_with_diagnostics(source, pipeline, source_name)[0]
