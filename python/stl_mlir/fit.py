"""Fitting (approximate) schemes to the MatMul tensor.

A rank-``r`` scheme for ``[m, k, n]`` tiles is a rank-``r`` CP decomposition
of the MatMul tensor ``T`` of shape ``(m*k, k*n, m*n)`` (`STL.md`
sections 2 and 3): its trilinear form is

    T_hat[i, j, l] = sum_rho U[rho, i] V[rho, j] D[l, rho].

:func:`fit` minimises the relative Frobenius error
``err = ||T_hat - T||_F / ||T||_F`` over U, V and D by *regularised
alternating least squares* (ALS); ``docs/fitting.md`` has the results.

The algorithm
-------------
Each sweep solves in turn for U, V and D with the other two fixed: a linear
least-squares problem whose normal equations are

    (G + (lam * g + mu) I) X_new = M + lam * g * X_old

with ``M`` the tensor contracted with the two fixed factors and ``G`` the
Hadamard product of their Gram matrices. For the MatMul tensor both are
batched products of tiles (``M`` for U is ``D_rho V_rho^T`` per product),
so the tensor is never formed and a sweep costs microseconds.

- ``lam * g`` is a proximal (Levenberg-Marquardt) damping, ``g`` the mean
  diagonal of ``G`` so that ``lam`` is scale-free. It keeps steps short
  where ``G`` is nearly singular, which is what lets plain ALS wander into
  "swamps" of degenerate products, and it does not move the fixed points.
  ``lam`` decays geometrically from ``lam_start`` (0.1) to ``lam_end``
  (1e-9) over the first ``decay_fraction`` (80 %) of the sweeps; the rest
  are (almost) plain ALS.
- ``mu`` is a Tikhonov penalty on the coefficients. Without it, fits below
  the exact rank follow *degenerate* paths (border-rank phenomena): the
  error keeps creeping down while pairs of products with ever larger,
  cancelling coefficients appear. Such a scheme amplifies rounding errors
  enormously (an unpenalised rank-24 4x4x4 fit of error 0.69 loses all
  accuracy when its encoded operands are stored in f16). A fit therefore
  minimises ``err^2 (1 + ridge * E / |T|^2)``, with
  ``E = |U|^2 + |V|^2 + |D|^2`` and ``|T|^2 = m*k*n``, for which the
  matching per-sweep weight is ``mu = ridge * |T - T_hat|^2 /
  (|T|^2 + ridge * E)``. The penalty vanishes with the error, so exact
  decompositions are still found exactly; ``ridge=0`` turns it off.
- After each sweep every product's three coefficient vectors are scaled to
  the same norm (their product unchanged): this minimises ``E`` for the
  same ``T_hat`` and keeps the three factors comparable.

The best iterate (by the objective, among those whose error is at most the
initial one) is returned, so a fit is never worse than its starting point.
A run stops when the error reaches ``tolerance`` or, once the damping has
decayed, when the objective improved by less than a relative
:data:`STALL` over :data:`STALL_WINDOW` sweeps.

Initialisations (:data:`INITIALISATIONS`)
------------------------------------------
``random``
    Gaussian U, V, D with a standard deviation chosen so that the expected
    ``|T_hat|`` equals ``|T|``.

``pruned``
    An exact scheme (``exact``; by default the catalog's exact scheme of
    smallest rank at least ``r`` for the tile, ``naive-MxKxN`` when there
    is none: :func:`default_exact`), cut down one product at a time. Each
    step drops the product whose removal raises the error least when D is
    re-solved by least squares over the products kept (ties broken at
    random by the seed), then runs ``prune_sweeps`` (300) sweeps of the ALS
    above at the new rank. Before pruning, the exact scheme gets Gaussian
    noise of ``perturb`` (0.5) times each factor's RMS coefficient, so that
    restarts explore different products; with ``r`` equal to the exact
    scheme's rank the start is the exact scheme itself, and with ``r``
    above it small random products (1e-3 of the random scale) are
    appended.

``polynomial``
    Evaluate, multiply, interpolate. Map an X tile to the polynomial
    ``pX(x) = sum_{a,b} X[a,b] x^e_A(a,b)`` with ``e_A(a,b) = b + k*a`` and a
    W tile to ``pW(x) = sum_{b,c} W[b,c] x^e_B(b,c)`` with
    ``e_B(b,c) = (k-1-b) + k*m*c``. In ``pX * pW`` the exponent of
    ``X[a,b] W[b',c]`` is ``k-1 + k*a + k*m*c + (b-b')``; as
    ``|b-b'| < k`` and ``a < m``, it equals ``e_C(a,c) = k-1 + k*a + k*m*c``
    exactly when ``b = b'``, so the coefficient of ``x^e_C(a,c)`` is
    ``C[a,c] = sum_b X[a,b] W[b,c]``. The product has degree
    ``deg = m*k*n + k - 2``. Evaluating at ``r`` points ``x_rho`` gives the
    products ``pX(x_rho) pW(x_rho)``: U and V are rows of Vandermonde
    matrices, ``U[rho, a*k+b] = x_rho^e_A(a,b)`` and
    ``V[rho, b*n+c] = x_rho^e_B(b,c)``. D interpolates the coefficients
    needed: with ``P[rho, e] = x_rho^e`` (``e = 0..deg``),
    ``D[a*n+c, rho] = pinv(P)[e_C(a,c), rho]``. With ``r >= deg + 1``
    distinct points this is exact interpolation, hence an exact scheme;
    with fewer points it is the minimum-norm least-squares fit of the
    coefficients, an approximate scheme. The points are the Chebyshev nodes
    ``cos((2 rho + 1) pi / 2r)`` of [-1, 1] (every power stays in
    [-1, 1]), each angle moved by ``perturb`` times the node spacing times
    a normal draw (``perturb=0``: the nodes themselves). Monomials at real
    points are badly conditioned (``P`` at ``deg + 1`` nodes has condition
    number 6e2 for 2x2x2, 2e4 for 2x2x3, 3e10 for 3x3x3 and 3e19 for 4x4x4),
    so the pseudo-inverse drops singular values below :data:`POLY_RCOND`
    (1e-6) of the largest: the construction is exact in floating point for
    small tiles only, and for 4x4x4 it is a regularised interpolation,
    a structured starting point that ALS refines like the others.

Every fit is deterministic for a given seed (``numpy.random.default_rng``).
"""

