"""Python tools of stl-mlir.

The package uses the compiler's C API, ``libSTLCAPI.so``, from a build of
stl-mlir (``utils/build.sh``; ``ninja -C BUILD STLCAPI`` is enough for the
scheme tools): :mod:`stl_mlir.capi` finds it in ``$STL_CAPI_LIBRARY``,
``$STL_BUILD_DIR/lib``, the ``lib`` directory of the install tree the
package was installed into, or ``build/lib`` of the source tree, and raises
:class:`stl_mlir.capi.LibraryNotFound`, naming the places it looked at, when
it is in none of them. numpy is the only other dependency.

Modules:

- :mod:`stl_mlir.scheme`: bilinear Strassen-Tile schemes, the compiler's
  C++ scheme library through the C API: the catalog, checks, Kronecker
  composition, Brent residual and exactness, JSON files, the
  ``#stl.scheme`` attribute text and the cost model of ``STL.md``; schemes
  are created from, and read as, numpy arrays.
- :mod:`stl_mlir.reference`: a numpy reference of the STL operator (encode,
  tile product, decode), an independent oracle for tests (numpy only).
- :mod:`stl_mlir.fit`: fitting (approximate) schemes to the MatMul tensor
  by alternating least squares (numpy).
- :mod:`stl_mlir.capi`: ctypes bindings of the compiler's C API
  (``libSTLCAPI.so``): finding and loading it, and compiling MLIR text.
- :mod:`stl_mlir.cli`: the ``python3 -m stl_mlir`` command line (verify,
  compose, fit, report, to-mlir, from-mlir, list).
- :mod:`stl_mlir.compare`: reading and comparing the output of programs
  compiled by ``stl-opt --stl-cpu-pipeline`` and run with ``mlir-runner``.
- :mod:`stl_mlir.numerics`: the numerical-error report of compiled STL
  MatMuls against a dense f64 reference (``docs/numerics.md``).
- :mod:`stl_mlir.extract_ptx`: writing out the PTX kernels that
  ``--stl-gpu-pipeline="format=isa"`` serialised.

See ``docs/python.md``.
"""
