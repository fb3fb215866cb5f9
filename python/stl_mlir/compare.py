"""Compare the printed outputs of two runs of a compiled MLIR program.

The programs print tensors with ``printMemrefF32`` / ``printMemrefF64``
(``Unranked Memref ... sizes = [...] ... data = [[...]]``). This module reads
every memref such a run printed and compares two runs memref by memref: the
sizes must agree, and the relative error ``max|a - b| / max|a|`` (``a`` the
reference run) must not exceed a bound.

Command line::

    python3 -m stl_mlir.compare REFERENCE OUTPUT [--rtol 1e-4]

exits 0 when the outputs agree, 1 when they differ, 2 when a file cannot be
read or holds no memref.
"""

import argparse
import math
import re
import sys

_HEADER = re.compile(r"Unranked Memref .*?sizes = \[([0-9, ]*)\].*?data =")
_NUMBER = re.compile(r"[-+]?(?:nan|inf|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)",
                     re.IGNORECASE)


class Memref:
    """One printed memref: its sizes and its values in row-major order."""

    def __init__(self, sizes, values):
        self.sizes = sizes
        self.values = values

    def __repr__(self):
        return "Memref(sizes=%r, %d values)" % (self.sizes, len(self.values))


def parse_memrefs(text):
    """Returns the memrefs printed in ``text``, in order.

    Raises ValueError when a memref's data does not hold as many numbers as
    its sizes say.
    """
    headers = list(_HEADER.finditer(text))
    memrefs = []
    for i, header in enumerate(headers):
        sizes = [int(s) for s in header.group(1).replace(" ", "").split(",")
                 if s]
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        data = text[header.end():end]
        # Stop at the closing bracket of the data, so that other output
        # printed after it is not taken for values.
        depth, close = 0, len(data)
        for j, ch in enumerate(data):
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
                if depth == 0:
                    close = j + 1
                    break
        values = [float(v) for v in _NUMBER.findall(data[:close])]
        expected = math.prod(sizes) if sizes else 1
        if len(values) != expected:
            raise ValueError("memref %d: sizes %s call for %d values, found %d"
                             % (i, sizes, expected, len(values)))
        memrefs.append(Memref(sizes, values))
    return memrefs


def relative_error(reference, output):
    """max|r - o| / max|r| over two equally long sequences (NaN-aware: any
    NaN in either gives infinity)."""
    if len(reference) != len(output):
        raise ValueError("different lengths: %d and %d"
                         % (len(reference), len(output)))
    err = 0.0
    scale = 0.0
    for r, o in zip(reference, output):
        if math.isnan(r) or math.isnan(o):
            return math.inf
        err = max(err, abs(r - o))
        scale = max(scale, abs(r))
    if scale == 0.0:
        return 0.0 if err == 0.0 else math.inf
    return err / scale


def compare(reference_text, output_text, rtol):
    """Compares two runs. Returns (ok, list of report lines)."""
    ref = parse_memrefs(reference_text)
    out = parse_memrefs(output_text)
    if not ref:
        raise ValueError("the reference printed no memref")
    if len(ref) != len(out):
        return False, ["the runs printed %d and %d memrefs"
                       % (len(ref), len(out))]
    ok = True
    lines = []
    for i, (r, o) in enumerate(zip(ref, out)):
        if r.sizes != o.sizes:
            ok = False
            lines.append("memref %d: sizes differ: %s and %s"
                         % (i, r.sizes, o.sizes))
            continue
        err = relative_error(r.values, o.values)
        agree = err <= rtol
        ok = ok and agree
        lines.append("memref %d (sizes %s): relative error %.3g %s %.3g: %s"
                     % (i, "x".join(map(str, r.sizes)), err,
                        "<=" if agree else ">", rtol,
                        "agree" if agree else "DIFFER"))
    return ok, lines


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Compare the memrefs printed by two runs of a program.")
    parser.add_argument("reference", help="output of the reference run")
    parser.add_argument("output", help="output of the run to check")
    parser.add_argument("--rtol", type=float, default=1e-4,
                        help="bound on max|ref - out| / max|ref| "
                             "(default 1e-4: printMemref prints 6 digits)")
    args = parser.parse_args(argv)
    try:
        with open(args.reference) as f:
            reference_text = f.read()
        with open(args.output) as f:
            output_text = f.read()
        ok, lines = compare(reference_text, output_text, args.rtol)
    except (OSError, ValueError) as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
