"""Numerical error of STL MatMuls against a dense f64 reference.

For every scheme of the catalog, every input precision (f32, and f16 / bf16
with f32 accumulation), several sizes and input distributions, this compiles
``C = A * B`` with ``stl-aot --cpu --shared`` (the CPU pipeline the tests and
benchmarks use), runs it on random inputs and measures

    error = max |C - C_ref| / max |C_ref|          (STL.md section 7)

where ``C_ref`` is the product of the same (already rounded) inputs in f64,
computed by numpy. The dense MatMul of the same pipeline, in the same
precision, is measured next to it: that is the error STL is to be compared
with. Schemes are applied with ``stl.matmul`` directly, so each row is the
scheme itself and not the rewrite's choice.

Command line::

    python3 -m stl_mlir.numerics [--build DIR] [--sizes 64,256,1024]
        [--dtypes f32,f16,bf16] [--markdown FILE] [--json FILE] [--check]
        [--document docs/numerics.md]

``--check`` exits 1 when an exact scheme's error exceeds its documented
bound: ``FACTORS[scheme]`` times the dense error of the same case (at least
the accumulator's unit roundoff, so that a dense error of zero does not make
every bound zero). The bounds are documented in docs/numerics.md.
``--document`` checks that the measurements agree with that file's table
(within 25 %: the inputs are seeded, so a case reproduces on any x86-64).
"""

import argparse
import ctypes
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

# (column name, scheme, encoded_type or None). `None` as the scheme is the
# dense MatMul.
VARIANTS = [
    ("dense", None, None),
    ("naive-2x2x2", "naive-2x2x2", None),
    ("strassen-2x2x2", "strassen-2x2x2", None),
    ("winograd-2x2x2", "winograd-2x2x2", None),
    ("strassen-4x4x4", "strassen-4x4x4", None),
    ("winograd-2x2x2*winograd-2x2x2", "winograd-2x2x2*winograd-2x2x2", None),
    # f16 / bf16 only: the encoded operands stored in the narrow type
    # (--stl-replace-matmul=narrow-encodings), for comparison.
    ("strassen-4x4x4, narrow encodings", "strassen-4x4x4", "narrow"),
    # bf16 only: f16 encodings of bf16 inputs (encoded-type=f16).
    ("strassen-4x4x4, f16 encodings", "strassen-4x4x4", "f16"),
]


def _applies(encoded, dtype):
    """Whether a variant with encoded type `encoded` is measured on `dtype`
    inputs: narrow encodings on f16 / bf16, f16 encodings on bf16."""
    if encoded is None:
        return True
    if encoded == "narrow":
        return dtype != "f32"
    return dtype == "bf16"

# Documented bounds: an exact scheme's error is at most FACTORS[scheme] times
# the dense MatMul's in the same case (docs/numerics.md). Each is two to three
# times the largest ratio measured (0.9, 2.9, 4.8, 5.6 and 7.2 in the table of
# docs/numerics.md).
FACTORS = {
    "naive-2x2x2": 2.0,
    "strassen-2x2x2": 8.0,
    "winograd-2x2x2": 8.0,
    "strassen-4x4x4": 16.0,
    "winograd-2x2x2*winograd-2x2x2": 16.0,
}

DTYPES = {
    # name: (MLIR element type, bytes, unit roundoff of the accumulator)
    "f32": ("f32", 4, 2.0 ** -24),
    "f16": ("f16", 2, 2.0 ** -24),
    "bf16": ("bf16", 2, 2.0 ** -24),
}

DISTRIBUTIONS = ["uniform(-1,1)", "normal(0,1)", "uniform(0,1)",
                 "scaled rows/cols"]


def _draw(rng, distribution, shape, axis):
    if distribution == "uniform(-1,1)":
        return rng.uniform(-1.0, 1.0, shape)
    if distribution == "normal(0,1)":
        return rng.standard_normal(shape)
    if distribution == "uniform(0,1)":
        return rng.uniform(0.0, 1.0, shape)
    if distribution == "scaled rows/cols":
        # Rows of A / columns of B scaled over four orders of magnitude: the
        # case where Strassen-like schemes lose most against dense (their
        # encodings add entries of different rows and columns).
        scale = 10.0 ** rng.uniform(-2.0, 2.0, shape[axis])
        values = rng.standard_normal(shape)
        return values * (scale[:, None] if axis == 0 else scale[None, :])
    raise ValueError(distribution)


