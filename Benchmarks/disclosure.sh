#!/usr/bin/env bash
# Benchmark: the regional reports with least-loss secondary suppression and the interval audit
# (GLPK) against the reports of the greedy rule they replace, on the same data in the same run.
#
# BASE (a git revision, default the last one with the greedy rule) is built in release in a worktree
# under .build/bench-base, and the working tree in release too (or give BASE_BIN and BIN). For each size (generated
# responses to the coordination survey, imported once, not timed), hyperfine times, alternating:
#   base    `report regions` with the greedy rule;
#   new     `report regions` (the optimisation, then the audit before writing);
#   audit   `report audit` alone.
# It prints the times, new / base (target: at most 2×) and the growth against the first size
# (target: at most linear, time_x <= size_x: the programmes' size depends on the tables, not on
# the responses).
#
# Usage: Benchmarks/disclosure.sh [RESPONSES ...]      e.g. Benchmarks/disclosure.sh 20000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(20000 100000)
BASE=${BASE:-1c9777c}
OUT=Benchmarks/results
mkdir -p "$OUT"

make -s deps >/dev/null
command -v hyperfine >/dev/null || { echo "installing hyperfine"; apt-get install -y -qq hyperfine >/dev/null; }
# BIN: an already built binary of the working tree, instead of building it here.
if [ -z "${BIN:-}" ]; then
  swift build -c release --product fabrique >/dev/null
  BIN=$PWD/.build/release/fabrique
fi
# BASE_BIN: an already built baseline binary, instead of building BASE.
if [ -z "${BASE_BIN:-}" ]; then
  BASE_DIR=$PWD/.build/bench-base
  if [ ! -x "$BASE_DIR/.build/release/fabrique" ] || [ "$(git -C "$BASE_DIR" rev-parse HEAD 2>/dev/null)" != "$(git rev-parse "$BASE")" ]; then
    git worktree remove --force "$BASE_DIR" 2>/dev/null || rm -rf "$BASE_DIR"
    git worktree prune
    git worktree add -q --detach "$BASE_DIR" "$BASE"
    (cd "$BASE_DIR" && swift build -c release --product fabrique >/dev/null)
  fi
  BASE_BIN=$BASE_DIR/.build/release/fabrique
fi
AS_OF=2026-06-15

SEED_DB="$OUT/seed.sqlite"
rm -f "$SEED_DB" "$SEED_DB"-wal "$SEED_DB"-shm
"$BIN" init --db "$SEED_DB" >/dev/null

printf '%-10s %9s %9s %9s %9s %8s %8s\n' responses base_s new_s audit_s new/base size_x time_x
FIRST_N=""; FIRST_T=""
for N in "${SIZES[@]}"; do
  CSV="$OUT/responses-$N.csv"
  if [ ! -s "$CSV" ]; then
    "$BIN" demo generate-responses --db "$SEED_DB" --survey coordination --count "$N" --seed 1 --as-of "$AS_OF" --out "$CSV" 2>/dev/null
  fi
  DB="$OUT/disclosure-$N.sqlite"
  if [ ! -s "$DB" ] || [ "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM responses_coordination' 2>/dev/null)" != "$N" ]; then
    rm -f "$DB" "$DB"-wal "$DB"-shm
    cp "$SEED_DB" "$DB"
    "$BIN" import responses --db "$DB" --survey coordination "$CSV" --as-of "$AS_OF" --format json > "$OUT/disclosure-import.json"
    grep -q "\"inserted\":$N[,}]" "$OUT/disclosure-import.json" || { echo "import of $N responses failed: $(cat "$OUT/disclosure-import.json")"; exit 1; }
  fi
  hyperfine --runs 3 --export-json "$OUT/disclosure-$N.json" \
    -n base "rm -rf $OUT/disclosure-base && $BASE_BIN report regions --db $DB --out $OUT/disclosure-base --as-of $AS_OF" \
    -n new "rm -rf $OUT/disclosure-new && $BIN report regions --db $DB --out $OUT/disclosure-new --as-of $AS_OF" \
    -n audit "$BIN report audit --db $DB --as-of $AS_OF" >/dev/null
  test -s "$OUT/disclosure-new/grand-est.md"
  read -r B W A < <(python3 -c "import json; r=json.load(open('$OUT/disclosure-$N.json'))['results']; print(' '.join(f\"{x['mean']:.2f}\" for x in r))")
  [ -n "$FIRST_N" ] || { FIRST_N=$N; FIRST_T=$W; }
  python3 -c "
n, b, w, a, n0, t0 = $N, $B, $W, $A, $FIRST_N, $FIRST_T
print(f'{n:<10} {b:>9.2f} {w:>9.2f} {a:>9.2f} {w / b:>9.2f} {n / n0:>8.1f} {w / t0:>8.2f}')"
done
echo "targets: new/base <= 2.0; time_x <= size_x"
