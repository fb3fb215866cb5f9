"""Random differential test: dense MatMuls against their STL rewrite.

Draws random MatMul cases (forms, static and dynamic shapes, sizes that the
tile does not divide, float and integer element types), writes each as a
function on tensors
as a frontend would (``llvm.emit_c_interface``), compiles the module with
``stl-aot --cpu --shared`` once per pipeline:

    dense              --stl-cpu-pipeline (no rewrite)
    stl                --stl-replace-matmul=pad (the rewrite's choice)
    strassen-4x4x4     every op rewritten with strassen-4x4x4, padded
    winograd-parallel  every op with winograd-2x2x2, parallel=true (OpenMP)
    gpu-loops          every op with strassen-2x2x2, through the GPU
                       pipeline's loop stage (--stl-gpu-loops-pipeline),
                       run on the CPU

and calls every function through its C interface with seeded inputs. The
result is read as a C caller reads it: the returned descriptor's data
pointer and offset, the elements taken as a contiguous row-major array of
the returned sizes, whatever strides the descriptor claims. It is compared
with numpy's product of the same (rounded) inputs in f64:

    error = max |C - C_ref| / max |C_ref|

against a bound per result type (``BOUNDS``; integer results exactly,
modulo 2^32); for f16 / bf16 results an
STL result must be within one rounding of the reference (it is computed in
f32 and rounded once), while dense ones (accumulated in f16 / bf16, also
the ops a pipeline leaves dense) get a loose bound. Exit status 1 on any
failure.

Command line::

    python3 -m stl_mlir.differential [--build DIR] [--seed S] [--cases N]
        [--pipelines dense,stl,parallel,gpu-loops] [--keep DIR]
"""

import argparse
import ctypes
import os
import subprocess
import sys
import tempfile

import numpy as np

from .numerics import round_inputs, _from_bf16_bits

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

PIPELINES = {
    "dense": ["--stl-cpu-pipeline"],
    # The rewrite's own choice (ops where no scheme saves anything stay
    # dense).
    "stl": ["--stl-replace-matmul=pad", "--stl-cpu-pipeline"],
    # Every op rewritten, with each kind of scheme and code path.
    "strassen-4x4x4": ["--stl-replace-matmul=scheme=strassen-4x4x4 pad",
                       "--stl-cpu-pipeline"],
    "winograd-parallel": ["--stl-replace-matmul=scheme=winograd-2x2x2 pad",
                          "--stl-cpu-pipeline=parallel=true"],
    "gpu-loops": ["--stl-replace-matmul=scheme=strassen-2x2x2 pad",
                  "--stl-gpu-loops-pipeline",
                  "--stl-cpu-pipeline=deallocate=false"],
}
DEFAULT_PIPELINES = "dense,stl,strassen-4x4x4,winograd-parallel,gpu-loops"

# (operand type, result type): the element types of the cases.
TYPES = [("f32", "f32"), ("f64", "f64"), ("f16", "f32"), ("bf16", "f32"),
         ("f16", "f16"), ("bf16", "bf16"), ("i8", "i32"), ("ui8", "i32"),
         ("i32", "i32")]
# Integer results must be exact (arithmetic modulo 2^32).
INTEGERS = {"i8", "ui8", "i32"}

# Bound on the relative error of a result, by result type (operand type for
# the mixed cases does not matter: they accumulate in f32). f16 / bf16
# results: one rounding (unit roundoff 2^-11 / 2^-8) and a little for the
# f32 computation before it.
UNIT_ROUNDOFF = {"f16": 2.0 ** -11, "bf16": 2.0 ** -8}
BOUNDS = {"f64": 1e-12, "f32": 1e-5, "f16": 1.05 * 2.0 ** -11,
          "bf16": 1.05 * 2.0 ** -8, "i32": 0.0}
# Dense f16 / bf16 MatMuls accumulate in the narrow type: a loose bound.
DENSE_NARROW_BOUNDS = {"f16": 2e-2, "bf16": 1e-1}

FORMS = ["matmul", "matmul_transpose_b", "batch_matmul", "shared_weights",
         "generic_transpose_a", "batch_reduce_matmul", "mmt4d", "grouped_n"]
