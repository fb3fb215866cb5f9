"""Expected outputs of test/Integration/CPU/math-functions.mlir: the math
functions of Inputs/math-functions.mlir computed with Python's math module
(in double precision), their operands and results rounded to the element
type (f16 and bf16 simulated with struct), in printMemrefF32's format and
the program's order:

    python3 math-functions-expected.py f32|f64|f16|bf16
"""

import math
import sys

X = [-0.9, -0.55, -0.3, -0.05, 0.1, 0.45, 0.7, 0.95]
P = [0.05, 0.3, 0.75, 1.0, 1.5, 2.25, 4.0, 9.5]
G = [1.0, 1.1, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0]
Y = [0.5, -1.25, 2.0, 0.75, -0.3, 1.5, -2.5, 0.2]
N = [0, 1, 2, 3, -1, -2, 5, 4]
LO, HI = -0.5, 0.5


from rounding import bf16, f16, f32  # noqa: E402 (Inputs/rounding.py)


ROUND = {"f64": lambda v: v, "f32": f32, "f16": f16, "bf16": bf16}


def round_half_away(v):
    return math.copysign(math.floor(abs(v) + 0.5), v)


UNARY_X = [
    ("erf", math.erf), ("erfc", math.erfc), ("tanh", math.tanh),
    ("exp", math.exp), ("exp2", lambda v: 2.0 ** v), ("expm1", math.expm1),
    ("sin", math.sin), ("cos", math.cos), ("tan", math.tan),
    ("asin", math.asin), ("acos", math.acos), ("atan", math.atan),
    ("sinh", math.sinh), ("cosh", math.cosh), ("asinh", math.asinh),
    ("atanh", math.atanh),
    ("cbrt", lambda v: math.copysign(abs(v) ** (1.0 / 3.0), v)),
    ("absf", abs), ("floor", math.floor), ("ceil", math.ceil),
    ("round", round_half_away), ("roundeven", lambda v: float(round(v))),
    ("trunc", math.trunc),
]
UNARY_P = [
    ("log", math.log), ("log2", math.log2), ("log10", math.log10),
    ("log1p", math.log1p), ("sqrt", math.sqrt),
    ("rsqrt", lambda v: 1.0 / math.sqrt(v)),
]


def results(r):
    """The results @funcs and @vectors print, in order."""
    x, p, g, y = ([r(v) for v in vs] for vs in (X, P, G, Y))
    lo, hi = r(LO), r(HI)
    out = [("tensors", None)]
    for name, f in UNARY_X:
        out.append((name, [f(v) for v in x]))
    for name, f in UNARY_P:
        out.append((name, [f(v) for v in p]))
    out.append(("acosh", [math.acosh(v) for v in g]))
    out.append(("atan2", [math.atan2(a, b) for a, b in zip(x, y)]))
    out.append(("powf", [a ** b for a, b in zip(p, y)]))
    out.append(("copysign", [math.copysign(a, b) for a, b in zip(x, y)]))
    out.append(("fpowi", [a ** n for a, n in zip(x, N)]))
    out.append(("fma", [a * b + c for a, b, c in zip(x, y, p)]))
    # As MLIR 22 defines math.clampf(value, min, max): maxf(minf(value,
    # min), max) (and math-expand-ops expands it).
    out.append(("clampf", [max(min(a, lo), hi) for a in x]))
    out.append(("ipowi", [float((n - 2) ** abs(n)) for n in N]))
    out.append(("vectors", None))
    for name in ["erf", "tanh", "exp", "sin", "cbrt", "atanh"]:
        f = dict(UNARY_X)[name]
        out.append((name, [f(v) for v in x]))
    for name in ["log1p", "sqrt"]:
        f = dict(UNARY_P)[name]
        out.append((name, [f(v) for v in p]))
    out.append(("powf", [a ** b for a, b in zip(p, y)]))
    out.append(("fpowi", [a ** n for a, n in zip(x, N)]))
    out.append(("fma", [a * b + c for a, b, c in zip(x, y, p)]))
    for name in ["erf", "tanh", "exp"]:  # on vector<2x4x...>
        f = dict(UNARY_X)[name]
        out.append((name, [f(v) for v in x]))
    return [(name, None if vs is None else [r(v) for v in vs])
            for name, vs in out]


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ROUND:
        sys.exit("usage: math-functions-expected.py f32|f64|f16|bf16")
    for name, values in results(ROUND[sys.argv[1]]):
        if values is None:
            print(name)
            continue
        print("Unranked Memref base@ = 0 rank = 1 offset = 0 sizes = [8] "
              "strides = [1] data = ")
        print("[" + ", ".join(repr(v) for v in values) + "]")


if __name__ == "__main__":
    main()
