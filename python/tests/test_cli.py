"""Tests of the ``python3 -m stl_mlir`` command line (stl_mlir.cli): run as
a user runs it, in a subprocess, plus the ``fit`` command in-process with a
stand-in for the fitting module."""

import contextlib
import io
import json
import os
import subprocess
import sys
import types

import numpy as np
import pytest

PYTHON_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, PYTHON_DIR)

import stl_mlir  # noqa: E402
from stl_mlir import cli  # noqa: E402
from stl_mlir import scheme as S  # noqa: E402

INPUTS = os.path.join(PYTHON_DIR, "..", "test", "Inputs", "schemes")


def run_subprocess(*args):
    """Runs ``python3 -m stl_mlir ARGS`` as a user does; returns the
    CompletedProcess."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.abspath(PYTHON_DIR)
    return subprocess.run([sys.executable, "-m", "stl_mlir", *args],
                          capture_output=True, text=True, env=env,
                          timeout=60)


def run(*args):
    """Runs the command line in this process (much faster than a
    subprocess); returns an object like subprocess.CompletedProcess."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(list(args), out=out)
        except SystemExit as e:  # argparse errors
            status = e.code
    return types.SimpleNamespace(returncode=status, stdout=out.getvalue(),
                                 stderr=err.getvalue())


def test_module_entry_point():
    # python3 -m stl_mlir: output, exit status and error reporting.
    result = run_subprocess("verify", "winograd-2x2x2")
    assert result.returncode == 0, result.stderr
    assert result.stdout == run("verify", "winograd-2x2x2").stdout
    result = run_subprocess("verify", "/nonexistent/s.json")
    assert result.returncode == 2
    assert result.stderr == ("error: cannot read scheme file "
                             "'/nonexistent/s.json': No such file or "
                             "directory\n")
    result = run_subprocess("verify", os.path.join(INPUTS,
                                                   "approximate-rank6.json"),
                            "--require-exact")
    assert result.returncode == 1


def test_verify_exact_scheme():
    result = run("verify", "strassen-2x2x2", "--require-exact")
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert lines["scheme"].strip() == "strassen-2x2x2"
    assert lines["tile"].strip() == "2x2x2"
    assert lines["rank"].strip() == "7"
    assert lines["Brent residual"].strip() == "0"
    assert lines["exact"].strip().startswith("yes")
    assert lines["speedup bound"].strip() == "1.14286x (8 / 7)"


def test_verify_approximate_scheme_file():
    path = os.path.join(INPUTS, "approximate-rank6.json")
    result = run("verify", path)
    assert result.returncode == 0
    assert "exact:                    no, approximate" in result.stdout
    assert "relative Frobenius error: 0.707107" in result.stdout
    result = run("verify", path, "--require-exact")
    assert result.returncode == 1
    assert "scheme 'strassen-minus-one' is approximate" in result.stderr
    # A tolerance above the residual (1) accepts it.
    assert run("verify", path, "--require-exact",
               "--tolerance", "1").returncode == 0