from dataclasses import dataclass, field
import functools
import math
import operator

import numpy as np

from .scheme import (Scheme, SchemeError, check_sizes, default_exact_schemes,
                     lookup)

__all__ = ["INITIALISATIONS", "FitResult", "fit", "default_exact",
           "matmul_tensor",
           "initial_factors", "refine", "polynomial_exponents",
           "polynomial_points", "DEFAULT_ITERATIONS", "DEFAULT_TOLERANCE",
           "DEFAULT_RIDGE", "DEFAULT_PERTURB", "PRUNE_SWEEPS", "POLY_RCOND"]

#: The initialisations :func:`fit` accepts.
INITIALISATIONS = ("random", "pruned", "polynomial")

#: Default number of ALS sweeps of one run.
DEFAULT_ITERATIONS = 3000
#: Default error at which a run stops.
DEFAULT_TOLERANCE = 1e-12
#: Default weight of the coefficient penalty (see the module docstring).
DEFAULT_RIDGE = 1e-3
#: Default relative noise on the structured initialisations.
DEFAULT_PERTURB = 0.5
#: Relative cut-off of the pseudo-inverse of the polynomial initialisation.
POLY_RCOND = 1e-6
#: Default ALS sweeps after each product the pruned initialisation drops.
PRUNE_SWEEPS = 300
#: Default damping schedule (relative to the mean diagonal of the Gram
#: matrices): from LAM_START to LAM_END over the first DECAY_FRACTION of the
#: sweeps.
LAM_START = 1e-1
LAM_END = 1e-9
DECAY_FRACTION = 0.8
#: The error is measured every CHECK_EVERY sweeps (and recorded in the
#: history).
CHECK_EVERY = 10
#: Once the damping has decayed, a run stops when the objective improved by
#: less than a relative STALL over the last STALL_WINDOW sweeps.
STALL = 1e-9
STALL_WINDOW = 200


