#!/usr/bin/env bash
# The main job on the bundled example: builds everything, rewrites every
# MatMul of examples/mlp.mlir into STL with an exact scheme (reporting the
# multiply-adds saved), compiles the dense and the STL programs for the CPU,
# runs both and shows that their outputs agree.
#
# usage: utils/run-example.sh [example.mlir] [stl-replace-matmul options]
#   e.g. utils/run-example.sh examples/mlp.mlir "scheme=winograd-2x2x2"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STL_BUILD_DIR:-$root/build}
example=${1:-$root/examples/mlp.mlir}
options=${2:-}

"$root/utils/build.sh"

if [ ! -f "$example" ]; then
  echo "error: no such example file: $example" >&2
  exit 2
fi

stl_opt=$build/bin/stl-opt
llvm_bin=/usr/lib/llvm-22/bin
libs=/usr/lib/llvm-22/lib/libmlir_c_runner_utils.so,/usr/lib/llvm-22/lib/libmlir_runner_utils.so
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Rewriting the MatMuls of $(basename "$example") into STL"
"$stl_opt" "$example" --stl-replace-matmul="report $options" \
  -o "$work/stl.mlir" 2> "$work/remarks.txt" || {
  cat "$work/remarks.txt" >&2
  exit 1
}
sed -n 's/^.*remark: //p' "$work/remarks.txt"

echo
echo "== Compiling for the CPU (--stl-cpu-pipeline) and running"
"$stl_opt" "$example" --stl-cpu-pipeline \
  | "$llvm_bin/mlir-runner" -e main -entry-point-result=void \
      -shared-libs="$libs" > "$work/dense.txt"
echo "dense MatMul: done"
"$stl_opt" "$work/stl.mlir" --stl-cpu-pipeline \
  | "$llvm_bin/mlir-runner" -e main -entry-point-result=void \
      -shared-libs="$libs" > "$work/stl.txt"
echo "STL:          done"

echo
echo "== STL output against the dense output"
PYTHONPATH="$root/python" /usr/bin/python3 -m stl_mlir.compare \
  "$work/dense.txt" "$work/stl.txt" --rtol 1e-4
