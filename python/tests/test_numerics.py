"""Tests of the numerics report's own pieces (the measurement itself runs in
test/Numerics/error-table.test, against the compiled code)."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from stl_mlir import numerics  # noqa: E402


def test_bf16_rounding_is_nearest_even():
    values = np.array([1.0, -2.0, 1.0 + 2.0 ** -8, 1.0 + 3 * 2.0 ** -8,
                       1.0 + 2.0 ** -7 + 2.0 ** -9,
                       1.0 + 2.0 ** -7 + 2.0 ** -8 + 2.0 ** -10, 3.0e38])
    bits, exact = numerics.round_inputs(values, "bf16")
    assert bits.dtype == np.uint16
    assert bits[0] == 0x3F80 and bits[1] == 0xC000
    # Halfway between 1 and 1 + 2^-7: to the even one (1).
    assert exact[2] == 1.0
    # Halfway between 1 + 2^-7 and 1 + 2^-6: to the even one (1 + 2^-6).
    assert exact[3] == 1.0 + 2.0 ** -6
    # Below halfway: down; above: up.
    assert exact[4] == 1.0 + 2.0 ** -7
    assert exact[5] == 1.0 + 2.0 ** -6
    # Relative error of bf16 rounding: at most 2^-9.
    assert abs(exact[6] - 3.0e38) <= 3.0e38 * 2.0 ** -9


def test_f16_inputs_are_rounded():
    stored, exact = numerics.round_inputs(np.array([1.0 + 2.0 ** -12]), "f16")
    assert stored.dtype == np.float16 and exact[0] == 1.0


def test_relative_error_is_max_abs_over_max_abs():
    ref = np.array([[1.0, -4.0], [2.0, 0.5]])
    got = ref + np.array([[0.0, 0.0], [0.2, -0.1]])
    assert numerics.relative_error(got, ref) == pytest.approx(0.2 / 4.0)
    assert numerics.relative_error(np.zeros(2), np.zeros(2)) == 0.0


def _row(dense, **errors):
    names = [name for name, _, _ in numerics.VARIANTS]
    row = {"dtype": "f32", "size": 64, "distribution": "normal(0,1)",
           "errors": {n: dense for n in names if "narrow" not in n}}
    row["errors"].update(errors)
    return row


def test_check_flags_an_exact_scheme_beyond_its_bound():
    assert numerics.check([_row(1e-6)]) == []
    problems = numerics.check([_row(1e-6, **{"strassen-4x4x4": 2e-5})])
    assert len(problems) == 1 and "strassen-4x4x4" in problems[0]
    # A dense error of zero does not make every bound zero.
    assert numerics.check([_row(0.0, **{"strassen-2x2x2": 1e-7})]) == []


def test_document_comparison_reads_the_markdown_table():
    rows = [_row(1e-6)]
    text = "intro\n\n" + numerics.markdown(rows)
    assert numerics.compare_with_document(rows, text) == []
    changed = [_row(1e-6, **{"winograd-2x2x2": 3e-6})]
    problems = numerics.compare_with_document(changed, text)
    assert len(problems) == 1 and "winograd-2x2x2" in problems[0]
    assert numerics.compare_with_document(rows, "no table") != []