@dataclass
class FitResult:
    """The outcome of :func:`fit`.

    Attributes:
        scheme: the fitted scheme (the best of all restarts).
        error: its relative Frobenius error.
        init: the initialisation used.
        seed: the seed of the run that produced ``scheme``.
        iterations: the ALS sweeps that run performed.
        history: that run's error at its start and then every
            :data:`CHECK_EVERY` sweeps (and at its last sweep).
        initial_error: the error of that run's initialisation.
        errors: the final error of every restart, in seed order.
    """
    scheme: Scheme
    error: float
    init: str
    seed: int
    iterations: int
    history: list = field(default_factory=list)
    initial_error: float = math.nan
    errors: list = field(default_factory=list)


# ---------------------------------------------------------------------------
# Numerical core, on plain arrays. A scheme is held as three stacks of
# tiles: u (r, m, k), v (r, k, n) and w (r, m, n), with w[rho] = the rho-th
# column of D as an m x n tile. The MatMul tensor is never formed: the
# contraction of T with two factors is a batched product of tiles, e.g.
#   sum_{j,l} T[(a,b), j, l] V[rho, j] D[l, rho] = (w[rho] @ v[rho]^T)[a, b].
# ---------------------------------------------------------------------------

def _split(tile, a, b, c):
    """Column factors (U^T, V^T, D) -> tile stacks (u, v, w)."""
    m, k, n = tile
    r = a.shape[1]
    return (np.ascontiguousarray(a.T).reshape(r, m, k),
            np.ascontiguousarray(b.T).reshape(r, k, n),
            np.ascontiguousarray(c.T).reshape(r, m, n))


def _join(u, v, w):
    """Tile stacks -> column factors (U^T, V^T, D)."""
    r = u.shape[0]
    return u.reshape(r, -1).T, v.reshape(r, -1).T, w.reshape(r, -1).T


def _full_error(tile, u, v, w):
    """Relative Frobenius error, from the full difference ``T_hat - T``
    (the shortcut through Gram matrices loses all accuracy when large
    coefficients cancel)."""
    m, k, n = tile
    r = u.shape[0]
    t_hat = np.einsum("ri,rj,rl->ijl", u.reshape(r, -1), v.reshape(r, -1),
                      w.reshape(r, -1))
    return float(np.linalg.norm(t_hat - _tensor(tile))
                 / math.sqrt(m * k * n))


def matmul_tensor(m, k, n):
    """The MatMul tensor of ``[m, k, n]`` tiles, the target of the fit.

    Shape ``(m*k, k*n, m*n)`` with
    ``T[a*k+b, b'*n+c, a'*n+c'] = [a = a'][b = b'][c = c']``.
    """
    t = np.zeros((m * k, k * n, m * n))
    for a in range(m):
        for b in range(k):
            for c in range(n):
                t[a * k + b, b * n + c, a * n + c] = 1.0
    return t


@functools.lru_cache(maxsize=16)
def _tensor(tile):
    t = matmul_tensor(*tile)
    t.flags.writeable = False
    return t


def _balance(u, v, w):
    """Scales every product's three tiles to the same norm (their product
    unchanged)."""
    r = u.shape[0]
    nu = np.linalg.norm(u.reshape(r, -1), axis=1)
    nv = np.linalg.norm(v.reshape(r, -1), axis=1)
    nw = np.linalg.norm(w.reshape(r, -1), axis=1)
    ok = (nu > 0) & (nv > 0) & (nw > 0)
    g = np.cbrt(nu * nv * nw)
    su = np.where(ok, g / np.where(ok, nu, 1.0), 1.0)[:, None, None]
    sv = np.where(ok, g / np.where(ok, nv, 1.0), 1.0)[:, None, None]
    sw = np.where(ok, g / np.where(ok, nw, 1.0), 1.0)[:, None, None]
    return u * su, v * sv, w * sw


def _gram(x):
    f = x.reshape(x.shape[0], -1)
    return f @ f.T


