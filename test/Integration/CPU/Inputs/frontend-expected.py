"""Expected outputs of test/Integration/CPU/whole-programs-frontend.mlir,
computed independently of MLIR with Python's math module (in double
precision; the roundings of the narrow types simulated step by step with
struct), in the formats the program prints them:

    python3 frontend-expected.py f32      the memrefs printed after "f32":
                                          GELU with erf, GELU with tanh
    python3 frontend-expected.py narrow   after "narrow": GELU with erf in
                                          bf16, GELU with tanh in f16
    python3 frontend-expected.py vectors  the two blocks printed with
                                          vector.print
"""

import math
import sys


def matrix(rows, cols, a, b, p, c, scale):
    """m[i][j] = ((a*i + b*j) mod p - c) * scale, as @matrix computes it."""
    return [[((a * i + b * j) % p - c) * scale for j in range(cols)]
            for i in range(rows)]


def matmul(x, w):
    return [[sum(x[i][k] * w[k][j] for k in range(len(w)))
             for j in range(len(w[0]))] for i in range(len(x))]


from rounding import bf16, f16, f32  # noqa: E402 (Inputs/rounding.py)


def gelu_erf(z, r):
    """0.5 z (1 + erf(z * 0.707106769)), each step rounded by r."""
    s = r(z * r(0.707106769))
    p = r(r(math.erf(s)) + 1.0)
    return r(r(z * 0.5) * p)


def gelu_tanh(z, r):
    """0.5 z (1 + tanh(0.797884583 (z + 0.044715 z^3))), rounded by r."""
    z3 = r(r(z * z) * z)
    inner = r(z + r(z3 * r(0.044715)))
    t = r(math.tanh(r(inner * r(0.797884583))))
    return r(r(z * 0.5) * r(t + 1.0))


def layers():
    """z1 of @mlp: exact (small dyadic values)."""
    x = matrix(16, 32, 5, 3, 11, 5, 0.25)
    w0 = matrix(32, 64, 7, 2, 13, 6, 0.125)
    w1 = matrix(64, 16, 3, 5, 7, 3, 0.25)
    b0 = [0.125, -0.25, 0.375, 0.0, -0.5, 0.25, 0.0, -0.125] * 8
    a0 = [[max(v + b, 0.0) for v, b in zip(row, b0)] for row in matmul(x, w0)]
    z1 = [[(v - 0.5) * 0.5 for v in row] for row in matmul(a0, w1)]
    return a0, z1


def print_memref(m):
    print("Unranked Memref base@ = 0 rank = 2 offset = 0 sizes = [%d, %d] "
          "strides = [%d, 1] data = " % (len(m), len(m[0]), len(m[0])))
    print("[" + ", \n ".join("[" + ",   ".join(repr(v) for v in row) + "]"
                             for row in m) + "]")


def main():
    _, z1 = layers()
    ident = lambda v: v
    if sys.argv[1:] == ["f32"]:
        print_memref([[gelu_erf(v, ident) for v in row] for row in z1])
        print_memref([[gelu_tanh(v, ident) for v in row] for row in z1])
    elif sys.argv[1:] == ["narrow"]:
        print_memref([[gelu_erf(bf16(v), bf16) for v in row] for row in z1])
        print_memref([[gelu_tanh(f16(v), f16) for v in row] for row in z1])
    elif sys.argv[1:] == ["vectors"]:
        a0, z1 = layers()
        # What vector.print prints (%g) for the two blocks @main reads.
        block = [a0[i][3:11] for i in range(2, 6)]
        edge = [z1[i][9:16] + [-1.0] for i in range(1, 3)]
        for m in (block, edge):
            print("( " + ", ".join("( " + ", ".join("%g" % f32(v) for v in row)
                                   + " )" for row in m) + " )")
    else:
        sys.exit("usage: frontend-expected.py f32|narrow|vectors")


if __name__ == "__main__":
    main()
