#!/usr/bin/env bash
# Benchmark: `fabrique report regions` (18 regions + France + index, with the SVG charts) from
# 100,000 and from 1,000,000 stored responses, to show that the cost grows at most linearly.
#
# For each size it generates responses to the coordination survey (cached under
# Benchmarks/results/), imports them (not timed), then times the reports with hyperfine (2 runs),
# Markdown only and with --html. It prints the times, the cost per 100,000 responses and the
# growth factor against the first size: linear growth means growth ≤ size ratio.
#
# Usage: Benchmarks/reports.sh [RESPONSES ...]      e.g. Benchmarks/reports.sh 20000 200000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
OUT=Benchmarks/results
mkdir -p "$OUT"

make -s deps >/dev/null
command -v hyperfine >/dev/null || { echo "installing hyperfine"; apt-get install -y -qq hyperfine >/dev/null; }
swift build -c release >/dev/null
BIN=$PWD/.build/release/fabrique
AS_OF=2026-06-15

SEED_DB="$OUT/seed.sqlite"
rm -f "$SEED_DB" "$SEED_DB"-wal "$SEED_DB"-shm
"$BIN" init --db "$SEED_DB" >/dev/null
"$BIN" coding import seeds/demo/codings.csv --db "$SEED_DB" --actor bench >/dev/null

printf '%-10s %12s %12s %18s %10s %10s\n' responses md_s html_s md_s_per_100k size_x time_x
FIRST_N=""; FIRST_T=""
for N in "${SIZES[@]}"; do
  CSV="$OUT/responses-$N.csv"
  if [ ! -s "$CSV" ]; then
    "$BIN" demo generate-responses --db "$SEED_DB" --survey coordination --count "$N" --seed 1 --as-of "$AS_OF" --out "$CSV" 2>/dev/null
  fi
  DB="$OUT/reports-$N.sqlite"
  if [ ! -s "$DB" ] || [ "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM responses_coordination' 2>/dev/null)" != "$N" ]; then
    rm -f "$DB" "$DB"-wal "$DB"-shm
    cp "$SEED_DB" "$DB"
    "$BIN" import responses --db "$DB" --survey coordination "$CSV" --as-of "$AS_OF" --format json > "$OUT/reports-import.json"
    grep -q "\"inserted\":$N[,}]" "$OUT/reports-import.json" || { echo "import of $N responses failed: $(cat "$OUT/reports-import.json")"; exit 1; }
  fi
  hyperfine --runs 2 --export-json "$OUT/reports-$N.json" \
    -n md "rm -rf $OUT/reports-out && $BIN report regions --db $DB --out $OUT/reports-out --as-of $AS_OF" \
    -n html "rm -rf $OUT/reports-out && $BIN report regions --db $DB --out $OUT/reports-out --as-of $AS_OF --html" >/dev/null
  read -r MD HTML < <(python3 -c "import json; r=json.load(open('$OUT/reports-$N.json'))['results']; print(f\"{r[0]['mean']:.2f} {r[1]['mean']:.2f}\")")
  test -s "$OUT/reports-out/grand-est.html" && test -s "$OUT/reports-out/france.md"
  [ -n "$FIRST_N" ] || { FIRST_N=$N; FIRST_T=$MD; }
  python3 -c "
n, md, html, n0, t0 = $N, $MD, $HTML, $FIRST_N, $FIRST_T
print(f'{n:<10} {md:>12.2f} {html:>12.2f} {md / n * 100000:>18.2f} {n / n0:>10.1f} {md / t0:>10.2f}')"
done
echo "target: cost grows at most linearly with the responses (time_x <= size_x)"
