#!/usr/bin/env bash
# The test command: builds everything, then runs the lit suite (check-stl:
# dialect, passes, pipelines, CPU execution tests, scheme library unit tests,
# numerics) and the Python tests.
#
#   utils/test.sh             build/ and the suite
#   utils/test.sh --sanitize  build-sanitize/ (AddressSanitizer and
#                             UndefinedBehaviorSanitizer) and the same suite
#                             run against it; any sanitizer report fails
#                             the test that triggered it
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sanitize=0
if [ "${1:-}" = --sanitize ]; then
  sanitize=1
  export STL_BUILD_DIR=${STL_BUILD_DIR:-$root/build-sanitize}
  "$root/utils/build.sh" --sanitize
else
  "$root/utils/build.sh"
fi
build=${STL_BUILD_DIR:-$root/build}
# The Python tests load the build's libSTLCAPI.so (python/stl_mlir/capi.py).
export STL_BUILD_DIR=$build

lit_log=$(mktemp)
py_log=$(mktemp)
trap 'rm -f "$lit_log" "$py_log"' EXIT

status=0
ninja -C "$build" check-stl 2>&1 | tee "$lit_log" || status=1
py_env=()
if [ "$sanitize" = 1 ]; then
  # The instrumented libSTLCAPI.so goes into an uninstrumented interpreter:
  # the sanitizer runtimes must be loaded first. No leak check: the
  # interpreter itself does not free everything at exit.
  cxx=${CXX:-c++}
  py_env=(env "LD_PRELOAD=$($cxx -print-file-name=libasan.so):$($cxx -print-file-name=libubsan.so)"
          "ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0:abort_on_error=1"
          "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
fi
"${py_env[@]}" /usr/bin/python3 -m pytest -q "$root/python/tests" 2>&1 | tee "$py_log" || status=1

# One closing line for both suites.
lit_passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$lit_log" | tail -1)
lit_failed=$(sed -n 's/^ *Failed *: *\([0-9]*\).*/\1/p' "$lit_log" | tail -1)
py_passed=$(tail -1 "$py_log" | grep -o '[0-9]* passed' | grep -o '[0-9]*' || true)
py_failed=$(tail -1 "$py_log" | grep -o '[0-9]* failed' | grep -o '[0-9]*' || true)
passed=$(( ${lit_passed:-0} + ${py_passed:-0} ))
failed=$(( ${lit_failed:-0} + ${py_failed:-0} ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "stl-mlir: $passed passed, $failed failed"
exit "$status"
