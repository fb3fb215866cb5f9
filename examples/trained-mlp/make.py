"""Generates the example trained-STL model of this folder: a two-layer MLP
(batch 8, 32 -> 24 -> 16) whose layers have their own fitted schemes.

- fc1: scheme fc1.json, fitted with `python3 -m stl_mlir fit --tile 2x2x2
  --rank 6 --seed 3` (approximate, rank 6); dense weight W (32 x 24),
  bias, ReLU;
- fc2: its coefficients U, V, D in the arrays (fitted with seed 4), its
  weight stored encoded (6 x 12 x 8), bias.

Writes fc1.json, arrays.npz (fc1.w, fc1.b, fc2.U, fc2.V, fc2.D, fc2.we,
fc2.b) and manifest.json. Run from a build (STL_BUILD_DIR) with
PYTHONPATH=python:

    STL_BUILD_DIR=build PYTHONPATH=python /usr/bin/python3 \\
        examples/trained-mlp/make.py
"""
import json
import os

import numpy as np

from stl_mlir import fit, scheme

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    fc1 = fit.fit((2, 2, 2), 6, seed=3).scheme.with_name("fc1-fitted")
    fc2 = fit.fit((2, 2, 2), 6, seed=4).scheme
    scheme.save(fc1, os.path.join(HERE, "fc1.json"))
    rng = np.random.default_rng(2026)
    arrays = {
        "fc1.w": rng.normal(0, 0.2, (32, 24)).astype(np.float32),
        "fc1.b": rng.normal(0, 0.1, (24,)).astype(np.float32),
        "fc2.U": np.asarray(fc2.lhs, np.float32),
        "fc2.V": np.asarray(fc2.rhs, np.float32),
        "fc2.D": np.asarray(fc2.out, np.float32),
        "fc2.we": rng.normal(0, 0.2, (6, 12, 8)).astype(np.float32),
        "fc2.b": rng.normal(0, 0.1, (16,)).astype(np.float32),
    }
    np.savez(os.path.join(HERE, "arrays.npz"), **arrays)
    manifest = {
        "name": "mlp", "batch": 8, "input": 32, "arrays": "arrays.npz",
        "layers": [
            {"name": "fc1", "scheme": "fc1.json", "weight": "fc1.w",
             "bias": "fc1.b", "activation": "relu"},
            {"name": "fc2", "tile": [2, 2, 2], "u": "fc2.U", "v": "fc2.V",
             "d": "fc2.D", "encoded_weight": "fc2.we", "bias": "fc2.b"},
        ]}
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
