#!/usr/bin/env bash
# Benchmark: `fabrique table` against the equivalent GROUP BY in sqlite3, on the same responses.
#
# It imports the generated responses (cached from csv-import.sh, or generated here) into fabrique's
# database and, with `sqlite3 .import`, into a plain table. Then it times, best of 3:
#   - a crosstab region × structure_porteuse with chi-square, Cramér's V and suppression,
#     against SELECT region, structure_porteuse, COUNT(*) ... GROUP BY 1, 2;
#   - ETP described by region (n, mean, sd, median, quartiles, min, max, t interval),
#     against SELECT region, COUNT, AVG, MIN, MAX ... GROUP BY region (sqlite has no median);
# and the time for every table of analyses/coordination.yaml for each of the 18 regions.
#
# Usage: Benchmarks/tables.sh [ROWS]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
OUT=Benchmarks/results
mkdir -p "$OUT"
make -s deps >/dev/null
swift build -c release >/dev/null
BIN=.build/release/fabrique
AS_OF=2026-06-15
CSV="$OUT/responses-$ROWS.csv"
DB="$OUT/tables-$ROWS.sqlite"
RAW="$OUT/tables-raw-$ROWS.sqlite"

if [ ! -s "$CSV" ]; then
  SEED_DB="$OUT/seed-tables.sqlite"; rm -f "$SEED_DB"*
  "$BIN" init --db "$SEED_DB" >/dev/null
  "$BIN" demo generate-responses --db "$SEED_DB" --survey coordination --count "$ROWS" --seed 1 --as-of "$AS_OF" --out "$CSV" 2>/dev/null
fi
if [ ! -s "$DB" ] || [ "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM responses_coordination' 2>/dev/null)" != "$ROWS" ]; then
  rm -f "$DB"*
  "$BIN" init --db "$DB" >/dev/null
  "$BIN" import responses --db "$DB" --survey coordination "$CSV" --as-of "$AS_OF" --format json >/dev/null
fi
if [ ! -s "$RAW" ]; then
  sqlite3 "$RAW" ".import --csv $CSV t"
fi

. Benchmarks/lib.sh

printf '%-44s %10s %10s %8s\n' "table ($ROWS responses)" fabrique_s sqlite3_s ratio
F=$(best "$BIN" table --db "$DB" --survey coordination --rows region --cols structure_porteuse --format json)
S=$(best sqlite3 "$RAW" "SELECT region, structure_porteuse, COUNT(*) FROM t GROUP BY 1, 2;")
printf '%-44s %10s %10s %7sx\n' "crosstab region x structure, chi-square" "$F" "$S" "$(python3 -c "print(f'{$F/$S:.2f}')")"
F=$(best "$BIN" table --db "$DB" --survey coordination --rows etp_coordination --by region --format json)
S=$(best sqlite3 "$RAW" "SELECT region, COUNT(etp_coordination), AVG(etp_coordination), MIN(etp_coordination + 0), MAX(etp_coordination + 0) FROM t WHERE etp_coordination <> '' GROUP BY region;")
printf '%-44s %10s %10s %7sx\n' "descriptive ETP by region" "$F" "$S" "$(python3 -c "print(f'{$F/$S:.2f}')")"

START=$(python3 -c 'import time; print(time.perf_counter())')
for REGION in $(sqlite3 "$DB" "SELECT code FROM region ORDER BY code"); do
  "$BIN" tables --db "$DB" analyses/coordination.yaml --region "$REGION" --format json >/dev/null
done
END=$(python3 -c 'import time; print(time.perf_counter())')
printf '%-44s %10s\n' "all 34 tables x 18 regions (filtered)" "$(python3 -c "print(f'{$END-$START:.1f}')")"
echo "target: ratio <= 1.00"
