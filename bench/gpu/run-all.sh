#!/usr/bin/env bash
# The one script for a GPU machine (see bench/gpu/build.py): the GPU
# execution tests, then the benchmark table. Output also in $OUT when set.
# Exits non-zero when a test or a benchmark check failed.
cd "$(dirname "$0")"
out=${OUT:-.}
status=0
nvidia-smi --query-gpu=name,compute_cap,driver_version,clocks.max.sm --format=csv,noheader
if [ -d tests ]; then
  timeout 240 bash tests/run-tests.sh 2>&1 | tee "$out/gpu-tests.txt"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
fi
PYTHONUNBUFFERED=1 timeout 300 python3 run.py "$@" 2>&1 | tee "$out/gpu-bench.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1
exit $status
