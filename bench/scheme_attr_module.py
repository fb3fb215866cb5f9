#!/usr/bin/env python3
"""Writes a module of many STL ops that all carry one #stl.scheme.

Used to time the parsing and printing of the attribute, e.g.

  bench/scheme_attr_module.py 1600 > /tmp/ops.mlir
  time stl-opt /tmp/ops.mlir -o /dev/null
  stl-opt /tmp/ops.mlir --mlir-timing -o /dev/null
"""

import argparse


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ops", type=int, nargs="?", default=1600,
                        help="number of stl ops (default 1600)")
    parser.add_argument("--scheme", default="strassen-4x4x4*strassen-2x2x2",
                        help="catalog name of the scheme")
    parser.add_argument("--tile", default="8x8x8",
                        help="the scheme's tile MxKxN (default 8x8x8)")
    parser.add_argument("--rank", type=int, default=343,
                        help="the scheme's rank (default 343)")
    args = parser.parse_args()
    m, k, n = (int(x) for x in args.tile.split("x"))
    r = args.rank
    scheme = '#stl.scheme<"%s">' % args.scheme
    lhs = "tensor<%dx%dxf32>" % (2 * m, 2 * k)
    rhs = "tensor<%dx%dxf32>" % (2 * k, 2 * n)
    out = "tensor<%dx%dxf32>" % (2 * m, 2 * n)
    enc = "tensor<%dx2x2xf32>" % r
    print("func.func @ops(%%x: %s, %%w: %s, %%c: %s, %%e: %s) -> %s {"
          % (lhs, rhs, out, enc, out))
    acc = "%c"
    for i in range(args.ops):
        kind = i % 3
        if kind == 0:
            print("  %%m%d = stl.matmul %s ins(%%x, %%w : %s, %s) outs(%s : %s)"
                  " -> %s" % (i, scheme, lhs, rhs, acc, out, out))
            acc = "%%m%d" % i
        elif kind == 1:
            print("  %%e%d = stl.encode lhs %s ins(%%x : %s) outs(%%e : %s)"
                  " -> %s" % (i, scheme, lhs, enc, enc))
        else:
            print("  %%d%d = stl.decode %s ins(%%e : %s) outs(%s : %s) -> %s"
                  % (i, scheme, enc, acc, out, out))
            acc = "%%d%d" % i
    print("  return %s : %s" % (acc, out))
    print("}")


if __name__ == "__main__":
    main()