# Fixed outer sizes of the 4-D forms (never dynamic): mmt4d's K1 and N1,
# grouped_n's first N dimension.
X_SIZE, Y_SIZE = 2, 3
# numpy's product of each form: C + einsum(A, B).
EINSUM = {"matmul": "mk,kn->mn", "matmul_transpose_b": "mk,nk->mn",
          "generic_transpose_a": "km,kn->mn", "batch_matmul": "bmk,bkn->bmn",
          "shared_weights": "bmk,kn->bmn",
          "batch_reduce_matmul": "bmk,bkn->mn",
          "mmt4d": "bxmk,yxnk->bymn", "grouped_n": "bmk,kyn->bmyn"}

_NUMPY = {"f32": np.float32, "f64": np.float64, "f16": np.float16,
          "bf16": np.uint16, "i8": np.int8, "ui8": np.uint8, "i32": np.int32}
_CTYPE_BYTES = {"f32": 4, "f64": 8, "f16": 2, "bf16": 2, "i8": 1, "ui8": 1,
                "i32": 4}


class Case:
    """One MatMul: its form, sizes, which dimensions are dynamic, types."""

    def __init__(self, index, form, batch, m, k, n, dynamic, in_type,
                 out_type, casts=False):
        self.index = index
        # With casts, the function has static types and the MatMul sees
        # operands cast to dynamic types (what torch-mlir and --inline
        # give).
        self.casts = casts
        self.form = form
        self.batch, self.m, self.k, self.n = batch, m, k, n
        self.dynamic = dynamic          # set of "B", "M", "K", "N"
        self.in_type, self.out_type = in_type, out_type

    @property
    def name(self):
        return "case%d" % self.index

    def describe(self):
        dyn = "".join(sorted(self.dynamic)) or "-"
        return "%s %s B%d M%d K%d N%d dynamic=%s%s %s->%s" % (
            self.name, self.form, self.batch, self.m, self.k, self.n, dyn,
            " (casts)" if self.casts else "", self.in_type, self.out_type)

    def _dim(self, letter, size):
        return "?" if letter in self.dynamic else str(size)

    def shapes(self):
        """Logical shapes of lhs, rhs and result (lists of (letter, size))."""
        b, m, k, n = (("B", self.batch), ("M", self.m), ("K", self.k),
                      ("N", self.n))
        if self.form == "matmul":
            return [m, k], [k, n], [m, n]
        if self.form == "matmul_transpose_b":
            return [m, k], [n, k], [m, n]
        if self.form == "generic_transpose_a":
            return [k, m], [k, n], [m, n]
        if self.form == "batch_matmul":
            return [b, m, k], [b, k, n], [b, m, n]
        if self.form == "shared_weights":
            return [b, m, k], [k, n], [b, m, n]
        x, y = ("X", X_SIZE), ("Y", Y_SIZE)
        if self.form == "batch_reduce_matmul":
            return [b, m, k], [b, k, n], [m, n]
        if self.form == "mmt4d":
            return [b, x, m, k], [y, x, n, k], [b, y, m, n]
        if self.form == "grouped_n":
            return [b, m, k], [k, y, n], [b, m, y, n]
        raise ValueError(self.form)

    def tensor_type(self, dims, elt, static=False):
        elt = "i8" if elt == "ui8" else elt    # unsigned data, signless type
        return "tensor<%sx%s>" % (
            "x".join(str(s) if static else self._dim(l, s) for l, s in dims),
            elt)

    def mlir(self):
        lhs, rhs, out = self.shapes()
        ta = self.tensor_type(lhs, self.in_type)
        tb = self.tensor_type(rhs, self.in_type)
        tc = self.tensor_type(out, self.out_type)
        if self.casts:
            sa = self.tensor_type(lhs, self.in_type, static=True)
            sb = self.tensor_type(rhs, self.in_type, static=True)
            sc = self.tensor_type(out, self.out_type, static=True)
            return (
                "func.func @%s(%%a0: %s, %%b0: %s, %%c0: %s) -> %s "
                "attributes {llvm.emit_c_interface} {\n"
                "  %%a = tensor.cast %%a0 : %s to %s\n"
                "  %%b = tensor.cast %%b0 : %s to %s\n"
                "  %%c = tensor.cast %%c0 : %s to %s\n"
                "  %%r0 = %s\n"
                "  %%r = tensor.cast %%r0 : %s to %s\n"
                "  return %%r : %s\n}\n" % (
                    self.name, sa, sb, sc, sc, sa, ta, sb, tb, sc, tc,
                    self._op(ta, tb, tc), tc, sc, sc))
        return ("func.func @%s(%%a: %s, %%b: %s, %%c: %s) -> %s "
                "attributes {llvm.emit_c_interface} {\n"
                "  %%r = %s\n"
                "  return %%r : %s\n}\n" % (self.name, ta, tb, tc, tc,
                                             self._op(ta, tb, tc), tc))

    def _op(self, ta, tb, tc):
        """The MatMul op on %a, %b, %c of the given types."""
        operands = "ins(%%a, %%b : %s, %s) outs(%%c : %s)" % (ta, tb, tc)
        ins = operands + " -> " + tc
        unsigned = self.in_type == "ui8"
        cast = " {cast = #linalg.type_fn<cast_unsigned>}" if unsigned else ""
        if self.form == "matmul":
            op = "linalg.matmul" + cast + " " + ins
        elif self.form == "batch_matmul":
            op = "linalg.batch_matmul" + cast + " " + ins
        elif self.form in ("batch_reduce_matmul", "mmt4d") and not unsigned:
            op = "linalg.%s %s" % (self.form, ins)
        elif self.form == "matmul_transpose_b":
            op = ("linalg.matmul indexing_maps = ["
                  "affine_map<(d0, d1, d2) -> (d0, d2)>, "
                  "affine_map<(d0, d1, d2) -> (d1, d2)>, "
                  "affine_map<(d0, d1, d2) -> (d0, d1)>]" + cast + " " + ins)
        else:
            if self.form == "shared_weights":
                maps = ("affine_map<(b, m, n, k) -> (b, m, k)>, "
                        "affine_map<(b, m, n, k) -> (k, n)>, "
                        "affine_map<(b, m, n, k) -> (b, m, n)>")
                iterators = ('"parallel", "parallel", "parallel", '
                             '"reduction"')
            elif self.form == "batch_reduce_matmul":
                maps = ("affine_map<(b, m, n, k) -> (b, m, k)>, "
                        "affine_map<(b, m, n, k) -> (b, k, n)>, "
                        "affine_map<(b, m, n, k) -> (m, n)>")
                iterators = ('"reduction", "parallel", "parallel", '
                             '"reduction"')
            elif self.form == "mmt4d":
                maps = ("affine_map<(b, y, m, n, x, k) -> (b, x, m, k)>, "
                        "affine_map<(b, y, m, n, x, k) -> (y, x, n, k)>, "
                        "affine_map<(b, y, m, n, x, k) -> (b, y, m, n)>")
                iterators = ('"parallel", "parallel", "parallel", '
                             '"parallel", "reduction", "reduction"')
            elif self.form == "grouped_n":
                maps = ("affine_map<(b, m, y, n, k) -> (b, m, k)>, "
                        "affine_map<(b, m, y, n, k) -> (k, y, n)>, "
                        "affine_map<(b, m, y, n, k) -> (b, m, y, n)>")
                iterators = ('"parallel", "parallel", "parallel", '
                             '"parallel", "reduction"')
            else:
                maps = ("affine_map<(m, n, k) -> (k, m)>, "
                        "affine_map<(m, n, k) -> (k, n)>, "
                        "affine_map<(m, n, k) -> (m, n)>")
                iterators = '"parallel", "parallel", "reduction"'
            integer = self.in_type in INTEGERS
            in_type = "i8" if unsigned else self.in_type
            ext = ("arith.extui" if unsigned else "arith.extsi") if integer \
                else "arith.extf"
            mul, addop = ("arith.muli", "arith.addi") if integer \
                else ("arith.mulf", "arith.addf")
            if in_type != self.out_type:
                body = ("  %%x = %s %%p : %s to %s\n"
                        "  %%y = %s %%q : %s to %s\n"
                        % (ext, in_type, self.out_type, ext, in_type,
                           self.out_type))
                x, y = "%x", "%y"
            else:
                body, x, y = "", "%p", "%q"
            op = ("linalg.generic {indexing_maps = [%s], iterator_types = "
                  "[%s]} %s {\n"
                  "^bb0(%%p: %s, %%q: %s, %%acc: %s):\n%s"
                  "  %%s = %s %s, %s : %s\n"
                  "  %%t = %s %%acc, %%s : %s\n"
                  "  linalg.yield %%t : %s\n"
                  "} -> %s" % (maps, iterators, operands, in_type,
                               in_type, self.out_type, body, mul, x, y,
                               self.out_type, addop, self.out_type,
                               self.out_type, tc))
        return op


