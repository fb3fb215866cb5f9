"""The C API from Python (stl_mlir.capi): the compiler driver, and the
Python scheme library (stl_mlir.scheme) against the C++ one.

Needs libSTLCAPI.so from a build (utils/build.sh); skipped without it.
"""

import json
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import capi, reference  # noqa: E402
from stl_mlir import scheme as py  # noqa: E402

try:
    capi.load_library()
except capi.LibraryNotFound as e:  # pragma: no cover - depends on the build
    pytest.skip(str(e), allow_module_level=True)

MATMUL = """\
func.func @mm(%a: tensor<8x12xf32>, %b: tensor<12x16xf32>,
              %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x12xf32>, tensor<12x16xf32>)
                     outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}
"""

# Catalog names, compositions and a stretched scheme: every way a scheme
# comes from a name.
NAMES = [
    "naive-1x1x1", "naive-2x3x4", "strassen-2x2x2", "winograd-2x2x2",
    "strassen-4x4x4", "strassen-2x2x2*naive-1x1x2",
    "winograd-2x2x2*strassen-2x2x2", "naive-3x1x2*winograd-2x2x2",
]


def random_scheme(seed, tile=(2, 3, 2), rank=5, sparsity=0.5):
    """An approximate scheme with non-integer, partly zero coefficients."""
    rng = np.random.default_rng(seed)
    m, k, n = tile

    def matrix(rows, cols):
        x = rng.normal(size=(rows, cols))
        x[rng.random(size=x.shape) < sparsity] = 0.0
        return x

    return py.Scheme("random-%d" % seed, tile, matrix(rank, m * k),
                     matrix(rank, k * n), matrix(m * n, rank))


# ---------------------------------------------------------------------------
# The compiler driver
# ---------------------------------------------------------------------------

def test_compile_returns_the_rewritten_module():
    out = capi.compile(MATMUL, "stl-replace-matmul{scheme=strassen-2x2x2}")
    assert 'stl.matmul #stl.scheme<"strassen-2x2x2">' in out
    assert "linalg.matmul" not in out


def test_compile_returns_remarks_as_diagnostics():
    out, diagnostics = capi.compile_with_diagnostics(
        MATMUL, "stl-replace-matmul{scheme=strassen-2x2x2 report}",
        source_name="mm.mlir")
    assert "stl.matmul" in out
    assert "mm.mlir:3:8: remark: replaced with stl.matmul using scheme " \
        "'strassen-2x2x2'" in diagnostics


def test_compile_anchored_pipeline_to_llvm():
    out = capi.compile(MATMUL,
                       "builtin.module(stl-replace-matmul, stl-cpu-pipeline)")
    assert "llvm.func @mm" in out
    assert "stl." not in out


def test_compile_list_with_nested_pipelines():
    out = capi.compile(MATMUL, "func.func(canonicalize),stl-replace-matmul,"
                       "stl-decompose")
    assert "stl.tile_product" in out and "stl.matmul" not in out
    # A nested pipeline alone is nested too.
    assert "func.func @mm" in capi.compile(MATMUL, "func.func(canonicalize)")
    # Unbalanced: the pipeline parser's error.
    with pytest.raises(capi.CompileError) as e:
        capi.compile(MATMUL, "func.func(canonicalize")
    assert "MLIR Textual PassPipeline Parser" in e.value.diagnostics


def test_compile_refuses_module_pipelines_nested_under_functions():
    # Used to abort the process (LLVM ERROR: Can't add pass ...).
    for pipeline in ["func.func(stl-cpu-pipeline)",
                     "builtin.module(func.func(stl-gpu-loops-pipeline))"]:
        with pytest.raises(capi.CompileError) as e:
            capi.compile(MATMUL, pipeline)
        assert "runs on 'builtin.module', not on 'func.func'" in \
            e.value.diagnostics
    assert "llvm.func" in capi.compile(MATMUL, "stl-cpu-pipeline")


def test_compile_empty_pipeline_parses_and_verifies():
    out = capi.compile(MATMUL)
    assert "linalg.matmul" in out


def test_compile_errors_carry_the_diagnostics(tmp_path):
    with pytest.raises(capi.CompileError) as e:
        capi.compile("func.func @f() {\n  linalg.matmull\n}\n", "",
                     source_name="bad.mlir")
    assert "bad.mlir:2:3: error: custom op 'linalg.matmull' is unknown" in \
        e.value.diagnostics

    with pytest.raises(capi.CompileError) as e:
        capi.compile(MATMUL, "stl-no-such-pass")
    assert "'stl-no-such-pass' does not refer to a registered pass" in \
        str(e.value)

    with pytest.raises(capi.CompileError) as e:
        capi.compile(MATMUL, "stl-replace-matmul{scheme=strassen-3x3x3}")
    assert "unknown scheme 'strassen-3x3x3'" in e.value.diagnostics

    # An approximate scheme is refused unless asked for.
    path = str(tmp_path / "approximate.json")
    py.save(random_scheme(0, (2, 2, 2), 5), path)
    with pytest.raises(capi.CompileError) as e:
        capi.compile(MATMUL, "stl-replace-matmul{scheme-file=%s}" % path)
    assert "approximate" in e.value.diagnostics