def _solve(mttkrp, g, x_old, lam, ridge=0.0):
    """Solves ``(G + (lam s + ridge) I) X = M + lam s X_old`` (rows of X
    are products, flattened tiles) with ``s`` the mean diagonal of ``G``;
    least squares if the system is singular."""
    r = g.shape[0]
    shape = x_old.shape
    scale = float(np.trace(g)) / r
    if not math.isfinite(scale) or scale <= 0.0:
        scale = 1.0
    damp = lam * scale
    lhs = g + (damp + ridge) * np.eye(r)
    rhs = mttkrp.reshape(r, -1) + damp * x_old.reshape(r, -1)
    x = None
    try:
        x = np.linalg.solve(lhs, rhs)
    except np.linalg.LinAlgError:
        pass
    if x is None or not np.all(np.isfinite(x)):
        x = np.linalg.lstsq(lhs, rhs, rcond=None)[0]
    return x.reshape(shape)


def _sweep(u, v, w, lam, ridge=0.0):
    """One ALS sweep (u, then v, then w) followed by a balancing."""
    gv, gw = _gram(v), _gram(w)
    u = _solve(w @ v.transpose(0, 2, 1), gv * gw, u, lam, ridge)
    gu = _gram(u)
    v = _solve(u.transpose(0, 2, 1) @ w, gu * gw, v, lam, ridge)
    gv = _gram(v)
    w = _solve(u @ v, gu * gv, w, lam, ridge)
    return _balance(u, v, w)


def _energy(u, v, w):
    """``|U|^2 + |V|^2 + |D|^2``."""
    return float(np.sum(u * u) + np.sum(v * v) + np.sum(w * w))


def _objective(err, energy, ridge, volume):
    """What a run minimises: ``err^2 (1 + ridge * energy / |T|^2)``."""
    return err * err * (1.0 + ridge * energy / volume)


def refine(tile, a, b, c, iterations=DEFAULT_ITERATIONS,
           tolerance=DEFAULT_TOLERANCE, lam_start=LAM_START, lam_end=LAM_END,
           decay_fraction=DECAY_FRACTION, ridge=0.0):
    """Regularised ALS for ``tile`` from column factors ``a, b, c``
    (``U^T``, ``V^T``, ``D``; see the module docstring).

    With ``ridge > 0`` the objective is
    ``err^2 (1 + ridge (|U|^2 + |V|^2 + |D|^2) / |T|^2)`` (see the module
    docstring). Returns ``(a, b, c, error, sweeps, history)`` for the best
    iterate by that objective (the initial factors included); ``history``
    holds the error at the start and every :data:`CHECK_EVERY` sweeps.
    """
    tile = tuple(tile)
    m, k, n = tile
    volume = m * k * n
    u, v, w = _split(tile, *(np.asarray(x, dtype=np.float64)
                             for x in (a, b, c)))
    err = _full_error(tile, u, v, w)
    energy = _energy(u, v, w)
    best = (_objective(err, energy, ridge, volume), err, u, v, w)
    history = [err]
    if not (err > tolerance) or iterations <= 0:
        return a, b, c, err, 0, history
    decay_sweeps = max(1, int(decay_fraction * iterations))
    ratio = lam_end / lam_start if lam_start > 0 else 0.0
    window = STALL_WINDOW // CHECK_EVERY
    sweeps = 0
    checks = []  # objectives at the checks after the damping has decayed
    u, v, w = _balance(u, v, w)
    for sweep in range(1, iterations + 1):
        if lam_start > 0 and sweep <= decay_sweeps:
            lam = lam_start * ratio ** ((sweep - 1) / decay_sweeps)
        else:
            lam = lam_end
        # The Tikhonov weight whose ALS fixed points are the stationary
        # points of the objective (it vanishes with the error; err is that
        # of the last check).
        mu = 0.0
        if ridge > 0.0:
            mu = ridge * err * err * volume / (volume
                                               + ridge * _energy(u, v, w))
        u, v, w = _sweep(u, v, w, lam, mu)
        sweeps = sweep
        if sweep % CHECK_EVERY and sweep != iterations:
            continue
        err = _full_error(tile, u, v, w)
        if not math.isfinite(err):
            break
        history.append(err)
        objective = _objective(err, _energy(u, v, w), ridge, volume)
        # Never worse than the start, in error as well as in objective.
        if objective < best[0] and err <= history[0]:
            best = (objective, err, u, v, w)
        if err <= tolerance:
            break
        if sweep > decay_sweeps:
            checks.append(objective)
            if (len(checks) > window
                    and checks[-1 - window] - objective <= STALL * objective):
                break
    _, err, u, v, w = best
    a, b, c = _join(u, v, w)
    return a, b, c, err, sweeps, history


