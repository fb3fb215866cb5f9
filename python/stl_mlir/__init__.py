"""Python tools of stl-mlir.

Modules:

- :mod:`stl_mlir.scheme`: bilinear Strassen-Tile schemes, the Python twin
  of the compiler's C++ scheme library: validation, the catalog, Kronecker
  composition, Brent residual, JSON files, the ``#stl.scheme`` attribute
  syntax and the cost model of ``STL.md``.
- :mod:`stl_mlir.reference`: a numpy reference of the STL operator (encode,
  tile product, decode), an independent oracle for tests.
- :mod:`stl_mlir.fit`: fitting (approximate) schemes to the MatMul tensor
  by alternating least squares.
- :mod:`stl_mlir.capi`: ctypes bindings of the compiler's C API
  (``libSTLCAPI.so``): compiling MLIR text and the C++ scheme library.
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
