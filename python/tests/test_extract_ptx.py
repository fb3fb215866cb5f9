"""Tests of stl_mlir.extract_ptx on gpu.binary text as MLIR prints it."""

import os

from stl_mlir import extract_ptx

BINARY = (
    'module attributes {gpu.container_module} {\n'
    '  gpu.binary @k0  [#gpu.object<#nvvm.target<chip = "sm_90">, '
    'properties = {O = 2 : i32}, assembly = "//\\0A.version 8.0\\0A'
    '.target sm_90\\0A\\09// a \\22quoted\\22 name and a \\\\ backslash\\0A">]\n'
    '  gpu.binary @k1  [#gpu.object<#nvvm.target<chip = "sm_80">, '
    'bin = "\\7FELF">]\n'
    '}\n')


def test_unescape_hex_quotes_and_backslashes():
    assert extract_ptx.unescape(r"a\0Ab\22c\\d\09") == 'a\nb"c\\d\t'


def test_extracts_only_binaries_holding_ptx():
    kernels = extract_ptx.extract_ptx(BINARY)
    assert [name for name, _ in kernels] == ["k0"]
    ptx = kernels[0][1]
    assert ptx.splitlines()[1:3] == [".version 8.0", ".target sm_90"]
    assert '"quoted"' in ptx and "\\ backslash" in ptx


def test_main_writes_files_and_fails_without_ptx(tmp_path, capsys):
    source = tmp_path / "in.mlir"
    source.write_text(BINARY)
    assert extract_ptx.main([str(source), str(tmp_path / "out")]) == 0
    assert os.listdir(tmp_path / "out") == ["k0.ptx"]
    empty = tmp_path / "empty.mlir"
    empty.write_text("module {}\n")
    assert extract_ptx.main([str(empty), str(tmp_path / "none")]) == 1
    assert "holds no gpu.binary with PTX" in capsys.readouterr().err
    assert extract_ptx.main([str(tmp_path / "missing.mlir"),
                             str(tmp_path / "x")]) == 2


def test_assemble_reports_rejections(tmp_path, capsys):
    # A fake ptxas that rejects files whose name contains "bad".
    fake = tmp_path / "ptxas"
    fake.write_text('#!/bin/sh\ncase "$2" in *bad*) echo "syntax error" >&2;'
                    ' exit 1;; esac\nexit 0\n')
    fake.chmod(0o755)
    good, bad = tmp_path / "good.ptx", tmp_path / "bad.ptx"
    good.write_text("x")
    bad.write_text("y")
    assert extract_ptx.assemble([str(good)], "sm_90", str(fake)) == 0
    assert "accepted 1 of 1 kernels for sm_90" in capsys.readouterr().out
    assert extract_ptx.assemble([str(good), str(bad)], "sm_90",
                                str(fake)) == 1
    captured = capsys.readouterr()
    assert "accepted 1 of 2" in captured.out
    assert "syntax error" in captured.err
    assert extract_ptx.assemble([str(good)], "sm_90",
                                str(tmp_path / "nope")) == 2