def test_python_scheme_goes_through_the_compiler(tmp_path):
    """A scheme built in Python, saved, used by the compiler by file."""
    s = py.lookup("strassen-2x2x2").with_name("mine")
    path = str(tmp_path / "mine.json")
    py.save(s, path)
    out = capi.compile(MATMUL, "stl-replace-matmul{scheme-file=%s}" % path)
    # The printer falls back to the full form for a renamed catalog scheme.
    assert '#stl.scheme<name = "mine"' in out


# ---------------------------------------------------------------------------
# The same answers as C++
# ---------------------------------------------------------------------------

def assert_same_scheme(p, c):
    assert p.name == c.name
    assert tuple(p.tile) == c.tile
    assert p.rank == c.rank
    np.testing.assert_array_equal(p.lhs, c.lhs)
    np.testing.assert_array_equal(p.rhs, c.rhs)
    np.testing.assert_array_equal(p.out, c.out)


@pytest.mark.parametrize("name", NAMES)
def test_catalog_and_composition_match(name):
    p, c = py.lookup(name), capi.NativeScheme.lookup(name)
    assert_same_scheme(p, c)
    assert p.brent_residual() == pytest.approx(c.brent_residual(), abs=1e-12)
    assert p.is_exact() == c.is_exact() is True


@pytest.mark.parametrize("a,b", [("strassen-2x2x2", "naive-1x2x1"),
                                 ("naive-2x1x3", "winograd-2x2x2")])
def test_compose_matches(a, b):
    p = py.compose(py.lookup(a), py.lookup(b))
    c = capi.NativeScheme.lookup(a).compose(capi.NativeScheme.lookup(b))
    assert_same_scheme(p, c)


@pytest.mark.parametrize("seed", range(4))
def test_residual_and_error_of_approximate_schemes_match(seed):
    p = random_scheme(seed)
    c = capi.NativeScheme.create(p.name, p.tile, p.lhs, p.rhs, p.out)
    assert p.brent_residual() > 1e-3
    assert p.brent_residual() == pytest.approx(c.brent_residual(), rel=1e-12)
    assert p.relative_frobenius_error() == pytest.approx(
        c.relative_frobenius_error(), rel=1e-12)
    assert p.is_exact() == c.is_exact() is False
    # Composition of approximate schemes too.
    q = random_scheme(seed + 10, (1, 2, 2), 3)
    cq = capi.NativeScheme.create(q.name, q.tile, q.lhs, q.rhs, q.out)
    pc, cc = py.compose(p, q), c.compose(cq)
    assert_same_scheme(pc, cc)
    assert pc.brent_residual() == pytest.approx(cc.brent_residual(),
                                                rel=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_json_is_read_the_same_both_ways(seed):
    p = random_scheme(seed)
    # Python writes, C++ reads: the same coefficients, bit for bit.
    c = capi.NativeScheme.from_json(p.to_json(), "p.json")
    assert_same_scheme(p, c)
    # C++ writes, Python reads.
    back = py.Scheme.from_json(c.to_json(), "c.json")
    assert_same_scheme(back, c)
    assert json.loads(c.to_json())["exact"] is False


def test_json_files_are_read_the_same(tmp_path):
    p = random_scheme(7)
    path = str(tmp_path / "s.json")
    py.save(p, path)
    assert_same_scheme(py.load(path), capi.NativeScheme.read_file(path))


@pytest.mark.parametrize("text", [
    '{"tile": [2, 2, 2], "rank": 0, "lhs": [], "rhs": [], "out": []}',
    '{"tile": [2, 2], "rank": 1}',
    '{"tile": [1, 1, 1], "rank": 1, "lhs": [[1]], "rhs": [[1]]}',
    '{"tile": [1, 1, 1], "rank": 1, "lhs": [[1, 2]], "rhs": [[1]], '
    '"out": [[1]]}',
    '{"tile": [17, 1, 1], "rank": 1}',
    '[1, 2]',
    '{"tile": [1, 1, 1], "rank": 1.5}',
])
def test_malformed_json_is_refused_by_both(text):
    with pytest.raises(py.SchemeError):
        py.Scheme.from_json(text, "bad.json")
    with pytest.raises(capi.NativeSchemeError):
        capi.NativeScheme.from_json(text, "bad.json")


@pytest.mark.parametrize("name", ["strassen-3x3x3", "naive-0x1x1", "*", ""])
def test_unknown_names_are_refused_by_both(name):
    with pytest.raises(py.SchemeError):
        py.lookup(name)
    with pytest.raises(capi.NativeSchemeError):
        capi.NativeScheme.lookup(name)


@pytest.mark.parametrize("name,sizes", [
    ("strassen-2x2x2", dict(m=64, k=32, n=16)),
    ("strassen-4x4x4", dict(m=256, k=512, n=128, batch=3)),
    ("winograd-2x2x2", dict(m=8, k=8, n=8, batch=4, weight_batch=4)),
    ("naive-2x3x4", dict(m=6, k=9, n=8, constant_weights=True)),
    ("strassen-2x2x2*naive-1x1x2", dict(m=2, k=2, n=4, batch=2,
                                        constant_weights=True)),
])
def test_cost_model_matches(name, sizes):
    assert py.cost(py.lookup(name), **sizes) == \
        capi.NativeScheme.lookup(name).cost(**sizes)


def test_cost_model_of_approximate_scheme_matches():
    p = random_scheme(3)
    c = capi.NativeScheme.create(p.name, p.tile, p.lhs, p.rhs, p.out)
    assert py.cost(p, 8, 12, 6, batch=2) == c.cost(8, 12, 6, batch=2)
    with pytest.raises(py.SchemeError):
        py.cost(p, 7, 12, 6)
    with pytest.raises(capi.NativeSchemeError):
        c.cost(7, 12, 6)


@pytest.mark.parametrize("name", NAMES[:5])
def test_mlir_attribute_matches_for_catalog_schemes(name):
    p = py.lookup(name)
    c = capi.NativeScheme.lookup(name)
    assert p.to_mlir() == c.to_mlir()


@pytest.mark.parametrize("seed", range(3))
def test_mlir_attribute_is_read_the_same_both_ways(seed):
    p = random_scheme(seed)
    # Python prints, C++ parses: the same coefficients, bit for bit.
    c = capi.NativeScheme.from_mlir(p.to_mlir())
    assert_same_scheme(p, c)
    # C++ prints, Python parses.
    assert_same_scheme(py.Scheme.from_mlir(c.to_mlir()), c)


# ---------------------------------------------------------------------------
# The numpy reference operator against the compiled one
# ---------------------------------------------------------------------------

def test_reference_operator_agrees_with_cpp_scheme():
    """stl_matmul with the C++ library's coefficients of an exact scheme is
    the dense product (a check of the reference on the compiler's data)."""
    c = capi.NativeScheme.lookup("winograd-2x2x2*naive-1x1x2")
    s = py.Scheme(c.name, c.tile, c.lhs, c.rhs, c.out)
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(3, 6, 8)), rng.normal(size=(8, 12))
    np.testing.assert_allclose(reference.stl_matmul(x, w, s), x @ w,
                               rtol=0, atol=1e-12)