# ---------------------------------------------------------------------------
# Initialisations
# ---------------------------------------------------------------------------

def default_exact(tile, rank):
    """The exact scheme the ``pruned`` initialisation starts from.

    The catalog's exact scheme for ``tile`` of smallest rank at least
    ``rank``; ``naive-MxKxN`` when no catalog scheme has that many products
    (or none exists for the tile).
    """
    m, k, n = tile
    candidates = [s for s in default_exact_schemes() if s.tile == tuple(tile)]
    if tuple(tile) == (2, 2, 2):
        candidates.append(lookup("strassen-2x2x2"))
    candidates.append(lookup("naive-%dx%dx%d" % (m, k, n)))
    fitting = [s for s in candidates if s.rank >= rank]
    if fitting:
        return min(fitting, key=lambda s: s.rank)
    return max(candidates, key=lambda s: s.rank)


def _random_scale(tile, rank):
    """Standard deviation of the random factors: the expected squared norm
    of the initial ``T_hat``, ``r (mk s^2)(kn s^2)(mn s^2)``, is then
    ``|T|^2 = mkn``."""
    m, k, n = tile
    return (1.0 / (rank * m * k * n)) ** (1.0 / 6.0)


def _init_random(tile, rank, rng):
    m, k, n = tile
    s = _random_scale(tile, rank)
    return (rng.standard_normal((m * k, rank)) * s,
            rng.standard_normal((k * n, rank)) * s,
            rng.standard_normal((m * n, rank)) * s)


def _perturb(factors, perturb, rng):
    """Adds Gaussian noise of ``perturb`` times each factor's RMS entry."""
    if perturb <= 0.0:
        return factors
    return tuple(x + perturb * math.sqrt(float(np.mean(x * x)))
                 * rng.standard_normal(x.shape) for x in factors)


def _best_d(t3, a, b):
    """The least-squares D for fixed U, V: returns ``(D, residual^2)``.
    ``t3`` is the MatMul tensor unfolded along its third mode."""
    kr = np.einsum("ir,jr->ijr", a, b).reshape(-1, a.shape[1])
    c, *_ = np.linalg.lstsq(kr, t3.T, rcond=None)
    return c.T, float(np.sum((kr @ c - t3.T) ** 2))


def _init_pruned(tile, rank, rng, exact, perturb, prune_sweeps, ridge):
    a = np.array(exact.lhs.T, dtype=np.float64)
    b = np.array(exact.rhs.T, dtype=np.float64)
    c = np.array(exact.out, dtype=np.float64)
    full = exact.rank
    if rank >= full:
        if rank == full:
            return a, b, c
        m, k, n = tile
        extra = rank - full
        s = 1e-3 * _random_scale(tile, rank)
        return (np.hstack([a, rng.standard_normal((m * k, extra)) * s]),
                np.hstack([b, rng.standard_normal((k * n, extra)) * s]),
                np.hstack([c, rng.standard_normal((m * n, extra)) * s]))
    a, b, c = _perturb((a, b, c), perturb, rng)
    t = _tensor(tile)
    t3 = t.transpose(2, 0, 1).reshape(t.shape[2], -1)
    while a.shape[1] > rank:
        r = a.shape[1]
        scores = np.empty(r)
        for p in range(r):
            keep = np.arange(r) != p
            scores[p] = _best_d(t3, a[:, keep], b[:, keep])[1]
        low = scores.min()
        ties = np.flatnonzero(scores <= low + 1e-9 * max(1.0, low))
        keep = np.arange(r) != ties[rng.integers(len(ties))]
        a, b = a[:, keep], b[:, keep]
        c = _best_d(t3, a, b)[0]
        if prune_sweeps > 0:
            a, b, c = refine(tile, a, b, c, prune_sweeps, ridge=ridge)[:3]
    return a, b, c


