"""Python tools of stl-mlir.

For now: reading and comparing the output of programs compiled by
``stl-opt --stl-cpu-pipeline`` and run with ``mlir-runner``
(:mod:`stl_mlir.compare`).
"""
