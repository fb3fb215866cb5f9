"""Extract the kernels that ``--stl-gpu-pipeline="format=isa"`` serialised.

The pipeline's output holds each GPU module as a ``gpu.binary`` whose
``#gpu.object`` carries the PTX text as an escaped MLIR string
(``assembly = "..."``). This tool writes each one to ``DIR/<name>.ptx`` so
that it can be read, or assembled with ``ptxas``.

Command line::

    python3 -m stl_mlir.extract_ptx INPUT.mlir DIR [--assemble sm_90]

prints the files it wrote; with ``--assemble ARCH`` also runs
``ptxas -arch=ARCH`` on each and says how many it accepted. Exits 1 when the
input holds no PTX or ptxas rejects one, 2 when a file cannot be read or
written or ptxas cannot be run.
"""

import argparse
import os
import re
import subprocess
import sys

_BINARY = re.compile(r'gpu\.binary\s+@([\w$.]+)\s*(?:<[^>]*>)?\s*\[(.*?)\]\s*$',
                     re.MULTILINE)
_ASSEMBLY = re.compile(r'assembly\s*=\s*"((?:[^"\\]|\\.)*)"', re.DOTALL)
_ESCAPE = re.compile(r'\\([0-9A-Fa-f]{2}|\\|"|n|t)')


def unescape(text):
    """Undoes MLIR's string escaping (``\\XX`` hex bytes, ``\\\\``, ``\\"``)."""
    def replace(match):
        code = match.group(1)
        if code in ("\\", '"'):
            return code
        if code == "n":
            return "\n"
        if code == "t":
            return "\t"
        return chr(int(code, 16))
    return _ESCAPE.sub(replace, text)


def extract_ptx(text):
    """Returns [(binary name, PTX text)] for every gpu.binary holding PTX."""
    kernels = []
    for binary in _BINARY.finditer(text):
        for index, assembly in enumerate(_ASSEMBLY.finditer(binary.group(2))):
            name = binary.group(1) + ("" if index == 0 else "_%d" % index)
            kernels.append((name, unescape(assembly.group(1))))
    return kernels


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python3 -m stl_mlir.extract_ptx",
        description="Write the PTX of every gpu.binary to DIR/<name>.ptx.")
    parser.add_argument("input", help="MLIR file from --stl-gpu-pipeline")
    parser.add_argument("directory", help="where to write the .ptx files")
    parser.add_argument("--assemble", metavar="ARCH",
                        help="run ptxas -arch=ARCH on every file")
    parser.add_argument("--resources", action="store_true",
                        help="with --assemble: print each kernel's registers, "
                        "spills and ptxas warnings (ptxas -v)")
    parser.add_argument("--ptxas", default="ptxas",
                        help="the ptxas to run (default: from PATH)")
    args = parser.parse_args(argv)
    try:
        with open(args.input, encoding="utf-8") as f:
            text = f.read()
    except OSError as error:
        print("extract_ptx: error: cannot read %s: %s"
              % (args.input, error.strerror), file=sys.stderr)
        return 2
    kernels = extract_ptx(text)
    if not kernels:
        print("extract_ptx: error: %s holds no gpu.binary with PTX (was it "
              "compiled with format=isa?)" % args.input, file=sys.stderr)
        return 1
    paths = []
    try:
        os.makedirs(args.directory, exist_ok=True)
        for name, ptx in kernels:
            path = os.path.join(args.directory, name + ".ptx")
            with open(path, "w", encoding="utf-8") as f:
                f.write(ptx)
            print(path)
            paths.append(path)
    except OSError as error:
        print("extract_ptx: error: cannot write %s: %s"
              % (error.filename, error.strerror), file=sys.stderr)
        return 2
    if args.assemble:
        return assemble(paths, args.assemble, args.ptxas, args.resources)
    return 0


def report_resources(path, output):
    """Prints one line per kernel of ptxas -v's `output` for `path`:
    registers, spill stores and loads; then ptxas's warnings, one a line."""
    kernel = None
    for line in output.splitlines():
        match = re.search(r"Compiling entry function '([^']+)'", line)
        if match:
            kernel = match.group(1)
        match = re.search(r"(\d+) bytes spill stores, (\d+) bytes spill loads",
                          line)
        if match:
            spills = match.groups()
        match = re.search(r"Used (\d+) registers", line)
        if match:
            print("%s %s: %s registers, %s bytes spill stores, %s bytes spill "
                  "loads" % (os.path.basename(path), kernel, match.group(1),
                             spills[0], spills[1]))
        if "warning" in line:
            print("%s: %s" % (os.path.basename(path), line.strip()))


def assemble(paths, arch, ptxas, resources=False):
    """Runs ptxas on every file; returns the exit status for main."""
    rejected = 0
    for path in paths:
        try:
            result = subprocess.run(
                [ptxas, "-arch=" + arch] + (["-v"] if resources else []) +
                [path, "-o", os.devnull],
                capture_output=True, text=True)
        except OSError as error:
            print("extract_ptx: error: cannot run %s: %s"
                  % (ptxas, error.strerror), file=sys.stderr)
            return 2
        if result.returncode != 0:
            rejected += 1
            print("ptxas rejected %s:\n%s" % (path, result.stderr),
                  file=sys.stderr)
        elif resources:
            report_resources(path, result.stdout + result.stderr)
    print("ptxas accepted %d of %d kernels for %s"
          % (len(paths) - rejected, len(paths), arch))
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