MLIR_RUNNER = "/usr/lib/llvm-22/bin/mlir-runner"
RUNNER_LIBS = ",".join("/usr/lib/llvm-22/lib/lib%s.so" % name for name in
                       ("mlir_c_runner_utils", "mlir_runner_utils"))


def _dense(values):
    return "[" + ", ".join(_dense(v) if np.ndim(v) else repr(float(v))
                           for v in values) + "]"


@pytest.mark.skipif(not os.path.exists(MLIR_RUNNER), reason="no mlir-runner")
@pytest.mark.parametrize("seed", [0, 1])
def test_compiled_approximate_scheme_computes_the_reference_operator(
        tmp_path, seed):
    """An approximate scheme, compiled by stl-opt's pipelines (through the C
    API) and run on the CPU, computes what the numpy reference operator
    computes with it (within f32 rounding), not the dense product."""
    import subprocess
    from stl_mlir import compare

    s = random_scheme(seed, (2, 3, 2), 5, sparsity=0.3)
    path = str(tmp_path / "approx.json")
    py.save(s, path)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(8, 12)).astype(np.float32)
    w = rng.uniform(-1, 1, size=(12, 16)).astype(np.float32)
    source = """
func.func private @printMemrefF32(tensor<*xf32>)
func.func @main() {
  %%x = arith.constant dense<%s> : tensor<8x12xf32>
  %%w = arith.constant dense<%s> : tensor<12x16xf32>
  %%zero = arith.constant 0.0 : f32
  %%e = tensor.empty() : tensor<8x16xf32>
  %%c = linalg.fill ins(%%zero : f32) outs(%%e : tensor<8x16xf32>) -> tensor<8x16xf32>
  %%r = linalg.matmul ins(%%x, %%w : tensor<8x12xf32>, tensor<12x16xf32>)
                      outs(%%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  %%u = tensor.cast %%r : tensor<8x16xf32> to tensor<*xf32>
  call @printMemrefF32(%%u) : (tensor<*xf32>) -> ()
  return
}
""" % (_dense(x), _dense(w))
    llvm = capi.compile(
        source, "stl-replace-matmul{scheme-file=%s allow-approximate},"
        "stl-cpu-pipeline" % path)
    assert "llvm.func @main" in llvm
    run = subprocess.run(
        [MLIR_RUNNER, "-e", "main", "-entry-point-result=void",
         "-shared-libs=" + RUNNER_LIBS],
        input=llvm, capture_output=True, text=True, check=True)
    (got,) = compare.parse_memrefs(run.stdout)
    assert got.sizes == [8, 16]
    got = np.array(got.values).reshape(8, 16)

    expected = reference.stl_matmul(x.astype(np.float64),
                                    w.astype(np.float64), s)
    scale = np.abs(expected).max()
    assert np.abs(got - expected).max() <= 1e-5 * scale
    # ... and it is not the dense product: the scheme is approximate.
    assert np.abs(got - x.astype(np.float64) @ w).max() > 1e-2 * scale
