#!/usr/bin/env bash
# Benchmark: `fabrique import responses` against `sqlite3 .import` on the same file, in the same run.
#
# For each size (default 1,000,000 then 200,000 rows) it generates responses to the coordination
# survey with `fabrique demo generate-responses` (cached under Benchmarks/results/), then times:
#   - fabrique: parse, detect, map, validate every row with the survey's rules, store in one transaction;
#   - sqlite3:  `.import --csv FILE t` into a plain table (no validation), the raw floor.
# It prints wall times, the ratio, and fabrique's peak RSS (which must not grow with the file).
#
# Usage: Benchmarks/csv-import.sh [ROWS ...]      e.g. Benchmarks/csv-import.sh 200000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000000 200000)
OUT=Benchmarks/results
mkdir -p "$OUT"

make -s deps >/dev/null
command -v /usr/bin/time >/dev/null || { echo "installing GNU time"; apt-get install -y -qq time >/dev/null; }
swift build -c release >/dev/null
BIN=.build/release/fabrique
AS_OF=2026-06-15

SEED_DB="$OUT/seed.sqlite"
rm -f "$SEED_DB" "$SEED_DB"-wal "$SEED_DB"-shm
"$BIN" init --db "$SEED_DB" >/dev/null
sqlite3 "$SEED_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

printf '%-9s %-8s %10s %10s %8s %12s\n' rows columns fabrique_s sqlite3_s ratio fabrique_rss
for ROWS in "${SIZES[@]}"; do
  CSV="$OUT/responses-$ROWS.csv"
  if [ ! -s "$CSV" ]; then
    "$BIN" demo generate-responses --db "$SEED_DB" --survey coordination --count "$ROWS" --seed 1 --as-of "$AS_OF" --out "$CSV" 2>/dev/null
  fi
  COLUMNS=$(head -1 "$CSV" | tr ',' '\n' | wc -l)

  DB="$OUT/fabrique.sqlite"
  rm -f "$DB" "$DB"-wal "$DB"-shm
  cp "$SEED_DB" "$DB"
  sync
  /usr/bin/time -f "%e %M" -o "$OUT/fabrique.time" \
    "$BIN" import responses --db "$DB" --survey coordination "$CSV" --as-of "$AS_OF" --format json > "$OUT/fabrique.json"
  grep -q "\"inserted\":$ROWS[,}]" "$OUT/fabrique.json" || { echo "fabrique did not insert $ROWS rows: $(cat "$OUT/fabrique.json")"; exit 1; }

  RAW="$OUT/sqlite3.sqlite"
  rm -f "$RAW" "$RAW"-wal "$RAW"-shm
  sync
  /usr/bin/time -f "%e %M" -o "$OUT/sqlite3.time" sqlite3 "$RAW" ".import --csv $CSV t"

  read -r F_S F_KB < "$OUT/fabrique.time"
  read -r S_S _ < "$OUT/sqlite3.time"
  RATIO=$(python3 -c "print(f'{$F_S / $S_S:.2f}')")
  printf '%-9s %-8s %10s %10s %8s %9s MiB\n' "$ROWS" "$COLUMNS" "$F_S" "$S_S" "${RATIO}x" "$((F_KB / 1024))"
done
echo "target: ratio <= 1.00 with every row validated; fabrique_rss <= 64 MiB and flat across sizes"
