# -*- Python -*-
# lit configuration of the stl-mlir regression tests.

import os
import platform
import re
import subprocess
import sys

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "STL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c"]
config.excludes = ["Inputs", "consumer", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
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
    "stl-aot",
    "stl-capi-test",
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

# `%run_omp`: %run_cpu with LLVM's OpenMP runtime, for modules lowered
# with --stl-cpu-pipeline=parallel=true (feature `openmp`).
libomp = os.path.join(config.mlir_lib_dir, "libomp" + config.llvm_shlib_ext)
config.substitutions.append(
    ("%run_omp",
     "mlir-runner -e main -entry-point-result=void "
     "-shared-libs=%s,%s,%s" % (c_runner_utils, runner_utils, libomp)))
if os.path.exists(libomp):
    config.available_features.add("openmp")

# The host's architecture (tests naming CPUs LLVM knows for it).
config.available_features.add("host-" + platform.machine())

# llc with the AArch64 target (cross-compilation tests for NEON).
llc = os.path.join(config.llvm_tools_dir, "llc")
if os.path.exists(llc):
    try:
        targets = subprocess.run([llc, "--version"], capture_output=True,
                                 text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        targets = ""
    if re.search(r"^\s+aarch64\s", targets, re.MULTILINE):
        config.available_features.add("llc-aarch64")

# Inputs shared by several tests (scheme files, the numerical harness).
config.substitutions.append(("%inputs", os.path.join(config.test_source_root,
                                                      "Inputs")))

# The project's Python tools, with Debian's interpreter where it is.
python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
config.substitutions.append(("%stl_src", config.stl_src_root))
config.substitutions.append(("%python", python))
config.substitutions.append(
    ("%stl_compare",
     "env PYTHONPATH=%s %s -m stl_mlir.compare"
     % (os.path.join(config.stl_src_root, "python"), python)))

# Features.
if os.path.exists(c_runner_utils) and os.path.exists(runner_utils):
    config.available_features.add("mlir-runner")

# The GPU path. `ptxas`: the CUDA assembler is on PATH or in the toolkit the
# build found (tests that assemble the generated PTX). `cuda-runtime`: the
# project's CUDA runtime library was built. `cuda-gpu`: there is an NVIDIA
# GPU to run on (nvidia-smi lists one) and the runtime was built.
import shutil
import subprocess

cuda_bin = getattr(config, "stl_cuda_bin_dir", "")
if cuda_bin and os.path.isdir(cuda_bin):
    llvm_config.with_environment("PATH", cuda_bin, append_path=True)
if shutil.which("ptxas", path=config.environment["PATH"]):
    config.available_features.add("ptxas")
gpu_chip = "sm_90"
if getattr(config, "stl_cuda_runtime", False):
    config.available_features.add("cuda-runtime")
    try:
        listed = subprocess.run(["nvidia-smi", "-L"], capture_output=True,
                                text=True, timeout=60)
        if listed.returncode == 0 and "GPU" in listed.stdout:
            config.available_features.add("cuda-gpu")
            # The chip of the first GPU (compute capability 9.0 -> sm_90).
            cap = subprocess.run(
                ["nvidia-smi", "--query-gpu=compute_cap",
                 "--format=csv,noheader"], capture_output=True, text=True,
                timeout=60).stdout.split()
            if cap:
                gpu_chip = "sm_" + cap[0].replace(".", "")
    except (OSError, subprocess.SubprocessError):
        pass

# `%gpu_cases build NAME OUT`: builds a GPU execution test case (see
# test/Integration/GPU/cases.sh) for the GPU of this machine.
# The PTX version: +ptx80 (+ptx70 before sm_90), or the chip's minimum where
# that is newer. The minimum is the GPU pipeline's (its table in
# lib/Pipelines/GPUPipeline.cpp, which refuses older versions), asked of
# stl-opt, which names it when given one too old.
import re


def minimum_ptx_version(chip):
    """The lowest PTX version --stl-gpu-pipeline accepts for `chip`, or None
    when stl-opt does not say."""
    try:
        checked = subprocess.run(
            [os.path.join(config.stl_tools_dir, "stl-opt"),
             "--stl-gpu-pipeline=chip=%s features=+ptx32" % chip,
             "-o", os.devnull],
            input="module {}\n", capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    needed = re.search(r"needs \+ptx(\d+) or newer", checked.stderr)
    return int(needed.group(1)) if needed else None


gpu_version = int("".join(c for c in gpu_chip[3:] if c.isdigit()) or 90)
gpu_ptx = 80 if gpu_version >= 90 else 70
if "cuda-gpu" in config.available_features:
    gpu_ptx = max(gpu_ptx, minimum_ptx_version(gpu_chip) or
                  (86 if gpu_version >= 100 else 0))
gpu_features = "+ptx%d" % gpu_ptx
config.substitutions.append(
    ("%gpu_cases",
     "env STL_BIN=%s STL_GPU_PIPELINE='chip=%s features=%s format=isa' %s"
     % (config.stl_tools_dir, gpu_chip, gpu_features,
        os.path.join(config.stl_src_root, "test", "Integration", "GPU",
                     "cases.sh"))))

config.substitutions.append(("%stl_lib_dir", config.stl_lib_dir))
config.substitutions.append(("%stl_obj_root", config.stl_obj_root))
config.substitutions.append(("%cc", shutil.which("cc") or "cc"))
config.substitutions.append(
    ("%cuda_include",
     os.path.join(os.path.dirname(cuda_bin), "include") if cuda_bin
     else "/usr/local/cuda/include"))
# `%stl_python`: the interpreter with the package of this source tree, which
# loads the libSTLCAPI.so of the build under test (STL_BUILD_DIR), not
# another one it might find (capi.find_library).
config.substitutions.append(
    ("%stl_python",
     "env PYTHONPATH=%s STL_BUILD_DIR=%s %s"
     % (os.path.join(config.stl_src_root, "python"), config.stl_obj_root,
        python)))

# The sanitizer build (utils/test.sh --sanitize): a report aborts the tool
# that found it, which fails the test; leaks are reported too. `sanitizers`
# lets a test skip what only an uninstrumented build can do.
# `%asan_embedding_env` prefixes programs that embed the instrumented
# libraries without including stl/Tools/SanitizerDefaults.h (the C API test,
# the consumer project): the default the tools build in.
asan_options = ""
if getattr(config, "stl_sanitizers", False):
    config.available_features.add("sanitizers")
    asan_options = "detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0"
    config.environment["ASAN_OPTIONS"] = asan_options
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"

config.substitutions.append(
    ("%asan_embedding_env",
     "env ASAN_OPTIONS=%s:allow_user_poisoning=0" % asan_options
     if asan_options else ""))
