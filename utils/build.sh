#!/usr/bin/env bash
# Installs what is missing (utils/setup.sh), configures build/ once and builds
# everything: stl-opt, the libraries, the unit tests and the generated docs.
#
#   utils/build.sh             build/ (Release)
#   utils/build.sh --sanitize  build-sanitize/: the same with AddressSanitizer
#                              and UndefinedBehaviorSanitizer
#                              (-DSTL_ENABLE_SANITIZERS=ON)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
options=()
if [ "${1:-}" = --sanitize ]; then
  build=${STL_BUILD_DIR:-$root/build-sanitize}
  options+=(-DSTL_ENABLE_SANITIZERS=ON)
else
  build=${STL_BUILD_DIR:-$root/build}
fi

"$root/utils/setup.sh"

if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit "${options[@]}" >&2
fi
ninja -C "$build" >&2
