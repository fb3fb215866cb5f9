#!/usr/bin/env bash
# Idempotent set-up: installs with apt what building and testing stl-mlir
# needs, and does nothing when it is all there already.
#   utils/setup.sh          build and test dependencies
#   utils/setup.sh --bench  those, and the benchmarks' dense baselines
#                           (OpenBLAS, BLIS with OpenMP, oneDNN)
#   utils/setup.sh --fuzz   those, and the fuzzers' (clang and libFuzzer)
#   utils/setup.sh --lint   those, and utils/lint.sh's formatter
#                           (clang-format-22)
#   utils/setup.sh --tidy   those, and utils/lint.sh --tidy's clang-tidy-22
# Options combine: utils/setup.sh --lint --bench.
set -euo pipefail

packages=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  cmake ninja-build g++ libgtest-dev python3-numpy python3-pytest
  libomp-22-dev
)
for option in "$@"; do
  case "$option" in
    --bench) packages+=(libopenblas-dev libblis-openmp-dev libdnnl-dev) ;;
    --fuzz) packages+=(clang-22 libclang-rt-22-dev) ;;
    --lint) packages+=(clang-format-22) ;;
    --tidy) packages+=(clang-tidy-22) ;;
    *) echo "setup: unknown option '$option'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
