"""The table of docs/fitting.md: fitted error per initialisation and rank.

For one tile (default 4x4x4), every rank of ``--ranks`` and every
initialisation of :data:`stl_mlir.fit.INITIALISATIONS`, this runs
:func:`stl_mlir.fit.fit` with ``--restarts`` restarts (seeds ``--seed``,
``--seed + 1``, ...) of at most ``--iterations`` ALS sweeps and reports the
relative Frobenius error of the best, next to the error of the trivial
approximation that keeps ``r`` of the ``m*k*n`` naive products,
``sqrt(1 - r / (m*k*n))``.

Command line (run it on one core: the matrices are tiny, and a
multi-threaded BLAS only slows them down)::

    OPENBLAS_NUM_THREADS=1 python3 -m stl_mlir.fit_table
        [--tile 4x4x4] [--ranks 16,24,32,40,48]
        [--inits random,pruned,polynomial] [--restarts 20]
        [--iterations 5000] [--seed 0] [--markdown FILE] [--json FILE]

Progress goes to standard error; two Markdown tables (the best error per
cell, then the median and worst error of the restarts and the time per
cell) to standard output (and ``--markdown``); every run's error to
``--json``.
"""

import argparse
import json
import math
import os
import sys
import time

# One BLAS thread (only effective when numpy is not imported yet).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from . import fit as fitting  # noqa: E402
from .cli import _positive_int, _shape  # noqa: E402
from .scheme import SchemeError  # noqa: E402

DEFAULT_RANKS = (16, 24, 32, 40, 48)
DEFAULT_RESTARTS = 20
DEFAULT_ITERATIONS = 5000


def run_table(tile=(4, 4, 4), ranks=DEFAULT_RANKS,
              inits=fitting.INITIALISATIONS, restarts=DEFAULT_RESTARTS,
              iterations=DEFAULT_ITERATIONS, seed=0, log=None):
    """Runs the fits; returns a list of dicts, one per (rank, init):
    ``rank``, ``init``, ``error`` (of the best run), ``seed`` (its seed),
    ``errors`` (every run's), ``max_coefficient`` (of the best),
    ``seconds``."""
    rows = []
    for rank in ranks:
        for init in inits:
            start = time.perf_counter()
            result = fitting.fit(tile, rank, init=init, seed=seed,
                                 iterations=iterations, restarts=restarts)
            seconds = time.perf_counter() - start
            s = result.scheme
            row = {
                "rank": rank, "init": init, "error": result.error,
                "seed": result.seed, "errors": list(result.errors),
                "max_coefficient": float(max(np.abs(s.lhs).max(),
                                             np.abs(s.rhs).max(),
                                             np.abs(s.out).max())),
                "seconds": seconds,
            }
            rows.append(row)
            if log is not None:
                log.write("r=%d %-10s error %.4f (seed %d, max |coef| %.2f)"
                          " in %.1f s\n" % (rank, init, row["error"],
                                            row["seed"],
                                            row["max_coefficient"], seconds))
                log.flush()
    return rows


def _cells(rows):
    """The ranks (sorted), the initialisations (in order of appearance) and
    the rows by ``(rank, init)`` of :func:`run_table`'s rows."""
    ranks = sorted({row["rank"] for row in rows})
    inits = list(dict.fromkeys(row["init"] for row in rows))
    return ranks, inits, {(row["rank"], row["init"]): row for row in rows}


def markdown(rows, tile):
    """The Markdown table of :func:`run_table`'s rows."""
    m, k, n = tile
    volume = m * k * n
    ranks, inits, cell = _cells(rows)
    header = ["r", "speedup bound"] + inits + ["sqrt(1 - r/%d)" % volume]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---:"] * len(header)) + "|"]
    for rank in ranks:
        values = []
        best = min(cell[rank, i]["error"] for i in inits
                   if (rank, i) in cell)
        for init in inits:
            row = cell.get((rank, init))
            if row is None:
                values.append("")
                continue
            text = "%.4f" % row["error"]
            if row["error"] == best:
                text = "**%s**" % text
            values.append(text)
        trivial = math.sqrt(max(0.0, 1.0 - rank / volume))
        lines.append("| %d | %.2f | %s | %.4f |"
                     % (rank, volume / rank, " | ".join(values), trivial))
    return "\n".join(lines) + "\n"


def markdown_spread(rows):
    """A Markdown table of the spread over the restarts: the median and the
    worst error of every (rank, initialisation), and its run time."""
    ranks, inits, cell = _cells(rows)
    header = ["r"] + ["%s: median / worst (s)" % init for init in inits]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---:"] * len(header)) + "|"]
    for rank in ranks:
        values = []
        for init in inits:
            row = cell.get((rank, init))
            if row is None:
                values.append("")
                continue
            errors = row["errors"]
            values.append("%.4f / %.4f (%.0f)" % (
                float(np.median(errors)), max(errors), row["seconds"]))
        lines.append("| %d | %s |" % (rank, " | ".join(values)))
    return "\n".join(lines) + "\n"


def _int_list(text):
    try:
        values = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        values = []
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(
            "expected positive integers separated by commas, got %r" % text)
    return values


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python3 -m stl_mlir.fit_table",
        description="Error of fitted schemes per initialisation and rank.")
    p.add_argument("--tile", type=_shape, default=(4, 4, 4), metavar="MxKxN")
    p.add_argument("--ranks", type=_int_list, default=list(DEFAULT_RANKS))
    p.add_argument("--inits", default=",".join(fitting.INITIALISATIONS))
    p.add_argument("--restarts", type=_positive_int,
                   default=DEFAULT_RESTARTS)
    p.add_argument("--iterations", type=_positive_int,
                   default=DEFAULT_ITERATIONS)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--markdown", metavar="FILE")
    p.add_argument("--json", metavar="FILE")
    args = p.parse_args(argv)
    inits = [x.strip() for x in args.inits.split(",") if x.strip()]
    for init in inits:
        if init not in fitting.INITIALISATIONS:
            p.error("unknown initialisation %r (known: %s)"
                    % (init, ", ".join(fitting.INITIALISATIONS)))
    start = time.perf_counter()
    try:
        rows = run_table(args.tile, args.ranks, inits, args.restarts,
                         args.iterations, args.seed, log=sys.stderr)
    except (SchemeError, ValueError) as e:
        sys.stderr.write("error: %s\n" % e)
        return 1
    total = time.perf_counter() - start
    table = markdown(rows, args.tile) + "\n" + markdown_spread(rows)
    sys.stdout.write(table)
    sys.stderr.write("total: %.1f s\n" % total)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(table)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"tile": list(args.tile), "restarts": args.restarts,
                       "iterations": args.iterations, "seed": args.seed,
                       "seconds": total, "rows": rows}, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
