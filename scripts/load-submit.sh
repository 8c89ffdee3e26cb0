#!/usr/bin/env bash
# Load and crash-safety check of the web collection (issue "Web collection", item 7).
#
#  1. Durable submissions: wrk posts complete responses to the coordination questionnaire through
#     personal invitation links (one link per request) at 64 connections for DURATION seconds;
#     then the stored responses are counted and compared with the acknowledgements (303) wrk got.
#  2. Kill -9 in the middle: the same load, the server killed with SIGKILL after a third of the
#     run and restarted at once; every acknowledged submission must be stored, none twice.
#  3. Form pages: wrk GETs a form page at 64 connections.
#  4. Reference: raw SQLite single-row commits per second with synchronous=FULL (WAL), same disk.
#
# Targets on the 2-core machine: >= 2,000 durable submissions/s with p99 < 50 ms; >= 5,000 GET/s.
# Usage: scripts/load-submit.sh [DURATION_SECONDS]   (default 30)
#        scripts/load-submit.sh --pg [DURATION_SECONDS]: two servers on one PostgreSQL database
#        (scripts/load-submit-pg.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--pg" ]; then shift; exec scripts/load-submit-pg.sh "$@"; fi
DURATION=${1:-30}
OUT=Benchmarks/results/load
PORT=18080
mkdir -p "$OUT"
make -s deps >/dev/null
swift build -c release >/dev/null
BIN=.build/release/fabrique
DB="$OUT/load.sqlite"
CONTACTS=$((DURATION * 6000 + 20000))

server_pid=""
stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; server_pid=""; }
trap stop_server EXIT
start_server() {
  "$BIN" serve --db "$DB" --port "$PORT" >>"$OUT/serve.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return 0; sleep 0.1; done
  echo "the server did not start; see $OUT/serve.log" >&2; exit 1
}
stored() { sqlite3 "$DB" "SELECT COUNT(*) FROM responses_coordination"; }
used() { sqlite3 "$DB" "SELECT COUNT(*) FROM invitation WHERE submitted_at IS NOT NULL"; }
field() { grep "^$1 " "$2" | awk '{print $2}'; }

. scripts/load-fixture.sh
prepare() {
  rm -f "$DB" "$DB"-wal "$DB"-shm "$OUT/serve.log"
  invite_and_body "$CONTACTS"
}

run_wrk() { # seconds, output file
  wrk -t2 -c64 -d"$1"s --timeout 10s -s scripts/load-submit.lua "http://127.0.0.1:$PORT" -- "$OUT/tokens.txt" "$OUT/body.txt" 2 >"$2" 2>&1 || true
}

echo "== 1. durable submissions, 64 connections, ${DURATION}s"
prepare
start_server
run_wrk "$DURATION" "$OUT/submit.txt"
# Count on a quiet database: a request in flight when wrk stopped may still be committing.
stop_server
ACKS=$(field ACKS "$OUT/submit.txt"); SECS=$(field SECONDS "$OUT/submit.txt")
STORED=$(stored)
RATE=$(python3 -c "print(round($ACKS / $SECS))")
echo "acknowledged: $ACKS   stored: $STORED   refused: $(field REFUSED "$OUT/submit.txt")   other: $(field OTHER "$OUT/submit.txt")   socket errors: $(field ERRORS "$OUT/submit.txt")"
echo "durable submissions/s: $RATE   p50: $(field P50_MS "$OUT/submit.txt") ms   p99: $(field P99_MS "$OUT/submit.txt") ms"
# Requests still in flight when wrk stops (at most one per connection) may be committed unacknowledged.
if [ "$STORED" -ge "$ACKS" ] && [ "$STORED" -le $((ACKS + 64)) ] && [ "$(used)" = "$STORED" ]; then
  echo "check: every acknowledged submission stored, one per link  OK ($((STORED - ACKS)) still in flight when wrk stopped)"
else
  echo "check: stored $STORED vs acknowledged $ACKS  FAILED"
fi

echo "== 2. kill -9 in the middle, then restart"
prepare
start_server
run_wrk "$DURATION" "$OUT/crash.txt" &
wrk_pid=$!
sleep $((DURATION / 3))
kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
echo "server killed (SIGKILL) at $((DURATION / 3))s; restarting"
start_server
wait "$wrk_pid"
stop_server
ACKS=$(field ACKS "$OUT/crash.txt"); STORED=$(stored); USED=$(used)
DISTINCT=$(sqlite3 "$DB" "SELECT COUNT(DISTINCT response_id) FROM invitation WHERE submitted_at IS NOT NULL")
echo "acknowledged: $ACKS   stored: $STORED   links used: $USED   distinct response ids: $DISTINCT   socket errors: $(field ERRORS "$OUT/crash.txt")"
if [ "$STORED" -ge "$ACKS" ] && [ "$STORED" = "$USED" ] && [ "$USED" = "$DISTINCT" ]; then
  echo "check: every acknowledged submission stored, one response per link, none duplicated  OK ($((STORED - ACKS)) committed but unacknowledged when killed)"
else
  echo "check: FAILED"
fi

echo "== 3. GET a form page, 64 connections, 10s"
start_server
PAGE_TOKEN=$(sqlite3 "$DB" "SELECT 1" >/dev/null; tail -1 "$OUT/tokens.txt")
wrk -t2 -c64 -d10s "http://127.0.0.1:$PORT/r/$PAGE_TOKEN/page/0" > "$OUT/get.txt" 2>&1 || true
grep -E "Requests/sec|Latency|Non-2xx" "$OUT/get.txt" | sed 's/^/  /'
stop_server

echo "== 4. reference: raw SQLite durable single-row commits (WAL, synchronous=FULL), same disk"
python3 - "$OUT/raw.sqlite" <<'PY'
import os, sqlite3, sys, time
path = sys.argv[1]
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix): os.remove(path + suffix)
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
n, start = 5000, time.time()
for i in range(n):
    db.execute("BEGIN"); db.execute("INSERT INTO t (v) VALUES (?)", ("x" * 400,)); db.execute("COMMIT")
print(f"raw SQLite commits/s: {n / (time.time() - start):.0f}")
PY
