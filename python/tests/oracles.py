"""What several test files compute for themselves, independently of the
package under test: the MatMul tensor written out, and random approximate
schemes."""

import numpy as np

from stl_mlir.scheme import Scheme


def matmul_tensor(m, k, n):
    """The MatMul tensor of [m, k, n] tiles, shape (m*k, k*n, m*n):
    T[a*k+b, b'*n+c, a'*n+c'] = [a = a'][b = b'][c = c'], written out
    here (not the fitting module's)."""
    t = np.zeros((m * k, k * n, m * n))
    for a in range(m):
        for b in range(k):
            for c in range(n):
                t[a * k + b, b * n + c, a * n + c] = 1.0
    return t


def random_scheme(seed, tile=(2, 3, 2), rank=5, sparsity=0.5):
    """An approximate scheme with non-integer, partly zero coefficients."""
    rng = np.random.default_rng(seed)
    m, k, n = tile

    def matrix(rows, cols):
        x = rng.normal(size=(rows, cols))
        x[rng.random(size=x.shape) < sparsity] = 0.0
        return x

    return Scheme("random-%d" % seed, tile, matrix(rank, m * k),
                  matrix(rank, k * n), matrix(m * n, rank))