@pytest.mark.parametrize("args, message", [
    (("verify", "/nonexistent/s.json"),
     "error: cannot read scheme file '/nonexistent/s.json': "
     "No such file or directory"),
    (("verify", os.path.join(INPUTS, "invalid", "wrong-rows.json")),
     "': 'rhs' has 1 rows, expected 2"),
    (("verify", os.path.join(INPUTS, "invalid", "truncated.json")),
     "invalid JSON"),
    (("verify", "strassen-3x3x3"), "error: unknown scheme 'strassen-3x3x3'"),
    (("compose", "strassen-4x4x4", "strassen-4x4x4*strassen-2x2x2"),
     "is too large"),
    (("report", "strassen-2x2x2", "--shape", "3x4x4"), "does not divide"),
    (("from-mlir", "#stl.scheme<tile = [1, 1]>"), "'tile' must have 3"),
    (("from-mlir", "no-such-file"), "is neither a file nor a #stl.scheme"),
    (("to-mlir", "naive-1x1x1", "-o", "/nonexistent/dir/out.mlir"),
     "error: cannot write '/nonexistent/dir/out.mlir'"),
])
def test_errors_exit_2_without_traceback(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_arguments_exit_2():
    result = run("report", "strassen-2x2x2", "--shape", "2x0x2")
    assert result.returncode == 2 and "MxKxN" in result.stderr
    assert run("frobnicate").returncode == 2


def test_compose_to_file_and_stdout(tmp_path):
    out = tmp_path / "c.json"
    result = run("compose", "strassen-2x2x2", "naive-1x1x2", "-o", str(out))
    assert result.returncode == 0, result.stderr
    composed = S.load(out)
    assert composed.name == "strassen-2x2x2*naive-1x1x2"
    assert composed.tile == (2, 2, 4) and composed.rank == 14
    assert composed.is_exact()
    assert "rank 14, exact" in result.stdout
    # To stdout, with a name, from a file operand.
    result = run("compose", str(out), "naive-2x1x1", "--name", "big")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["name"] == "big" and doc["tile"] == [4, 2, 4]
    assert doc["rank"] == 28 and doc["exact"] is True


def test_report_text_and_json():
    result = run("report", "strassen-4x4x4", "--shape", "64x32x16",
                 "--batch", "2")
    assert result.returncode == 0, result.stderr
    # The numbers of test/Transforms/cost-report.mlir.
    assert "dense multiply-adds:        65536\n" in result.stdout
    assert "tile-product multiply-adds: 50176 (1.30612x fewer)" \
        in result.stdout
    assert "encode lhs multiply-adds:   200704 (sparse 36864)" \
        in result.stdout
    assert "encode rhs multiply-adds:   25088 (sparse 4608)" in result.stdout
    result = run("report", "strassen-4x4x4", "--shape", "64x32x16",
                 "--batch", "2", "--constant-weights", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["scheme"] == "strassen-4x4x4" and doc["exact"] is True
    assert doc["sizes"] == {"batch": 2, "m": 64, "k": 32, "n": 16,
                            "weight_batch": 1}
    assert doc["constant_weights"] is True
    assert doc["cost"] == S.cost(S.lookup("strassen-4x4x4"), 64, 32, 16,
                                 batch=2, constant_weights=True)
    assert doc["cost"]["encode_rhs_macs"] == 0
    # Default shape: one tile.
    doc = json.loads(run("report", "winograd-2x2x2", "--json").stdout)
    assert doc["cost"]["dense_macs"] == 8
    assert doc["cost"]["tile_product_macs"] == 7


def test_mlir_round_trips(tmp_path):
    # Catalog form.
    result = run("to-mlir", "strassen-2x2x2*naive-1x1x2")
    assert result.stdout == '#stl.scheme<"strassen-2x2x2*naive-1x1x2">\n'
    # Full form through a file, and back to JSON.
    approx = os.path.join(INPUTS, "approximate-rank6.json")
    attr = tmp_path / "a.mlir"
    assert run("to-mlir", approx, "-o", str(attr)).returncode == 0
    assert attr.read_text().startswith(
        '#stl.scheme<name = "strassen-minus-one", tile = [2, 2, 2], rank = 6')
    out = tmp_path / "a.json"
    result = run("from-mlir", str(attr), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert S.load(out) == S.load(approx)
    # Attribute text on the command line; an unnamed scheme gets the name a
    # JSON file without one would get.
    result = run("from-mlir", "#stl.scheme<tile = [1, 1, 2], rank = 2, "
                 "lhs = [[1], [1]], rhs = [[1, 0], [0, 1]], "
                 "out = [[1, 0], [0, 1]]>")
    assert result.returncode == 0, result.stderr
    s = S.Scheme.from_json(result.stdout)
    assert s.name == "scheme-1x1x2-r2" and s.is_exact()


def test_from_mlir_searches_an_mlir_file(tmp_path):
    path = tmp_path / "f.mlir"
    path.write_text('func.func private @f() attributes {a = #stl.scheme<'
                    '"winograd-2x2x2">, b = #stl.scheme<"naive-1x1x3">}\n')
    result = run("from-mlir", str(path))
    assert result.returncode == 2
    assert "2 #stl.scheme attributes in" in result.stderr
    result = run("from-mlir", str(path), "--index", "1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "naive-1x1x3"
    assert run("from-mlir", str(path), "--index", "2").returncode == 2


def test_list():
    result = run("list")
    assert result.returncode == 0
    assert "strassen-4x4x4   tile 4x4x4, rank 49" in result.stdout


class FakeFit:
    """Stands in for stl_mlir.fit: records its arguments, returns naive
    truncated to the rank asked for."""

    def __init__(self):
        self.calls = []

    def fit(self, tile, rank, **options):
        self.calls.append((tile, rank, options))
        naive = S.lookup("naive-%dx%dx%d" % tile)
        s = S.Scheme("fitted", tile, naive.lhs[:rank], naive.rhs[:rank],
                     naive.out[:, :rank])
        return types.SimpleNamespace(scheme=s,
                                     error=s.relative_frobenius_error())


def test_fit_calls_the_fitting_module(tmp_path, monkeypatch):
    fake = FakeFit()
    module = types.ModuleType("stl_mlir.fit")
    module.fit = fake.fit
    monkeypatch.setitem(sys.modules, "stl_mlir.fit", module)
    monkeypatch.setattr(stl_mlir, "fit", module, raising=False)
    out_path = tmp_path / "fit.json"
    out = io.StringIO()
    status = cli.main(["fit", "--tile", "2x2x2", "--rank", "7", "--init",
                       "pruned", "--seed", "3", "--iterations", "50",
                       "--restarts", "2", "--ridge", "0", "--perturb",
                       "0.25", "--from", "strassen-2x2x2",
                       "--name", "mine", "-o", str(out_path)], out=out)
    assert status == 0
    (tile, rank, options), = fake.calls
    assert tile == (2, 2, 2) and rank == 7
    assert options["init"] == "pruned" and options["seed"] == 3
    assert options["iterations"] == 50 and options["restarts"] == 2
    assert options["ridge"] == 0 and options["perturb"] == 0.25
    assert options["exact"] == S.lookup("strassen-2x2x2")
    saved = S.load(out_path)
    assert saved.name == "mine" and saved.rank == 7
    # One product of eight dropped: error sqrt(1/8).
    assert "relative Frobenius error: 0.353553" in out.getvalue()
    assert "(approximate)" in out.getvalue()
    # Without --from, exact is None.
    cli.main(["fit", "--tile", "1x1x2", "--rank", "1", "-o",
              str(out_path)], out=io.StringIO())
    assert fake.calls[-1][2] == {"exact": None}


def test_fit_end_to_end(tmp_path):
    out = tmp_path / "f.json"
    result = run_subprocess("fit", "--tile", "1x1x2", "--rank", "2",
                            "--seed", "0", "-o", str(out))
    assert result.returncode == 0, result.stderr
    s = S.load(out)
    assert s.tile == (1, 1, 2) and s.rank == 2
    # Rank 2 is the exact rank of the 1x1x2 tensor.
    assert s.relative_frobenius_error() < 1e-6
    assert np.isfinite(s.lhs).all()
