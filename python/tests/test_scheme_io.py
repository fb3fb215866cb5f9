"""Writing scheme files through the library (writeSchemeFile,
printSchemeJSON): the order of the keys, and write errors reported as errors
(a full disk: /dev/full) instead of ending the process.

The write errors run in a subprocess: before the fix, the library's stream
ended the process ("LLVM ERROR: IO failure on output stream"), which would
take the test run with it.
"""

import json
import os
import subprocess
import sys

import pytest

PYTHON_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, PYTHON_DIR)

from stl_mlir import scheme as S  # noqa: E402

FULL = "/dev/full"
needs_dev_full = pytest.mark.skipif(not os.path.exists(FULL),
                                    reason="no /dev/full on this system")


def run_python(*args):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.abspath(PYTHON_DIR)
    return subprocess.run([sys.executable, *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_json_keys_in_the_documented_order(tmp_path):
    # STL.md section 3 and the files in schemes/: name, tile, rank, exact,
    # then U, V and D (not the alphabetical order of a json::Object).
    order = ["name", "tile", "rank", "exact", "lhs", "rhs", "out"]
    s = S.lookup("strassen-2x2x2")
    assert list(json.loads(s.to_json())) == order
    path = tmp_path / "s.json"
    S.save(s, path)
    text = path.read_text()
    assert text == s.to_json()
    assert list(json.loads(text)) == order
    assert S.load(path) == s


def test_json_layout_unchanged():
    # Two-space indentation, one number a line, integral coefficients as
    # integers, a final newline: the layout of the shipped scheme files.
    text = S.lookup("naive-1x1x2").to_json()
    assert text.startswith('{\n  "name": "naive-1x1x2",\n  "tile": [\n'
                           '    1,\n    1,\n    2\n  ],\n  "rank": 2,\n'
                           '  "exact": true,\n  "lhs": [\n    [\n      1\n')
    assert text.endswith('  "out": [\n    [\n      1,\n      0\n    ],\n'
                         '    [\n      0,\n      1\n    ]\n  ]\n}\n')


@needs_dev_full
def test_save_to_a_full_disk_raises():
    result = run_python("-c", (
        "from stl_mlir import scheme as S\n"
        "try:\n"
        "    S.save(S.lookup('strassen-2x2x2'), '/dev/full')\n"
        "except S.SchemeError as e:\n"
        "    print('SchemeError:', e)\n"))
    assert result.returncode == 0, result.stderr
    assert "LLVM ERROR" not in result.stderr
    assert result.stdout == ("SchemeError: cannot write scheme file "
                             "'/dev/full': No space left on device\n")


@needs_dev_full
@pytest.mark.parametrize("command", [
    ["fit", "--tile", "1x1x1", "--rank", "1", "--iterations", "1"],
    ["compose", "strassen-2x2x2", "naive-1x1x2"],
    ["from-mlir", '#stl.scheme<"naive-1x1x2">'],
])
def test_cli_write_to_a_full_disk_exits_2(command):
    result = run_python("-m", "stl_mlir", *command, "-o", FULL)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "LLVM ERROR" not in result.stderr
    assert result.stderr.startswith("error: cannot write ")
    assert result.stderr.endswith("'/dev/full': No space left on device\n")
