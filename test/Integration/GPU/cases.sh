#!/usr/bin/env bash
# The GPU execution test cases, and how to build each into an executable.
#
#   cases.sh list                 the case names, one per line, with the
#                                 number of PASS lines each must print
#   cases.sh build NAME OUTPUT    build case NAME into the executable OUTPUT
#
# A case is one of the CPU numerical programs (test/Integration/CPU/Inputs:
# harness.mlir with a file of MatMul cases; each check prints the relative
# error against the dense reference and PASS or FAIL), rewritten with
# --stl-replace-matmul and compiled by stl-aot with --stl-gpu-pipeline.
# Used by the lit tests of this directory (REQUIRES: cuda-gpu) and by
# utils/build-gpu-tests.sh, which bundles every case for a GPU machine
# without MLIR.
#
# Environment: STL_BIN (the directory of stl-opt and stl-aot; default: the
# build's bin/), STL_GPU_PIPELINE (the --stl-gpu-pipeline options; default
# "chip=sm_90 features=+ptx80 format=isa").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cpu="$here/../CPU"
bin="${STL_BIN:-$here/../../../build/bin}"
gpu_options="${STL_GPU_PIPELINE:-chip=sm_90 features=+ptx80 format=isa}"

# name | element type | cases (relative to test/Integration/CPU) | error
# bound | stl-replace-matmul options ("dense": not rewritten) | PASS lines
# [| "wgmma": the Hopper kernels, for sm_90a (--stl-gpu-pipeline's wgmma);
# "tf32": f32 contractions on the tensor cores as TF32 (its tf32)].
# The mixed-precision and tensor-core cases (f16 / bf16 inputs, f32
# destinations) run the GPU's tensor-core kernels where their shapes allow:
# dense, and the STL tile product with 16-bit encodings (narrow-encodings;
# their bounds are those of the encodings' rounding, docs/numerics.md).
table() {
  cat <<'TABLE'
strassen-2x2x2-f32|f32|Inputs/matmul-cases.mlir|1.0e-5|scheme=strassen-2x2x2|4
strassen-2x2x2-f64|f64|Inputs/matmul-cases.mlir|1.0e-13|scheme=strassen-2x2x2|4
winograd-2x2x2-f32|f32|Inputs/matmul-cases.mlir|1.0e-5|scheme=winograd-2x2x2|4
strassen-4x4x4-f32|f32|Inputs/matmul-cases.mlir|1.0e-5|scheme=strassen-4x4x4|4
strassen-4x4x4-f64|f64|Inputs/matmul-cases.mlir|1.0e-13|scheme=strassen-4x4x4|4
composed-f32|f32|Inputs/matmul-cases.mlir|1.0e-5|scheme=strassen-2x2x2*naive-1x1x2|4
matmul-forms-f32|f32|matmul-forms.mlir|1.0e-5|pad|12
dynamic-shapes-f32|f32|dynamic-shapes.mlir|1.0e-5|pad|2
constant-weights-f32|f32|constant-weights.mlir|1.0e-5||1
mixed-f16|f16|Inputs/mixed-cases.mlir|1.0e-5||2
mixed-bf16|bf16|Inputs/mixed-cases.mlir|1.0e-5||2
mixed-bf16-strassen-2x2x2|bf16|Inputs/mixed-cases.mlir|1.0e-5|scheme=strassen-2x2x2|2
tensor-cores-bf16|bf16|Inputs/tensor-core-cases.mlir|1.0e-5|dense|3
tensor-cores-f16|f16|Inputs/tensor-core-cases.mlir|1.0e-5|dense|3
tensor-cores-bf16-strassen-4x4x4|bf16|Inputs/tensor-core-cases.mlir|5.0e-2|scheme=strassen-4x4x4 narrow-encodings|3
tensor-cores-f16-strassen-4x4x4|f16|Inputs/tensor-core-cases.mlir|5.0e-3|scheme=strassen-4x4x4 narrow-encodings|3
tensor-cores-bf16-f16-encodings|bf16|Inputs/tensor-core-cases.mlir|1.0e-5|scheme=strassen-4x4x4 encoded-type=f16|3
tensor-cores-bf16-wgmma|bf16|Inputs/tensor-core-cases.mlir|1.0e-5|dense|3|wgmma
tensor-cores-f16-wgmma|f16|Inputs/tensor-core-cases.mlir|1.0e-5|dense|3|wgmma
tensor-cores-tf32|f32|Inputs/tensor-core-cases.mlir|1.0e-5|dense|3|tf32
tensor-cores-tf32-strassen-4x4x4|f32|Inputs/tensor-core-cases.mlir|5.0e-3|scheme=strassen-4x4x4|3|tf32
unaligned-tf32|f32|Inputs/unaligned-cases.mlir|1.0e-5|dense|2|tf32
unaligned-strassen-4x4x4-tf32|f32|Inputs/unaligned-cases.mlir|5.0e-3|scheme=strassen-4x4x4|2|tf32
TABLE
}

case "${1:-}" in
  list)
    table | awk -F'|' '{print $1 " " $6}' ;;
  build)
    [ $# -eq 3 ] || { echo "usage: cases.sh build NAME OUTPUT" >&2; exit 2; }
    row="$(table | awk -F'|' -v n="$2" '$1 == n')"
    [ -n "$row" ] || { echo "cases.sh: no case named '$2'" >&2; exit 2; }
    IFS='|' read -r name type file bound options passes kernels <<< "$row"
    if [ "${kernels:-}" = wgmma ]; then
      gpu_options="$(echo "$gpu_options" | sed 's/chip=sm_90\b/chip=sm_90a/') wgmma"
    elif [ "${kernels:-}" = tf32 ]; then
      gpu_options="$gpu_options tf32"
    fi
    inputs=("$cpu/Inputs/harness.mlir")
    narrowing="$cpu/Inputs/narrowing.mlir"
    [ "$type" != f32 ] || narrowing="$cpu/Inputs/narrowing-f32.mlir"
    case "$file" in
      Inputs/mixed-cases.mlir|Inputs/tensor-core-cases.mlir)
        subst=(-e "s/@IN@/$type/g" -e "s/@T@/f32/g")
        inputs+=("$narrowing") ;;
      *)
        subst=(-e "s/@T@/$type/g") ;;
    esac
    work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
    replace=(--stl-replace-matmul)
    [ -z "$options" ] || replace=("--stl-replace-matmul=$options")
    [ "$options" != dense ] || replace=()
    cat "${inputs[@]}" "$cpu/$file" \
      | sed "${subst[@]}" -e "s/@BOUND@/$bound/" \
      | "$bin/stl-opt" "${replace[@]}" -o "$work/stl.mlir"
    # Every MatMul of the cases must have been rewritten (unless dense).
    if [ "$options" != dense ] && {
         ! grep -q "stl.matmul" "$work/stl.mlir" ||
         grep -q "linalg.matmul\|linalg.batch_matmul" "$work/stl.mlir"; }; then
      echo "cases.sh: $name: a MatMul was not rewritten into STL" >&2
      exit 1
    fi
    "$bin/stl-aot" "$work/stl.mlir" -o "$3" -- \
      --stl-gpu-pipeline="$gpu_options" ;;
  *)
    echo "usage: cases.sh list | cases.sh build NAME OUTPUT" >&2; exit 2 ;;
esac
