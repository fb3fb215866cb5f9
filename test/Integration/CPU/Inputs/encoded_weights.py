"""Emits the cases of encoded-weights.test: layers of a trained STL model
whose weights are stored encoded (STL.md section 1: r x K/k x N/n), with
their own learned-looking U, V, D (an approximate 2x2x2 scheme of rank 6,
random coefficients), written as stl.encode lhs, stl.tile_product of the
encoded weight and stl.decode; @main calls them on fixed inputs and checks
the results (@check of harness.mlir) against the numpy reference operator
(stl_mlir.reference, f64) computed here.

usage: encoded_weights.py   (prints the module on standard output)
"""
import numpy as np

from stl_mlir import reference
from stl_mlir.scheme import Scheme

M, K, N = 16, 24, 20
TILE = (2, 2, 2)
RANK = 6


def matrix(rows):
    return "[%s]" % ", ".join(
        "[%s]" % ", ".join("%.9e" % v for v in row) for row in rows)


def main():
    rng = np.random.default_rng(2026)
    m, k, n = TILE
    u = rng.normal(0, 0.6, (RANK, m * k)).astype(np.float32).astype(np.float64)
    v = rng.normal(0, 0.6, (RANK, k * n)).astype(np.float32).astype(np.float64)
    d = rng.normal(0, 0.6, (m * n, RANK)).astype(np.float32).astype(np.float64)
    scheme = Scheme("learned", TILE, u, v, d)
    attr = ("#stl.scheme<name = \"learned\", tile = [2, 2, 2], rank = %d, "
            "lhs = %s, rhs = %s, out = %s>" % (RANK, matrix(u), matrix(v),
                                                 matrix(d)))
    x = rng.uniform(-1, 1, (M, K)).astype(np.float32)
    we = rng.uniform(-1, 1, (RANK, K // k, N // n)).astype(np.float32)
    ref = reference.decode(
        reference.tile_product(reference.encode_lhs(x.astype(np.float64),
                                                    scheme),
                               we.astype(np.float64)), scheme)
    xe_type = "tensor<%dx%dx%dxf32>" % (RANK, M // m, K // k)
    we_type = "tensor<%dx%dx%dxf32>" % (RANK, K // k, N // n)
    ce_type = "tensor<%dx%dx%dxf32>" % (RANK, M // m, N // n)
    x_type, y_type = "tensor<%dx%dxf32>" % (M, K), "tensor<%dx%dxf32>" % (M, N)
    print("""
// The layer: decode(tile_product(encode_lhs(X), We)), We given encoded.
func.func @layer(%%x: %(x)s, %%we: %(we)s) -> %(y)s {
  %%zero = arith.constant 0.0 : f32
  %%e = tensor.empty() : %(xe)s
  %%xe = stl.encode lhs %(attr)s ins(%%x : %(x)s) outs(%%e : %(xe)s) -> %(xe)s
  %%p = tensor.empty() : %(ce)s
  %%acc = linalg.fill ins(%%zero : f32) outs(%%p : %(ce)s) -> %(ce)s
  %%ce = stl.tile_product ins(%%xe, %%we : %(xe)s, %(we)s) outs(%%acc : %(ce)s) -> %(ce)s
  %%o = tensor.empty() : %(y)s
  %%init = linalg.fill ins(%%zero : f32) outs(%%o : %(y)s) -> %(y)s
  %%y = stl.decode %(attr)s ins(%%ce : %(ce)s) outs(%%init : %(y)s) -> %(y)s
  return %%y : %(y)s
}

func.func @as3d(%%t: %(y)s) -> tensor<?x?x?xf32> {
  %%e = tensor.expand_shape %%t [[0, 1], [2]] output_shape [1, %(M)d, %(N)d] : %(y)s into tensor<1x%(M)dx%(N)dxf32>
  %%c = tensor.cast %%e : tensor<1x%(M)dx%(N)dxf32> to tensor<?x?x?xf32>
  return %%c : tensor<?x?x?xf32>
}

func.func @main() {
  %%x = arith.constant dense<%(xv)s> : %(x)s
  %%we = arith.constant dense<%(wev)s> : %(we)s
  %%ref = arith.constant dense<%(refv)s> : %(y)s
  %%y = call @layer(%%x, %%we) : (%(x)s, %(we)s) -> %(y)s
  %%got3 = call @as3d(%%y) : (%(y)s) -> tensor<?x?x?xf32>
  %%ref3 = call @as3d(%%ref) : (%(y)s) -> tensor<?x?x?xf32>
  vector.print str "encoded weights: "
  call @check(%%got3, %%ref3) : (tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()
  return
}""" % dict(x=x_type, we=we_type, y=y_type, xe=xe_type, ce=ce_type,
            attr=attr, M=M, N=N, xv=nested(x), wev=nested(we),
            refv=nested(ref)))


def nested(array):
    if array.ndim == 1:
        return "[%s]" % ", ".join("%.9e" % v for v in array)
    return "[%s]" % ", ".join(nested(a) for a in array)


if __name__ == "__main__":
    main()
