"""Checks that a library defines every mgpu* and stlCuda* function an LLVM IR
file declares.

usage: check_abi.py MODULE.ll LIBRARY

Prints each declared function with "defined" or "MISSING", then
"N of M runtime functions defined"; exits 1 when one is missing.
"""
import re
import subprocess
import sys

declared = re.findall(r"^declare .*@((?:mgpu|stlCuda)\w+)\(", open(sys.argv[1]).read(),
                      re.MULTILINE)
symbols = subprocess.run(["nm", "--defined-only", sys.argv[2]],
                         capture_output=True, text=True, check=True).stdout
defined = set(re.findall(r" T (\w+)$", symbols, re.MULTILINE))
missing = 0
for name in sorted(set(declared)):
    ok = name in defined
    missing += not ok
    print("%s %s" % (name, "defined" if ok else "MISSING"))
print("%d of %d runtime functions defined"
      % (len(set(declared)) - missing, len(set(declared))))
sys.exit(1 if missing or not declared else 0)