def _to_bf16_bits(values):
    """Rounds f64 values to bf16 (nearest even); returns the uint16 bits."""
    bits = values.astype(np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def _from_bf16_bits(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32).astype(np.float64)


def round_inputs(values, dtype):
    """The inputs in the storage type: (array to pass, exact f64 values)."""
    if dtype == "f32":
        stored = values.astype(np.float32)
        return stored, stored.astype(np.float64)
    if dtype == "f16":
        stored = values.astype(np.float16)
        return stored, stored.astype(np.float64)
    if dtype == "bf16":
        bits = _to_bf16_bits(values)
        return bits, _from_bf16_bits(bits)
    raise ValueError(dtype)


def _module(size, dtype):
    m = k = n = size
    t = DTYPES[dtype][0]
    lines = []
    for index, (_, scheme, encoded) in enumerate(VARIANTS):
        if not _applies(encoded, dtype):
            continue
        if scheme is None:
            op = ("linalg.matmul ins(%at, %bt : tensor<{m}x{k}x{t}>, "
                  "tensor<{k}x{n}x{t}>) outs(%z : tensor<{m}x{n}xf32>) "
                  "-> tensor<{m}x{n}xf32>")
        else:
            attrs = (" {{encoded_type = %s}}" % (t if encoded == "narrow"
                                                 else encoded)
                     if encoded else "")
            op = ('stl.matmul #stl.scheme<"%s">%s ins(%%at, %%bt : '
                  "tensor<{m}x{k}x{t}>, tensor<{k}x{n}x{t}>) "
                  "outs(%%z : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>"
                  % (scheme, attrs))
        body = """
func.func @v{i}(%a: memref<{m}x{k}x{t}>, %b: memref<{k}x{n}x{t}>,
              %c: memref<{m}x{n}xf32>) attributes {{llvm.emit_c_interface}} {{
  %at = bufferization.to_tensor %a restrict : memref<{m}x{k}x{t}> to tensor<{m}x{k}x{t}>
  %bt = bufferization.to_tensor %b restrict : memref<{k}x{n}x{t}> to tensor<{k}x{n}x{t}>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<{m}x{n}xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  %r = """ + op + """
  bufferization.materialize_in_destination %r in restrict writable %c
      : (tensor<{m}x{n}xf32>, memref<{m}x{n}xf32>) -> ()
  return
}}
"""
        lines.append(body.format(i=index, m=m, k=k, n=n, t=t))
    return "\n".join(lines)


class _Memref2D(ctypes.Structure):
    _fields_ = [("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p),
                ("offset", ctypes.c_int64), ("sizes", ctypes.c_int64 * 2),
                ("strides", ctypes.c_int64 * 2)]


def _descriptor(array):
    assert array.flags["C_CONTIGUOUS"] and array.ndim == 2
    d = _Memref2D()
    d.allocated = d.aligned = array.ctypes.data
    d.offset = 0
    d.sizes[0], d.sizes[1] = array.shape
    d.strides[0], d.strides[1] = array.shape[1], 1
    return d


def compile_case(build, work, size, dtype):
    """Compiles the variants of one size and precision; returns the library."""
    source = os.path.join(work, "numerics-%d-%s.mlir" % (size, dtype))
    library = os.path.join(work, "numerics-%d-%s.so" % (size, dtype))
    with open(source, "w") as f:
        f.write(_module(size, dtype))
    subprocess.run([os.path.join(build, "bin", "stl-aot"), "--cpu", "--shared",
                    source, "-o", library], check=True)
    return ctypes.CDLL(library)


def relative_error(result, reference):
    scale = np.max(np.abs(reference))
    return float(np.max(np.abs(result - reference)) / scale) if scale else 0.0


def measure(build, sizes, dtypes, seed=2026):
    """Runs every case; returns a list of result rows (dicts)."""
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for dtype in dtypes:
            for size in sizes:
                library = compile_case(build, work, size, dtype)
                for d_index, distribution in enumerate(DISTRIBUTIONS):
                    rng = np.random.default_rng(
                        [seed, size, d_index, sorted(DTYPES).index(dtype)])
                    a, a64 = round_inputs(
                        _draw(rng, distribution, (size, size), 0), dtype)
                    b, b64 = round_inputs(
                        _draw(rng, distribution, (size, size), 1), dtype)
                    a = np.ascontiguousarray(a)
                    b = np.ascontiguousarray(b)
                    reference = a64 @ b64
                    row = {"dtype": dtype, "size": size,
                           "distribution": distribution, "errors": {}}
                    for index, (name, _, encoded) in enumerate(VARIANTS):
                        if not _applies(encoded, dtype):
                            continue
                        c = np.zeros((size, size), dtype=np.float32)
                        descs = [_descriptor(x) for x in (a, b, c)]
                        function = getattr(library, "_mlir_ciface_v%d" % index)
                        function(*[ctypes.byref(x) for x in descs])
                        row["errors"][name] = relative_error(
                            c.astype(np.float64), reference)
                    rows.append(row)
    return rows


def check(rows):
    """The cases where an exact scheme exceeds its documented bound."""
    problems = []
    for row in rows:
        floor = DTYPES[row["dtype"]][2]
        dense = max(row["errors"]["dense"], floor)
        for name, factor in FACTORS.items():
            error = row["errors"][name]
            if not error <= factor * dense:
                problems.append(
                    "%s %s %d^3, %s: error %.3g > %g x dense %.3g"
                    % (name, row["dtype"], row["size"], row["distribution"],
                       error, factor, row["errors"]["dense"]))
    return problems


def _parse_table(text):
    """The rows of a table written by `markdown`: {(precision, size,
    inputs): {column: error}}."""
    table, names = {}, None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not line.lstrip().startswith("|"):
            continue
        if cells[0] == "precision":
            names = cells[3:]
            continue
        if names is None or cells[0].startswith("---"):
            continue
        dtype = cells[0].split()[0]
        size = int(cells[1].split("^")[0])
        errors = {}
        for name, cell in zip(names, cells[3:]):
            if cell:
                errors[name] = float(cell.split()[0])
        table[(dtype, size, cells[2])] = errors
    return table


def compare_with_document(rows, text, rtol=0.25):
    """Differences between the measured rows and the documented table
    (the rows of the table that were measured; errors within `rtol`)."""
    documented = _parse_table(text)
    problems, compared = [], 0
    for row in rows:
        key = (row["dtype"], row["size"], row["distribution"])
        if key not in documented:
            continue
        compared += 1
        for name, error in row["errors"].items():
            doc = documented[key].get(name)
            if doc is None:
                problems.append("%s %d^3 %s: %s is not documented" % (
                    key[0], key[1], key[2], name))
            elif abs(error - doc) > rtol * doc:
                problems.append(
                    "%s %d^3 %s, %s: measured %.3g, documented %.3g" % (
                        key[0], key[1], key[2], name, error, doc))
    if compared == 0:
        problems.append("no measured case is in the documented table")
    return problems


def markdown(rows):
    names = [name for name, _, _ in VARIANTS]
    out = ["| precision | size | inputs | " + " | ".join(names) + " |",
           "|---|---|---|" + "---|" * len(names)]
    for row in rows:
        cells = []
        dense = row["errors"]["dense"]
        for name in names:
            error = row["errors"].get(name)
            if error is None:
                cells.append("")
            elif name == "dense":
                cells.append("%.2e" % error)
            else:
                cells.append("%.2e (%.1fx)" % (
                    error, error / max(dense, DTYPES[row["dtype"]][2])))
        label = row["dtype"] if row["dtype"] == "f32" else \
            row["dtype"] + " -> f32"
        out.append("| %s | %d^3 | %s | %s |" % (
            label, row["size"], row["distribution"], " | ".join(cells)))
    return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m stl_mlir.numerics",
        description="Error of STL MatMuls against a dense f64 reference.")
    parser.add_argument("--build", default=os.environ.get(
        "STL_BUILD_DIR", os.path.join(ROOT, "build")),
        help="build directory with bin/stl-aot (default: build/)")
    parser.add_argument("--sizes", default="64,256,1024",
                        help="square sizes M = K = N, comma-separated")
    parser.add_argument("--dtypes", default="f32,f16,bf16",
                        help="input precisions (f32, f16, bf16)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--markdown", help="write the table to this file")
    parser.add_argument("--json", help="write the measurements to this file")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when an exact scheme exceeds its bound")
    parser.add_argument("--document",
                        help="a Markdown file with the table (docs/"
                        "numerics.md): exit 1 when a measured case differs "
                        "from it by more than 25%%")
    args = parser.parse_args(argv)

    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes: expected comma-separated integers, got %r"
                     % args.sizes)
    dtypes = args.dtypes.split(",")
    for dtype in dtypes:
        if dtype not in DTYPES:
            parser.error("--dtypes: unknown precision %r (f32, f16, bf16)"
                         % dtype)
    for size in sizes:
        if size <= 0 or size % 4:
            parser.error("--sizes: %d is not a positive multiple of 4 (the "
                         "tile of strassen-4x4x4)" % size)
    if not os.path.exists(os.path.join(args.build, "bin", "stl-aot")):
        print("numerics: no stl-aot in %s (build first: utils/build.sh)"
              % args.build, file=sys.stderr)
        return 2

    rows = measure(args.build, sizes, dtypes, args.seed)
    table = markdown(rows)
    sys.stdout.write(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    if args.check:
        problems = check(rows)
        for p in problems:
            print("numerics: FAIL: " + p)
        if problems:
            return 1
        print("numerics: every exact scheme within its bound (%d cases)"
              % len(rows))
    if args.document:
        with open(args.document) as f:
            problems = compare_with_document(rows, f.read())
        for p in problems:
            print("numerics: FAIL: %s: %s" % (args.document, p))
        if problems:
            return 1
        print("numerics: the measurements agree with %s" % args.document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
