#!/usr/bin/env bash
# Benchmark: fabrique on PostgreSQL against psql on the same throwaway cluster, in the same run.
#
#   - import of ROWS generated responses (`fabrique import responses --db postgres://…`, COPY into
#     a staging table then set statements, one transaction) against `psql \copy` of the same CSV
#     into a plain table of text columns (target: at most 1.5×);
#   - a crosstab region × structure_porteuse (χ², Cramér's V, suppression) against
#     SELECT region, structure_porteuse, count(*) … GROUP BY 1, 2 (target: at most 1.0×);
#   - ETP described by region against SELECT region, count, avg, min, max … GROUP BY region.
# The submissions under load, with one and two servers against pgbench, are in
# scripts/load-submit.sh --pg.
#
# Usage: Benchmarks/postgres.sh [IMPORT_ROWS] [TABLE_ROWS]   (defaults 200000 and 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
IMPORT_ROWS="${1:-200000}"
TABLE_ROWS="${2:-1000000}"
OUT=Benchmarks/results
mkdir -p "$OUT"
make -s deps >/dev/null
swift build -c release >/dev/null
BIN=.build/release/fabrique
AS_OF=2026-06-15
export PG_ROOT="$PWD/.build/pg-bench"
scripts/pg-cluster.sh start >/dev/null
eval "$(scripts/pg-cluster.sh env)"
trap 'scripts/pg-cluster.sh stop' EXIT
SOCK="$PG_ROOT/sock"
psql_() { psql -qtA -h "$SOCK" -U fabrique "$@"; }

csv() { # rows → the cached generated CSV
  local file="$OUT/responses-$1.csv"
  if [ ! -s "$file" ]; then
    local seed="$OUT/seed-pg.sqlite"; rm -f "$seed"*
    "$BIN" init --db "$seed" >/dev/null
    "$BIN" demo generate-responses --db "$seed" --survey coordination --count "$1" --seed 1 --as-of "$AS_OF" --out "$file" 2>/dev/null
  fi
  echo "$file"
}

seconds() { python3 -c 'import sys, subprocess, time
start = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); print(f"{time.perf_counter() - start:.3f}")' "$@"; }

. Benchmarks/lib.sh
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

# Import: a new database each time, the reference a plain table with one text column per CSV column.
CSV=$(csv "$IMPORT_ROWS")
COLUMNS=$(head -1 "$CSV" | python3 -c 'import csv, sys; print(", ".join(f"\"{c}\" text" for c in next(csv.reader(sys.stdin))))')
F=999999; S=999999
for run in 1 2 3; do
  psql_ -d postgres -c "DROP DATABASE IF EXISTS bench_import" -c "CREATE DATABASE bench_import"
  "$BIN" init --db "postgres://fabrique@/bench_import?host=$SOCK" >/dev/null
  T=$(seconds "$BIN" import responses --db "postgres://fabrique@/bench_import?host=$SOCK" --survey coordination "$CSV" --as-of "$AS_OF" --format json)
  F=$(python3 -c "print(min($F, $T))")
  psql_ -d bench_import -c "CREATE TABLE raw ($COLUMNS)"
  T=$(seconds psql -q -h "$SOCK" -U fabrique -d bench_import -c "\\copy raw FROM '$CSV' WITH (FORMAT csv, HEADER true)")
  S=$(python3 -c "print(min($S, $T))")
  psql_ -d bench_import -c "DROP TABLE raw"
done
printf '%-44s %10s %10s %8s\n' "PostgreSQL ($IMPORT_ROWS responses)" fabrique_s psql_s ratio
printf '%-44s %10s %10s %7sx\n' "import responses vs \\copy" "$F" "$S" "$(ratio "$F" "$S")"

# Tables on TABLE_ROWS responses.
CSV=$(csv "$TABLE_ROWS")
DB="postgres://fabrique@/bench_tables?host=$SOCK"
psql_ -d postgres -c "CREATE DATABASE bench_tables"
"$BIN" init --db "$DB" >/dev/null
"$BIN" import responses --db "$DB" --survey coordination "$CSV" --as-of "$AS_OF" --format json >/dev/null
COLUMNS=$(head -1 "$CSV" | python3 -c 'import csv, sys; print(", ".join(f"\"{c}\" text" for c in next(csv.reader(sys.stdin))))')
psql_ -d bench_tables -c "CREATE TABLE raw ($COLUMNS)" -c "\\copy raw FROM '$CSV' WITH (FORMAT csv, HEADER true)" -c "VACUUM ANALYZE"
printf '%-44s %10s %10s %8s\n' "PostgreSQL ($TABLE_ROWS responses)" fabrique_s psql_s ratio
F=$(best "$BIN" table --db "$DB" --survey coordination --rows region --cols structure_porteuse --format json)
S=$(best psql -qtA -h "$SOCK" -U fabrique -d bench_tables -c "SELECT region, structure_porteuse, count(*) FROM raw GROUP BY 1, 2")
printf '%-44s %10s %10s %7sx\n' "crosstab region x structure, chi-square" "$F" "$S" "$(ratio "$F" "$S")"
F=$(best "$BIN" table --db "$DB" --survey coordination --rows etp_coordination --by region --format json)
S=$(best psql -qtA -h "$SOCK" -U fabrique -d bench_tables -c "SELECT region, count(etp_coordination), avg(etp_coordination::float8), min(etp_coordination::float8), max(etp_coordination::float8) FROM raw WHERE etp_coordination <> '' GROUP BY region")
printf '%-44s %10s %10s %7sx\n' "descriptive ETP by region" "$F" "$S" "$(ratio "$F" "$S")"