def polynomial_exponents(tile):
    """``(e_A, e_B, e_C, deg)`` of the ``polynomial`` initialisation:
    the exponents of X's, W's and C's entries (row-major, like the columns
    of U and V and the rows of D) and the degree of ``pX * pW``."""
    m, k, n = tile
    e_a = np.array([b + k * a for a in range(m) for b in range(k)])
    e_b = np.array([(k - 1 - b) + k * m * c for b in range(k)
                    for c in range(n)])
    e_c = np.array([k - 1 + k * a + k * m * c for a in range(m)
                    for c in range(n)])
    return e_a, e_b, e_c, m * k * n + k - 2


def polynomial_points(rank, rng=None, perturb=0.0):
    """The evaluation points of the ``polynomial`` initialisation: the
    Chebyshev nodes ``cos(theta_rho)``, ``theta_rho = (2 rho + 1) pi / 2r``,
    of [-1, 1]; with ``perturb > 0`` each angle moves by ``perturb`` times
    the angle step ``pi / r`` times a standard normal draw of ``rng``."""
    theta = (2 * np.arange(rank) + 1) * np.pi / (2 * rank)
    if perturb > 0.0:
        theta = theta + perturb * (np.pi / rank) * rng.standard_normal(rank)
    return np.cos(theta)


def _init_polynomial(tile, rank, rng, perturb):
    e_a, e_b, e_c, deg = polynomial_exponents(tile)
    x = polynomial_points(rank, rng, perturb)
    a = (x[:, None] ** e_a[None, :]).T             # U^T: (m*k, r)
    b = (x[:, None] ** e_b[None, :]).T             # V^T: (k*n, r)
    p = x[:, None] ** np.arange(deg + 1)[None, :]  # (r, deg+1)
    c = np.linalg.pinv(p, rcond=POLY_RCOND)[e_c, :]  # D: (m*n, r)
    return a, b, c


def initial_factors(tile, rank, init="random", seed=0, exact=None,
                    perturb=0.0, prune_sweeps=0, ridge=0.0):
    """The starting point of a fit: column factors ``(U^T, V^T, D)``.

    See the module docstring; ``exact``, ``perturb``, ``prune_sweeps`` and
    ``ridge`` are those of :func:`fit` (the defaults here give the bare
    constructions: greedy pruning without refits, no noise).
    """
    tile, rank = _check_args(tile, rank, init)
    rng = np.random.default_rng(seed)
    if init == "random":
        return _init_random(tile, rank, rng)
    if init == "pruned":
        return _init_pruned(tile, rank, rng, _exact_for(tile, rank, exact),
                            perturb, prune_sweeps, ridge)
    return _init_polynomial(tile, rank, rng, perturb)


def _exact_for(tile, rank, exact):
    if exact is None:
        return default_exact(tile, rank)
    if not isinstance(exact, Scheme):
        raise SchemeError("'exact' must be a Scheme, got %r" % (exact,))
    if exact.tile != tile:
        raise SchemeError("scheme '%s' has tile %dx%dx%d, expected %dx%dx%d"
                          % (exact.name, *exact.tile, *tile))
    return exact


def _check_args(tile, rank, init):
    try:
        tile = tuple(operator.index(x) for x in tile)
    except (TypeError, ValueError):
        raise SchemeError("tile must be a sequence [m, k, n], got %r"
                          % (tile,)) from None
    if len(tile) != 3:
        raise SchemeError("tile has %d entries, expected 3 ([m, k, n])"
                          % len(tile))
    if isinstance(rank, bool) or not isinstance(rank, (int, np.integer)):
        raise SchemeError("rank must be an integer, got %r" % (rank,))
    # The scheme library's limits (the fitted scheme must be one).
    tile, rank = check_sizes(tile, rank)
    if init not in INITIALISATIONS:
        raise ValueError("unknown initialisation %r (known: %s)"
                         % (init, ", ".join(INITIALISATIONS)))
    return tile, int(rank)


