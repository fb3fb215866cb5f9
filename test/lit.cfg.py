# -*- Python -*-
# lit configuration of the stl-mlir regression tests.

import os
import sys

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "STL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.stl_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# Tools: ours first, then LLVM's (FileCheck, not, mlir-runner, ...).
llvm_config.with_environment("PATH", config.stl_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.stl_tools_dir, config.llvm_tools_dir]
tools = [
    "stl-opt",
    ToolSubst("%stl_unittests",
              os.path.join(config.stl_obj_root, "unittests", "Scheme",
                           "STLUnitTests")),
    "mlir-runner",
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Runner libraries for the CPU execution tests, and `%run_cpu`: JIT-runs an
# LLVM-dialect module's `main` on the CPU.
c_runner_utils = os.path.join(config.mlir_lib_dir,
                              "libmlir_c_runner_utils" + config.llvm_shlib_ext)
runner_utils = os.path.join(config.mlir_lib_dir,
                            "libmlir_runner_utils" + config.llvm_shlib_ext)
config.substitutions.append(("%mlir_c_runner_utils", c_runner_utils))
config.substitutions.append(("%mlir_runner_utils", runner_utils))
config.substitutions.append(
    ("%run_cpu",
     "mlir-runner -e main -entry-point-result=void "
     "-shared-libs=%s,%s" % (c_runner_utils, runner_utils)))

# Inputs shared by several tests (scheme files, the numerical harness).
config.substitutions.append(("%inputs", os.path.join(config.test_source_root,
                                                      "Inputs")))

# The project's Python tools, with Debian's interpreter where it is.
python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
config.substitutions.append(("%stl_src", config.stl_src_root))
config.substitutions.append(
    ("%stl_compare",
     "env PYTHONPATH=%s %s -m stl_mlir.compare"
     % (os.path.join(config.stl_src_root, "python"), python)))

# Features.
if os.path.exists(c_runner_utils) and os.path.exists(runner_utils):
    config.available_features.add("mlir-runner")