def draw_cases(rng, count):
    """`count` random cases, covering every form and type pair in turn."""
    cases = []
    for i in range(count):
        # Coprime counts: every form meets every type pair in turn.
        form = FORMS[i % len(FORMS)]
        in_type, out_type = TYPES[i % len(TYPES)]
        # Sizes with remainders for every tile (1 to 37), now and then a
        # multiple of 4 or 16.
        def size():
            r = rng.random()
            if r < 0.25:
                return int(rng.integers(1, 5)) * 4
            if r < 0.35:
                return 16 * int(rng.integers(1, 3))
            return int(rng.integers(1, 38))
        batch = int(rng.integers(1, 4))
        m, k, n = size(), size(), size()
        letters = ["M", "K", "N"] + (
            ["B"] if "batch" in form or form in ("shared_weights", "mmt4d",
                                                 "grouped_n") else [])
        dynamic = set()
        r = rng.random()
        if r < 0.4:
            dynamic = {l for l in letters if rng.random() < 0.6}
        elif r < 0.55 and "B" in letters:
            dynamic = {"B"}      # dynamic batch, static M, K, N
        # Dynamic sizes are padded at run time: most of them get a remainder
        # for every tile (N's is what a returned view's stride shows).
        if dynamic and rng.random() < 0.7:
            m, k, n = (x + 1 if x % 4 == 0 else x for x in (m, k, n))
        casts = bool(dynamic) and rng.random() < 0.5
        cases.append(Case(i, form, batch, m, k, n, dynamic, in_type,
                          out_type, casts))
    return cases