# ---------------------------------------------------------------------------
# The fit
# ---------------------------------------------------------------------------

def fit(tile, rank, init="random", seed=0, iterations=DEFAULT_ITERATIONS,
        restarts=1, exact=None, tolerance=DEFAULT_TOLERANCE, *,
        ridge=DEFAULT_RIDGE, perturb=DEFAULT_PERTURB,
        prune_sweeps=PRUNE_SWEEPS, lam_start=LAM_START, lam_end=LAM_END,
        decay_fraction=DECAY_FRACTION, name=None):
    """Fits a rank-``rank`` scheme for ``tile`` to the MatMul tensor.

    Runs ``restarts`` fits, with seeds ``seed, seed + 1, ...``, each from
    the initialisation ``init`` followed by up to ``iterations`` sweeps of
    regularised ALS (``iterations=0``: the initialisation itself), and
    returns the best (by the objective; see the module docstring) as a
    :class:`FitResult`. Options:

    - ``exact``: the exact scheme the ``pruned`` initialisation starts from
      (default :func:`default_exact`).
    - ``tolerance``: a run stops once its error is at most this.
    - ``ridge``: the weight of the coefficient penalty (0: plain error).
    - ``perturb``: relative noise added to the ``pruned`` (before pruning)
      and ``polynomial`` initialisations, so that restarts differ.
    - ``prune_sweeps``: ALS sweeps after each product the ``pruned``
      initialisation drops (0: greedy pruning alone).
    - ``lam_start``, ``lam_end``, ``decay_fraction``: the damping schedule.
    - ``name``: the scheme's name, by default ``als-MxKxN-rR``.

    Raises :class:`SchemeError` (a ``ValueError``) for a bad tile, rank or
    ``exact`` scheme and ``ValueError`` for a bad initialisation name or
    option.
    """
    tile, rank = _check_args(tile, rank, init)
    for what, value, low in (("iterations", iterations, 0),
                             ("restarts", restarts, 1),
                             ("seed", seed, 0),
                             ("prune_sweeps", prune_sweeps, 0)):
        if isinstance(value, bool) or not isinstance(value,
                                                     (int, np.integer)):
            raise ValueError("%s must be an integer, got %r" % (what, value))
        if value < low:
            raise ValueError("%s must be at least %d, got %d"
                             % (what, low, value))
    for what, value in (("tolerance", tolerance), ("ridge", ridge),
                        ("perturb", perturb), ("lam_start", lam_start),
                        ("lam_end", lam_end),
                        ("decay_fraction", decay_fraction)):
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or not math.isfinite(value) or value < 0):
            raise ValueError("%s must be a non-negative number, got %r"
                             % (what, value))
    if lam_start > 0 and lam_end <= 0:
        raise ValueError("lam_end must be positive when lam_start is")
    if init == "pruned":
        exact = _exact_for(tile, rank, exact)
    if name is None:
        name = "als-%dx%dx%d-r%d" % (*tile, rank)
    volume = tile[0] * tile[1] * tile[2]
    best = None
    errors = []
    for run in range(restarts):
        run_seed = int(seed) + run
        a, b, c = initial_factors(tile, rank, init, run_seed, exact, perturb,
                                  prune_sweeps, ridge)
        a, b, c, err, sweeps, history = refine(
            tile, a, b, c, iterations, tolerance, lam_start, lam_end,
            decay_fraction, ridge)
        errors.append(err)
        energy = float(np.sum(a * a) + np.sum(b * b) + np.sum(c * c))
        objective = _objective(err, energy, ridge, volume)
        if best is None or objective < best[0]:
            best = (objective, a, b, c, run_seed, sweeps, history)
    _, a, b, c, run_seed, sweeps, history = best
    scheme = Scheme(name, tile, a.T, b.T, c)
    return FitResult(scheme=scheme, error=scheme.relative_frobenius_error(),
                     init=init, seed=run_seed, iterations=sweeps,
                     history=history, initial_error=history[0],
                     errors=errors)
