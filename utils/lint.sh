#!/usr/bin/env bash
# Formatting check (clang-format, .clang-format) of the C and C++ sources,
# and on request clang-tidy (.clang-tidy). CI runs the formatting check first.
#
#   utils/lint.sh [--changed REV] [--fix] [-- PATH...]
#       Checks every tracked *.c, *.cpp and *.h file (or only those that
#       differ from REV in the work tree, or only those under PATH...) with
#       `clang-format --dry-run -Werror`, prints each file that is not
#       formatted and exits 1 if there is one. --fix reformats them in place
#       instead.
#   utils/lint.sh --tidy [--changed REV] [-- PATH...]
#       Runs clang-tidy on the sources of those that the build's
#       compile_commands.json knows (STL_BUILD_DIR, default build/); exits 1
#       on any warning. Slow (seconds a file): not part of CI.
#
# The tools are Debian's clang-format-22 and clang-tidy-22 (the LLVM release
# the project builds against); `utils/setup.sh --lint` installs the first,
# `utils/setup.sh --tidy` the second.
# CLANG_FORMAT / CLANG_TIDY name others. Different clang-format releases
# may format differently: the check is meant to run with the one it names.
# Exit status: 0 clean, 1 findings, 2 usage or missing tool.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

usage() {
  sed -n '2,/^# Exit status/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

mode=check
rev=""
paths=()
while [ $# -gt 0 ]; do
  case "$1" in
  --fix) mode=fix ;;
  --tidy) mode=tidy ;;
  --changed)
    [ $# -ge 2 ] || usage
    rev=$2
    shift
    ;;
  --) shift; paths=("$@"); break ;;
  -h | --help) usage ;;
  -*) echo "lint: unknown option '$1'" >&2; usage ;;
  *) paths+=("$1") ;;
  esac
  shift
done

find_tool() {
  local override=$1 name=$2 var=$3 setup=$4
  if [ -n "$override" ]; then
    command -v "$override" || { echo "lint: '$override' not found" >&2; exit 2; }
  elif command -v "$name-22" >/dev/null; then
    command -v "$name-22"
  else
    echo "lint: $name-22 is not installed (utils/setup.sh $setup installs it;" \
      "or set $var to another $name)" >&2
    exit 2
  fi
}

# The files to look at, one a line: tracked C and C++ sources, restricted to
# PATH... and, with --changed, to those that differ from REV (deleted files
# left out).
if [ ${#paths[@]} -gt 0 ]; then
  pathspec=("${paths[@]}")
else
  pathspec=('*.c' '*.cpp' '*.h')
fi
if [ -n "$rev" ]; then
  git rev-parse --verify -q "$rev^{commit}" >/dev/null ||
    { echo "lint: '$rev' is not a revision" >&2; exit 2; }
  mapfile -t files < <(git diff --name-only --diff-filter=d "$rev" -- "${pathspec[@]}" |
    grep -E '\.(c|cpp|h)$' || true)
else
  mapfile -t files < <(git ls-files -- "${pathspec[@]}" | grep -E '\.(c|cpp|h)$' || true)
fi
# A path given on the command line that matches no tracked source is most
# likely a typo: say so rather than pass silently.
for p in "${paths[@]}"; do
  if [ -z "$(git ls-files -- "$p")" ]; then
    echo "lint: '$p' holds no tracked file" >&2
    exit 2
  fi
done
if [ ${#files[@]} -eq 0 ]; then
  echo "lint: no C/C++ files to look at"
  exit 0
fi

case "$mode" in
check)
  cf=$(find_tool "${CLANG_FORMAT:-}" clang-format CLANG_FORMAT --lint)
  bad=()
  for f in "${files[@]}"; do
    if ! "$cf" --dry-run -Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
  done
  if [ ${#bad[@]} -gt 0 ]; then
    for f in "${bad[@]}"; do echo "lint: not formatted: $f"; done
    echo "lint: ${#bad[@]} of ${#files[@]} files not formatted ($($cf --version | head -1));" \
      "see the changes with '$cf FILE | diff FILE -'," \
      "make them with 'utils/lint.sh --fix${paths:+ -- ${paths[*]}}'"
    exit 1
  fi
  echo "lint: ${#files[@]} files formatted"
  ;;
fix)
  cf=$(find_tool "${CLANG_FORMAT:-}" clang-format CLANG_FORMAT --lint)
  changed=0
  for f in "${files[@]}"; do
    if ! "$cf" --dry-run -Werror "$f" >/dev/null 2>&1; then
      "$cf" -i "$f"
      echo "lint: formatted $f"
      changed=$((changed + 1))
    fi
  done
  echo "lint: $changed of ${#files[@]} files reformatted"
  ;;
tidy)
  ct=$(find_tool "${CLANG_TIDY:-}" clang-tidy CLANG_TIDY --tidy)
  build=${STL_BUILD_DIR:-$root/build}
  db=$build/compile_commands.json
  [ -f "$db" ] || { echo "lint: no $db (configure the build first: utils/build.sh)" >&2; exit 2; }
  # Headers are checked through the sources that include them
  # (HeaderFilterRegex in .clang-tidy); sources the build does not compile
  # have no flags to check them with.
  mapfile -t known < <(python3 -c '
import json, os, sys
root = sys.argv[2]
for e in json.load(open(sys.argv[1])):
    print(os.path.relpath(os.path.join(e["directory"], e["file"]), root))
' "$db" "$root" | sort -u)
  sources=()
  for f in "${files[@]}"; do
    case "$f" in *.h) continue ;; esac
    for k in "${known[@]}"; do
      if [ "$k" = "$f" ]; then sources+=("$f"); break; fi
    done
  done
  if [ ${#sources[@]} -eq 0 ]; then
    echo "lint: no compiled sources among the files"
    exit 0
  fi
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  status=0
  for f in "${sources[@]}"; do
    "$ct" -p "$build" --quiet "$f" >"$log" 2>/dev/null || status=1
    if grep -q -E '(warning|error):' "$log"; then
      cat "$log"
      status=1
    fi
  done
  if [ "$status" -ne 0 ]; then
    echo "lint: clang-tidy found something in ${#sources[@]} sources"
    exit 1
  fi
  echo "lint: clang-tidy clean on ${#sources[@]} sources"
  ;;
esac
