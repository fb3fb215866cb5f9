"""A numpy reference of the Strassen-Tile operator (STL.md section 2).

An independent oracle for the compiler's tests: the four steps of an STL
MatMul written directly from the formulas of the contract,

    Xe[rho, I, P] = sum_{a<m, b<k} U[rho, a*k+b] X[I*m+a, P*k+b]
    We[rho, P, J] = sum_{b<k, c<n} V[rho, b*n+c] W[P*k+b, J*n+c]
    Ce[rho, I, J] = sum_P Xe[rho, I, P] We[rho, P, J]
    C[I*m+a, J*n+c] = sum_rho D[a*n+c, rho] Ce[rho, I, J]

with encoded tensors laid out rank-channel first (``r x grid x grid``).
Leading batch dimensions are carried through and broadcast like
``numpy.matmul`` (weights shared by every batch are allowed). Computation is
in float64 unless another ``dtype`` is asked for.

    >>> import numpy as np
    >>> from stl_mlir import scheme, reference
    >>> s = scheme.lookup("strassen-2x2x2")
    >>> x, w = np.ones((4, 6)), np.ones((6, 2))
    >>> bool(np.allclose(reference.stl_matmul(x, w, s), x @ w))
    True
"""

import numpy as np

__all__ = ["encode_lhs", "encode_rhs", "tile_product", "decode",
           "stl_matmul"]


def _operand(array, what, dtype):
    array = np.asarray(array, dtype=dtype)
    if array.ndim < 2:
        raise ValueError("%s must have at least 2 dimensions, got shape %s"
                         % (what, array.shape))
    return array


def _grid(size, tile_side, dim, what, scheme):
    if size % tile_side:
        raise ValueError(
            "the %s size %d of %s is not a multiple of the tile's %s = %d "
            "(scheme '%s', tile %dx%dx%d)" % (dim, size, what, dim, tile_side,
                                              scheme.name, *scheme.tile))
    return size // tile_side


def encode_lhs(x, scheme, dtype=np.float64):
    """Encodes the left operand: ``(..., M, K)`` -> ``(..., r, M/m, K/k)``."""
    x = _operand(x, "the left operand", dtype)
    m, k, _ = scheme.tile
    *batch, rows, cols = x.shape
    gm = _grid(rows, m, "M", "the left operand", scheme)
    gk = _grid(cols, k, "K", "the left operand", scheme)
    tiles = x.reshape(*batch, gm, m, gk, k)
    u = scheme.lhs.astype(dtype).reshape(scheme.rank, m, k)
    return np.einsum("rab,...IaPb->...rIP", u, tiles)


def encode_rhs(w, scheme, dtype=np.float64):
    """Encodes the right operand: ``(..., K, N)`` -> ``(..., r, K/k, N/n)``."""
    w = _operand(w, "the right operand", dtype)
    _, k, n = scheme.tile
    *batch, rows, cols = w.shape
    gk = _grid(rows, k, "K", "the right operand", scheme)
    gn = _grid(cols, n, "N", "the right operand", scheme)
    tiles = w.reshape(*batch, gk, k, gn, n)
    v = scheme.rhs.astype(dtype).reshape(scheme.rank, k, n)
    return np.einsum("rbc,...PbJc->...rPJ", v, tiles)


def tile_product(xe, we):
    """The tile product: ``r`` independent MatMuls, one per rank channel.

    ``(..., r, M/m, K/k)`` and ``(..., r, K/k, N/n)`` ->
    ``(..., r, M/m, N/n)``; leading dimensions broadcast.
    """
    xe, we = np.asarray(xe), np.asarray(we)
    if xe.ndim < 3 or we.ndim < 3:
        raise ValueError("encoded operands must have at least 3 dimensions "
                         "(rank, grid, grid), got shapes %s and %s"
                         % (xe.shape, we.shape))
    if xe.shape[-3] != we.shape[-3]:
        raise ValueError("encoded operands have different ranks (%d and %d)"
                         % (xe.shape[-3], we.shape[-3]))
    if xe.shape[-1] != we.shape[-2]:
        raise ValueError("encoded operands have different contraction grids "
                         "(%d and %d)" % (xe.shape[-1], we.shape[-2]))
    return np.matmul(xe, we)


def decode(ce, scheme, dtype=np.float64):
    """Decodes the tile product: ``(..., r, M/m, N/n)`` -> ``(..., M, N)``."""
    ce = np.asarray(ce, dtype=dtype)
    m, _, n = scheme.tile
    if ce.ndim < 3 or ce.shape[-3] != scheme.rank:
        raise ValueError("the encoded result must have shape (..., %d, M/m, "
                         "N/n) for scheme '%s' of rank %d, got %s"
                         % (scheme.rank, scheme.name, scheme.rank, ce.shape))
    *batch, _, gm, gn = ce.shape
    d = scheme.out.astype(dtype).reshape(m, n, scheme.rank)
    tiles = np.einsum("acr,...rIJ->...IaJc", d, ce)
    return tiles.reshape(*batch, gm * m, gn * n)


def stl_matmul(x, w, scheme, dtype=np.float64):
    """``X @ W`` computed with ``scheme``: decode(encode(X) * encode(W)).

    ``x`` is ``(..., M, K)``, ``w`` is ``(..., K, N)``; the tile must divide
    M, K and N. Equal to ``x @ w`` (up to rounding) when the scheme is exact.
    """
    x = _operand(x, "the left operand", dtype)
    w = _operand(w, "the right operand", dtype)
    if x.shape[-1] != w.shape[-2]:
        raise ValueError("operand shapes %s and %s do not match for a MatMul"
                         % (x.shape, w.shape))
    return decode(tile_product(encode_lhs(x, scheme, dtype),
                               encode_rhs(w, scheme, dtype)), scheme, dtype)