def _descriptor_type(rank):
    class Descriptor(ctypes.Structure):
        _fields_ = [("allocated", ctypes.c_void_p),
                    ("aligned", ctypes.c_void_p),
                    ("offset", ctypes.c_int64),
                    ("sizes", ctypes.c_int64 * rank),
                    ("strides", ctypes.c_int64 * rank)]
    return Descriptor


def _descriptor(array):
    assert array.flags["C_CONTIGUOUS"]
    d = _descriptor_type(array.ndim)()
    d.allocated = d.aligned = array.ctypes.data
    d.offset = 0
    for i, s in enumerate(array.shape):
        d.sizes[i] = s
    stride = 1
    for i in reversed(range(array.ndim)):
        d.strides[i] = stride
        stride *= array.shape[i]
    return d


def _draw(rng, shape, elt):
    """Random values of `elt`: (array to pass, exact values: f64 for
    floats, int64 for integers)."""
    if elt in INTEGERS:
        info = np.iinfo(_NUMPY[elt])
        stored = rng.integers(info.min, info.max, size=shape, endpoint=True,
                              dtype=np.int64).astype(_NUMPY[elt])
        return stored, stored.astype(np.int64)
    return _round(rng.uniform(-1, 1, shape), elt)


def _round(values, elt):
    """The values in the storage type: (array to pass, exact f64 values)."""
    if elt == "f64":
        return values.astype(np.float64), values.astype(np.float64)
    return round_inputs(values, elt)


def _values(stored, elt):
    if elt == "bf16":
        return _from_bf16_bits(stored)
    if elt in INTEGERS:
        return stored
    return stored.astype(np.float64)


def _read_as_c(descriptor, shape, elt):
    """The result as a C caller reads it: contiguous from data + offset."""
    count = int(np.prod(shape))
    nbytes = _CTYPE_BYTES[elt]
    address = descriptor.aligned + descriptor.offset * nbytes
    buffer = (ctypes.c_char * (count * nbytes)).from_address(address)
    flat = np.frombuffer(bytes(buffer), dtype=_NUMPY[elt], count=count)
    return _values(flat.reshape(shape), elt)


