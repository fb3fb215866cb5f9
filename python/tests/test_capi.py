"""The C API from Python (stl_mlir.capi): the compiler driver, and the
schemes of stl_mlir.scheme (the scheme library through the same
libSTLCAPI.so) handed to the compiler, by file and as attribute text.

Needs libSTLCAPI.so from a build (utils/build.sh), like the whole package.
"""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import capi, reference  # noqa: E402
from stl_mlir import scheme as S  # noqa: E402
from oracles import random_scheme  # noqa: E402

MATMUL = """\
func.func @mm(%a: tensor<8x12xf32>, %b: tensor<12x16xf32>,
              %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x12xf32>, tensor<12x16xf32>)
                     outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}
"""

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
    S.save(random_scheme(0, (2, 2, 2), 5), path)
    with pytest.raises(capi.CompileError) as e:
        capi.compile(MATMUL, "stl-replace-matmul{scheme-file=%s}" % path)
    assert "approximate" in e.value.diagnostics


def test_python_scheme_goes_through_the_compiler(tmp_path):
    """A scheme built in Python, saved, used by the compiler by file."""
    s = S.lookup("strassen-2x2x2").with_name("mine")
    path = str(tmp_path / "mine.json")
    S.save(s, path)
    out = capi.compile(MATMUL, "stl-replace-matmul{scheme-file=%s}" % path)
    # The printer falls back to the full form for a renamed catalog scheme,
    # the text Scheme.to_mlir() gives (inline or as an alias's definition).
    assert "stl.matmul" in out and s.to_mlir() in out
    (back,) = S.find_mlir_schemes(out)
    assert back == s


@pytest.mark.parametrize("seed", range(3))
def test_attribute_text_is_the_compilers(seed):
    """Attributes printed in Python are parsed by the compiler, which prints
    the same text again (inline or as an alias's definition); the schemes
    read back are the same, bit for bit."""
    schemes = [random_scheme(seed), S.lookup("strassen-4x4x4"),
               S.lookup("naive-1x1x2").with_name("")]
    attrs = ", ".join("s%d = %s" % (i, s.to_mlir())
                      for i, s in enumerate(schemes))
    out = capi.compile("func.func private @f() attributes {%s}\n" % attrs)
    for s in schemes:
        assert s.to_mlir() in out
    found = S.find_mlir_schemes(out)
    assert len(found) == len(schemes)
    assert all(s in found for s in schemes)


# ---------------------------------------------------------------------------
# The numpy reference operator against the compiled one
# ---------------------------------------------------------------------------

def test_reference_operator_agrees_with_the_library():
    """stl_matmul with the library's coefficients of an exact scheme is the
    dense product (a check of the reference on the compiler's data)."""
    s = S.lookup("winograd-2x2x2*naive-1x1x2")
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
    S.save(s, path)
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
