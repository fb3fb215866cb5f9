#!/usr/bin/env bash
# Coverage-guided fuzzing of stl-opt (parser, verifiers, the project's passes
# and pipelines, their options) and of the scheme library (scheme files,
# catalog names), with libFuzzer under AddressSanitizer and
# UndefinedBehaviorSanitizer. Not part of the test suite.
#
#   utils/fuzz.sh [SECONDS] [opt|scheme|both]   (default: 600 both)
#
# Builds build-fuzz/ with clang-22 (-DSTL_ENABLE_FUZZER=ON
# -DSTL_ENABLE_SANITIZERS=ON), seeds the corpora with the regression tests
# (utils/fuzz/seeds.py) and runs each fuzzer for SECONDS (the two share the
# time when both run). Corpora grow in fuzz-out/corpus/ across runs; crashes,
# leaks and timeouts land in fuzz-out/artifacts/ (reproduce one with
# `build-fuzz/bin/stl-opt-fuzzer FILE`); logs in fuzz-out/*.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STL_FUZZ_BUILD_DIR:-$root/build-fuzz}
out=${STL_FUZZ_OUT_DIR:-$root/fuzz-out}
seconds=${1:-600}
which=${2:-both}

"$root/utils/setup.sh" --fuzz

if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DSTL_ENABLE_FUZZER=ON -DSTL_ENABLE_SANITIZERS=ON >&2
fi
ninja -C "$build" stl-opt-fuzzer stl-scheme-fuzzer >&2

rm -rf "$out/seeds"
/usr/bin/python3 "$root/utils/fuzz/seeds.py" "$out/seeds"
mkdir -p "$out/corpus/opt" "$out/corpus/scheme" "$out/artifacts" "$out/work"

run() { # name, seconds, per-input timeout
  local name=$1 secs=$2 timeout=$3
  echo "== stl-$name-fuzzer for $secs s (log: $out/$name.log)"
  local start=$SECONDS
  # A scratch directory as the working directory: nothing a pass might write
  # lands in the source tree.
  (cd "$out/work" &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/bin/stl-$name-fuzzer" "$out/corpus/$name" "$out/seeds/$name" \
      -dict="$root/utils/fuzz/$name.dict" -max_total_time="$secs" \
      -timeout="$timeout" -rss_limit_mb=4096 -max_len=65536 \
      -artifact_prefix="$out/artifacts/$name-" -print_final_stats=1 \
      -close_fd_mask=1 \
      >"$out/$name.log" 2>&1) || true
  echo "ran for $((SECONDS - start)) s"
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ +DONE" \
    "$out/$name.log" || true
  if ! grep -qE "^stat::number_of_executed_units" "$out/$name.log"; then
    echo "stl-$name-fuzzer: DID NOT RUN to the end; see $out/$name.log"
    tail -3 "$out/$name.log"
    return 1
  fi
  if grep -qE "^==[0-9]+==ERROR|^SUMMARY: |stl-$name-fuzzer: |ALARM: working on the last Unit" \
       "$out/$name.log"; then
    echo "stl-$name-fuzzer: FOUND A BUG; see $out/$name.log and $out/artifacts/"
    return 1
  fi
  echo "stl-$name-fuzzer: no crash, hang or sanitizer report"
}

status=0
case "$which" in
  opt) run opt "$seconds" 60 || status=1 ;;
  scheme) run scheme "$seconds" 10 || status=1 ;;
  both)
    run opt $((seconds - seconds / 4)) 60 || status=1
    run scheme $((seconds / 4)) 10 || status=1 ;;
  *) echo "usage: utils/fuzz.sh [SECONDS] [opt|scheme|both]" >&2; exit 2 ;;
esac
exit $status
