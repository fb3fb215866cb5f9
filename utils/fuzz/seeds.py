#!/usr/bin/env python3
"""Seed corpora for the fuzzers, from the regression tests.

  utils/fuzz/seeds.py OUT_DIR

writes OUT_DIR/opt/ (inputs of stl-opt-fuzzer: every split of every .mlir
test, headed by `// PIPELINE: ...` with the stl passes of its RUN lines) and
OUT_DIR/scheme/ (inputs of stl-scheme-fuzzer: the scheme files of
test/Inputs/schemes and schemes/, and catalog names).
"""

import hashlib
import pathlib
import re
import shlex
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
STL_PASS = re.compile(r"^(stl-|convert-stl-)")
CATALOG_NAMES = [
    "strassen-2x2x2", "winograd-2x2x2", "strassen-4x4x4", "naive-2x3x4",
    "naive-1x1x1", "strassen-2x2x2*naive-1x1x2", "strassen-2x2x2*winograd-2x2x2",
]


def pipelines_of(text):
    """The pipelines (textual form) of the stl-opt RUN lines of a test."""
    runs, current = [], ""
    for line in text.splitlines():
        m = re.match(r"\s*//\s*RUN:(.*)", line)
        if not m:
            continue
        current += m.group(1).rstrip()
        if current.endswith("\\"):
            current = current[:-1]
            continue
        runs.append(current)
        current = ""
    found = []
    for run in runs:
        for command in run.split("|"):
            try:
                words = shlex.split(command)
            except ValueError:
                continue
            if not words or words[0] != "stl-opt":
                continue
            passes = []
            for word in words[1:]:
                m = re.match(r"^--?([a-z0-9-]+)(?:=(.*))?$", word)
                if not m or not STL_PASS.match(m.group(1)):
                    continue
                name, options = m.group(1), m.group(2)
                if options:
                    options = options.replace("%inputs", str(ROOT / "test" / "Inputs"))
                if name == "stl-cost-report":
                    # To stdout (the fuzzer runs it only so).
                    options = " ".join(o for o in (options or "").split()
                                       if not o.startswith("output="))
                    options = (options + " output=-").strip()
                passes.append(f"{name}{{{options}}}" if options else name)
            if passes:
                found.append(",".join(passes))
    return found


def main():
    out = pathlib.Path(sys.argv[1])
    (out / "opt").mkdir(parents=True, exist_ok=True)
    (out / "scheme").mkdir(parents=True, exist_ok=True)

    def write(kind, data):
        digest = hashlib.sha1(data).hexdigest()
        (out / kind / digest).write_bytes(data)

    count = 0
    for path in sorted((ROOT / "test").rglob("*.mlir")):
        text = path.read_text()
        pipelines = pipelines_of(text) or ["stl-replace-matmul"]
        body = "\n".join(l for l in text.splitlines()
                         if not re.match(r"\s*//\s*(RUN|CHECK|[A-Z]+-?[A-Z]*:)", l))
        for chunk in body.split("// -----"):
            if "{" not in chunk:
                continue
            for pipeline in sorted(set(pipelines)):
                write("opt", f"// PIPELINE: {pipeline}\n{chunk}".encode())
                count += 1
    schemes = list((ROOT / "test" / "Inputs" / "schemes").rglob("*.json"))
    schemes += list((ROOT / "schemes").glob("*.json"))
    for path in schemes:
        write("scheme", path.read_bytes())
    for name in CATALOG_NAMES:
        write("scheme", name.encode())
    print(f"{count} stl-opt inputs, {len(schemes) + len(CATALOG_NAMES)} "
          f"scheme inputs in {out}")


if __name__ == "__main__":
    main()
