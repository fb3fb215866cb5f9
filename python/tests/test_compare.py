"""Tests of stl_mlir.compare (run with Debian's python3 -m pytest)."""

import math
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import compare  # noqa: E402

RUN = """Unranked Memref base@ = 0x55d0 rank = 2 offset = 0 sizes = [2, 3] \
strides = [3, 1] data =
[[1,   -2.5,   3e-05],
 [0,   4.25,   -10]]
"""


def test_parse_one_memref():
    (m,) = compare.parse_memrefs(RUN)
    assert m.sizes == [2, 3]
    assert m.values == [1.0, -2.5, 3e-05, 0.0, 4.25, -10.0]


def test_parse_several_and_ignore_other_output():
    text = "square: 1\n" + RUN + "PASS 7\n" + RUN.replace("[2, 3]", "[6]")
    memrefs = compare.parse_memrefs(text)
    assert [m.sizes for m in memrefs] == [[2, 3], [6]]
    assert memrefs[1].values == memrefs[0].values


def test_parse_rejects_truncated_data():
    with pytest.raises(ValueError, match="call for 6 values, found 5"):
        compare.parse_memrefs(RUN.replace("-10]", "]"))


def test_parse_nan():
    (m,) = compare.parse_memrefs(RUN.replace("4.25", "nan"))
    assert math.isnan(m.values[4])


def test_relative_error():
    assert compare.relative_error([1.0, -4.0], [1.0, -4.0]) == 0.0
    assert compare.relative_error([1.0, -4.0], [1.5, -4.0]) == 0.125
    assert compare.relative_error([0.0], [0.0]) == 0.0
    assert compare.relative_error([0.0], [1.0]) == math.inf
    assert compare.relative_error([1.0], [math.nan]) == math.inf
    with pytest.raises(ValueError):
        compare.relative_error([1.0], [1.0, 2.0])


def test_compare_agree_and_differ():
    ok, lines = compare.compare(RUN, RUN.replace("4.25", "4.2500001"), 1e-6)
    assert ok, lines
    ok, lines = compare.compare(RUN, RUN.replace("4.25", "5.25"), 1e-6)
    assert not ok
    assert "DIFFER" in lines[0]


def test_compare_shapes_and_counts():
    ok, lines = compare.compare(RUN, RUN.replace("sizes = [2, 3]",
                                                 "sizes = [3, 2]"), 1.0)
    assert not ok and "sizes differ" in lines[0]
    ok, lines = compare.compare(RUN, RUN + RUN, 1.0)
    assert not ok and "printed 1 and 2 memrefs" in lines[0]
    with pytest.raises(ValueError, match="printed no memref"):
        compare.compare("nothing", RUN, 1.0)


def test_command_line(tmp_path, capsys):
    ref = tmp_path / "ref.txt"
    out = tmp_path / "out.txt"
    ref.write_text(RUN)
    out.write_text(RUN.replace("4.25", "4.26"))
    assert compare.main([str(ref), str(out), "--rtol", "1e-2"]) == 0
    assert "agree" in capsys.readouterr().out
    assert compare.main([str(ref), str(out), "--rtol", "1e-4"]) == 1
    assert compare.main([str(ref), str(tmp_path / "missing.txt")]) == 2
