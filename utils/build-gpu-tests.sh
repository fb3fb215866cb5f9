#!/usr/bin/env bash
# Builds the GPU execution tests into a self-contained bundle for a machine
# that has an NVIDIA GPU and its driver but no MLIR (and no build tools):
#
#   utils/build-gpu-tests.sh DIR [CHIP]     (CHIP: sm_90 by default)
#   ... copy DIR to the GPU machine ...
#   DIR/run-tests.sh
#
# The bundle holds one executable per case of test/Integration/GPU/cases.sh
# (the same programs as the lit tests there, with their error bounds), and
# the README example (examples/mlp.mlir) compiled for the GPU densely and
# with every MatMul in STL, with the output of the dense program on the CPU
# to compare against. Executables need only libstdc++ and libcuda.so.1.
# run-tests.sh prints one line per test and a summary, and exits non-zero
# when a test fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${STL_BUILD_DIR:-$root/build}
out=${1:?usage: utils/build-gpu-tests.sh DIR [CHIP]}
chip=${2:-sm_90}

"$root/utils/build.sh"
[ -x "$build/bin/stl-aot" ] || { echo "error: no stl-aot in $build/bin" >&2; exit 1; }
if ! grep -q '^CUDA_RUNTIME="ON"' "$build/bin/stl-aot"; then
  echo "error: the build has no CUDA runtime (no CUDA toolkit found)" >&2
  exit 1
fi

version=${chip#sm_}; version=${version%a}
# The lowest PTX version that knows the chip.
features=+ptx70
[ "$version" -lt 90 ] || features=+ptx80
[ "$version" -lt 100 ] || features=+ptx86
# Cubins when ptxas is there (no JIT on the GPU machine), PTX otherwise.
format=isa
if command -v ptxas > /dev/null || [ -x /usr/local/cuda/bin/ptxas ]; then
  format=bin
  export PATH="$PATH:/usr/local/cuda/bin"
fi
gpu_options="chip=$chip features=$features format=$format"

mkdir -p "$out/bin"
: > "$out/cases.txt"
export STL_BIN="$build/bin" STL_GPU_PIPELINE="$gpu_options"
while read -r name passes; do
  echo "building $name"
  "$root/test/Integration/GPU/cases.sh" build "$name" "$out/bin/$name"
  echo "$name $passes" >> "$out/cases.txt"
done < <("$root/test/Integration/GPU/cases.sh" list)

echo "building the README example (mlp)"
"$build/bin/stl-aot" "$root/examples/mlp.mlir" -o "$out/bin/mlp-dense" -- \
  --stl-gpu-pipeline="$gpu_options"
"$build/bin/stl-aot" "$root/examples/mlp.mlir" -o "$out/bin/mlp-stl" -- \
  --stl-replace-matmul --stl-gpu-pipeline="$gpu_options"
"$build/bin/stl-aot" --cpu "$root/examples/mlp.mlir" -o "$out/mlp-cpu"
"$out/mlp-cpu" > "$out/mlp-cpu-dense.txt"
rm "$out/mlp-cpu"
cp "$root/python/stl_mlir/compare.py" "$out/compare.py"

cat > "$out/run-tests.sh" <<'RUN'
#!/usr/bin/env bash
# Runs the GPU execution tests of this bundle (see utils/build-gpu-tests.sh).
cd "$(dirname "$0")"
passed=0; failed=0
report() { # name ok detail
  if [ "$2" = 1 ]; then passed=$((passed + 1)); echo "PASS $1 $3"
  else failed=$((failed + 1)); echo "FAIL $1 $3"; fi
}
if command -v nvidia-smi > /dev/null; then
  nvidia-smi --query-gpu=name,compute_cap,driver_version --format=csv,noheader
fi
while read -r name expected; do
  output=$("./bin/$name" 2>&1); status=$?
  got=$(grep -c '^PASS$' <<< "$output")
  errors=$(grep 'relative error' <<< "$output" | sed 's/.*relative error //' | tr '\n' ' ')
  if [ $status = 0 ] && [ "$got" = "$expected" ] && ! grep -q '^FAIL$' <<< "$output"; then
    report "$name" 1 "(relative errors: $errors)"
  else
    report "$name" 0 "(exit $status, $got of $expected checks passed)"
    echo "$output" | sed 's/^/    /'
  fi
done < cases.txt
for variant in dense stl; do
  if "./bin/mlp-$variant" > "mlp-gpu-$variant.txt" 2> "mlp-gpu-$variant.err" \
     && result=$(python3 compare.py mlp-cpu-dense.txt "mlp-gpu-$variant.txt" --rtol 1e-4); then
    report "mlp-$variant" 1 "(against the dense CPU output: $result)"
  else
    report "mlp-$variant" 0 "(see mlp-gpu-$variant.txt / .err)"
    cat "mlp-gpu-$variant.err"
  fi
done
echo "gpu-tests: $passed passed, $failed failed"
[ $failed = 0 ]
RUN
chmod +x "$out/run-tests.sh"
echo "bundle ready: $out (run $out/run-tests.sh on the GPU machine)"
du -sh "$out"