def run_case(library, case, rng_seed):
    """Calls `case` in `library`; returns (error, problems)."""
    rng = np.random.default_rng(rng_seed)
    lhs_dims, rhs_dims, out_dims = case.shapes()
    shape = lambda dims: tuple(s for _, s in dims)
    a, a64 = _draw(rng, shape(lhs_dims), case.in_type)
    b, b64 = _draw(rng, shape(rhs_dims), case.in_type)
    c, c64 = _draw(rng, shape(out_dims), case.out_type)
    a, b, c = (np.ascontiguousarray(x) for x in (a, b, c))
    ref = c64 + np.einsum(EINSUM[case.form], a64, b64)
    result = _descriptor_type(len(out_dims))()
    args = [_descriptor(x) for x in (a, b, c)]
    fn = getattr(library, "_mlir_ciface_" + case.name)
    fn.restype = None
    fn(ctypes.byref(result), *(ctypes.byref(d) for d in args))
    problems = []
    sizes = tuple(result.sizes[i] for i in range(len(out_dims)))
    if sizes != ref.shape:
        return None, ["returned sizes %s, expected %s" % (sizes, ref.shape)]
    got = _read_as_c(result, ref.shape, case.out_type)
    if case.out_type in INTEGERS:
        # int64 arithmetic wraps modulo 2^64, so modulo 2^32 it is exact.
        expected = ref.astype(np.int64).astype(np.int32)
        wrong = int(np.count_nonzero(got != expected))
        if wrong:
            problems.append("%d of %d integers differ" % (wrong, got.size))
        return (1.0 if wrong else 0.0), problems
    scale = np.max(np.abs(ref))
    error = float(np.max(np.abs(got - ref)) / scale) if scale else 0.0
    if not np.all(np.isfinite(got)):
        problems.append("non-finite result")
    return error, problems


def rewritten_functions(build, source, pipeline):
    """Names of the functions that `pipeline` rewrites into STL."""
    rewrite = [a for a in PIPELINES[pipeline]
               if a.startswith("--stl-replace-matmul")]
    if not rewrite:
        return set()
    text = subprocess.run([os.path.join(build, "bin", "stl-opt"), source] +
                          rewrite, check=True, capture_output=True,
                          text=True).stdout
    names = set()
    for chunk in text.split("func.func @")[1:]:
        if "stl.matmul" in chunk:
            names.add(chunk.split("(", 1)[0])
    return names


def compile_library(build, work, source, pipeline, name):
    library = os.path.join(work, "differential-%s.so" % name)
    subprocess.run([os.path.join(build, "bin", "stl-aot"), "--cpu",
                    "--shared", source, "-o", library, "--"] +
                   PIPELINES[pipeline], check=True)
    return ctypes.CDLL(library)


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m stl_mlir.differential", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.environ.get(
        "STL_BUILD_DIR", os.path.join(ROOT, "build")),
        help="build directory with bin/stl-aot (default: build/)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--pipelines", default=DEFAULT_PIPELINES)
    parser.add_argument("--keep", help="keep the module and libraries here")
    args = parser.parse_args(argv)

    pipelines = args.pipelines.split(",")
    for p in pipelines:
        if p not in PIPELINES:
            parser.error("unknown pipeline '%s' (expected %s)"
                         % (p, ", ".join(PIPELINES)))
    rng = np.random.default_rng(args.seed)
    cases = draw_cases(rng, args.cases)
    work = args.keep or tempfile.mkdtemp(prefix="stl-differential-")
    os.makedirs(work, exist_ok=True)
    source = os.path.join(work, "differential.mlir")
    with open(source, "w") as f:
        f.write("\n".join(case.mlir() for case in cases))

    failures = 0
    for pipeline in pipelines:
        try:
            library = compile_library(args.build, work, source, pipeline,
                                      pipeline)
            rewritten = rewritten_functions(args.build, source, pipeline)
        except (subprocess.CalledProcessError, OSError) as e:
            print("FAIL %s: the module does not compile or load (%s)"
                  % (pipeline, e))
            failures += len(cases)
            continue
        worst = 0.0
        for case in cases:
            error, problems = run_case(library, case,
                                       args.seed * 1000 + case.index)
            narrow = case.out_type in UNIT_ROUNDOFF
            bound = (DENSE_NARROW_BOUNDS[case.out_type]
                     if narrow and case.name not in rewritten
                     else BOUNDS[case.out_type])
            if error is not None and error > bound:
                problems.append("relative error %.3g > %.3g" % (error, bound))
            if problems:
                failures += 1
                print("FAIL %s %s: %s" % (pipeline, case.describe(),
                                          "; ".join(problems)))
            elif not narrow:
                worst = max(worst, error)
        print("differential: %s: %d cases, largest f32/f64 relative error "
              "%.3g" % (pipeline, len(cases), worst))
    total = len(cases) * len(pipelines)
    print("differential: %d passed, %d failed" % (total - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
