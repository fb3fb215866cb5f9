"""Writes bench/schemes/rank24-4x4x4.json: a rank-24 scheme for 4x4x4 tiles,
for timing (issue: "any valid rank-24 coefficients for timing").

It is Strassen (x) Strassen (STL.md section 4) keeping the first 24 of its
49 products: a valid scheme of the right shape, but approximate (its Brent
residual is large; stl-opt computes it). Run from the repository root:

    /usr/bin/python3 bench/make_rank24.py
"""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
with open(os.path.join(root, "test/Inputs/schemes/strassen-2x2x2.json")) as f:
    s = json.load(f)


def kron(a, b, rows_a, cols_a, rows_b, cols_b, r_a, r_b, transpose=False):
    """The composed coefficient matrix of STL.md section 4. For U and V the
    matrices are r x (rows*cols); for D (transpose=True) (rows*cols) x r."""
    rows, cols = rows_a * rows_b, cols_a * cols_b
    out = [[0.0] * (rows * cols) for _ in range(r_a * r_b)]
    for p1 in range(r_a):
        for p2 in range(r_b):
            for i1 in range(rows_a):
                for i2 in range(rows_b):
                    for q1 in range(cols_a):
                        for q2 in range(cols_b):
                            ea = a[i1 * cols_a + q1][p1] if transpose else a[p1][i1 * cols_a + q1]
                            eb = b[i2 * cols_b + q2][p2] if transpose else b[p2][i2 * cols_b + q2]
                            i, q = i1 * rows_b + i2, q1 * cols_b + q2
                            out[p1 * r_b + p2][i * cols + q] = ea * eb
    if transpose:
        return [list(col) for col in zip(*out)]
    return out


u = kron(s["lhs"], s["lhs"], 2, 2, 2, 2, 7, 7)
v = kron(s["rhs"], s["rhs"], 2, 2, 2, 2, 7, 7)
d = kron(s["out"], s["out"], 2, 2, 2, 2, 7, 7, transpose=True)
rank = 24
scheme = {"name": "strassen-4x4x4-first24", "tile": [4, 4, 4], "rank": rank,
          "lhs": u[:rank], "rhs": v[:rank], "out": [row[:rank] for row in d]}
os.makedirs(os.path.join(here, "schemes"), exist_ok=True)
with open(os.path.join(here, "schemes", "rank24-4x4x4.json"), "w") as f:
    json.dump(scheme, f)
    f.write("\n")
print("wrote bench/schemes/rank24-4x4x4.json")
