#!/usr/bin/env bash
# The short fuzz run of CI: builds the libFuzzer harnesses (clang, ASan + UBSan) into build/fuzz
# and runs each target for FUZZ_SECONDS (default 10) from its committed corpus
# (tests/fuzz/corpus/<target>/). New interesting inputs go to build/fuzz/work/<target>/; a crash,
# leak, timeout or broken invariant leaves its input in build/fuzz/artifacts/ and fails the run
# (copy that input into the corpus once fixed, so the unit tests replay it).
#   bash tests/fuzz/run.sh [TARGET...]        FUZZ_SECONDS=300 bash tests/fuzz/run.sh input
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${FUZZ_SECONDS:-10}
build=build/fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# No build type: the flags below are the whole story (-O1 keeps the sanitizers' reports precise;
# assertions stay on).
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE= "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
  -DCNA_FUZZ=ON -DCNA_BUILD_TESTS=OFF -DCNA_WARNINGS_AS_ERRORS=OFF >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls tests/fuzz/corpus))
if ! cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}" >"$build/build.log" 2>&1; then
  tail -n 40 "$build/build.log" >&2
  exit 1
fi

total=0
for t in "${targets[@]}"; do
  mkdir -p "$build/work/$t" "$build/artifacts"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  log="$build/$t.log"
  if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "${dict[@]}" \
    "$build/work/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz_$t found a problem; its input is in $build/artifacts/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  echo "fuzz_$t: $runs executions in ${seconds} s, $(ls "$build/work/$t" | wc -l) new inputs"
  total=$((total + runs))
done
echo "fuzz: $total executions in all"
