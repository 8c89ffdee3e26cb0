#!/usr/bin/env bash
# The fuzzing campaign (docs/fuzzing.md): builds each libFuzzer target with the fuzzer and address
# sanitizers into .build-fuzz, then runs each on a scratch copy of its committed seed corpus.
#   scripts/fuzz.sh build            build the four targets
#   scripts/fuzz.sh run [SECONDS]    run each for SECONDS (default 60); RUNS=N runs N inputs instead,
#                                    ONLY=FuzzCSV runs one target
#   scripts/fuzz.sh [SECONDS]        both
#   scripts/fuzz.sh replay FILE...   replay crash files through every target's sanitized build
# One process per target, in the foreground (libFuzzer's -jobs would log to fuzz-N.log here).
# Exits non-zero when a target crashes, times out, or runs out of memory; the input is kept in
# .build-fuzz/crashes/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SCRATCH=.build-fuzz
BIN=$SCRATCH/release
# target:corpus folder:maximum input length in bytes
TARGETS=(FuzzCSV:csv:4096 FuzzYAML:yaml:16384 FuzzExpression:expression:2048 FuzzFormBody:formbody:4096)
FLAGS=(-c release --scratch-path "$SCRATCH"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
       -Xcc -fsanitize=fuzzer-no-link,address)
# Swift's runtime keeps metadata and conformance caches for the life of the process, which
# LeakSanitizer reports at exit (docs/fuzzing.md, "Leaks").
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Swift's own crash backtracer waits on a process that never answers under libFuzzer: off, the
# sanitizer prints the stack.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

build() {
    for entry in "${TARGETS[@]}"; do
        "$SWIFT" build "${FLAGS[@]}" --product "${entry%%:*}"
    done
}

run() {
    local seconds=${1:-60} status=0
    for entry in "${TARGETS[@]}"; do
        IFS=: read -r target corpus length <<<"$entry"
        [ -n "${ONLY:-}" ] && [ "$ONLY" != "$target" ] && continue
        local work=$SCRATCH/corpus/$corpus crashes=$SCRATCH/crashes/$target
        mkdir -p "$work" "$crashes"
        cp -n Fuzz/Corpus/"$corpus"/* "$work"/
        local limit=(-max_total_time="$seconds")
        [ -n "${RUNS:-}" ] && limit=(-runs="$RUNS")
        echo "== $target: ${limit[0]#-}, inputs up to $length bytes"
        if "$BIN/$target" "$work" "${limit[@]}" -max_len="$length" -timeout=10 \
            -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$crashes/" 2>"$SCRATCH/$target.log"; then
            grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$SCRATCH/$target.log"
        else
            status=1
            tail -40 "$SCRATCH/$target.log"
            echo "$target FAILED: the input is in $crashes/ (full log: $SCRATCH/$target.log)"
        fi
    done
    return $status
}

case "${1:-}" in
    build) build ;;
    run) run "${2:-60}" ;;
    replay)
        shift
        for entry in "${TARGETS[@]}"; do "$BIN/${entry%%:*}" "$@" || true; done ;;
    *) build && run "${1:-60}" ;;
esac
