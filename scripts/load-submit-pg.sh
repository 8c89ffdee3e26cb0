#!/usr/bin/env bash
# Several servers, one PostgreSQL database (scripts/load-submit.sh --pg), on a throwaway cluster.
#
#  1. Two `fabrique serve` processes on one database take submissions at the same time: wrk posts
#     complete responses at 32 connections to each, both through the SAME personal links, so that
#     every link is tried on both servers. Each acknowledged submission must be stored once, each
#     link used once; the other server answers 404 (link already used).
#  2. A staff session opened on one server works on the other.
#  3. Kill -9 of one server in the middle of the load, restarted at once: no acknowledged
#     submission is lost, none stored twice.
#  4. Reference: pgbench's single-row durable inserts per second on the same cluster (64 clients).
#
# Usage: scripts/load-submit-pg.sh [DURATION_SECONDS]   (default 30; CONFIG=debug for a debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
CONFIG=${CONFIG:-release}
OUT=Benchmarks/results/load-pg
PORTS=(18080 18081)
mkdir -p "$OUT"
make -s deps >/dev/null
swift build -c "$CONFIG" >/dev/null
BIN=.build/$CONFIG/fabrique
export PG_ROOT="$PWD/.build/pg-load"
scripts/pg-cluster.sh start >/dev/null
eval "$(scripts/pg-cluster.sh env)"
SOCK="$PG_ROOT/sock"
CONTACTS=$((DURATION * 3000 + 20000))

pids=("" "")
stop_servers() { for i in 0 1; do [ -n "${pids[$i]}" ] && kill "${pids[$i]}" 2>/dev/null && wait "${pids[$i]}" 2>/dev/null || true; pids[$i]=""; done; }
cleanup() { stop_servers; scripts/pg-cluster.sh stop; }
trap cleanup EXIT
start_server() { # index
  "$BIN" serve --db "$DB" --port "${PORTS[$1]}" >>"$OUT/serve$1.log" 2>&1 &
  pids[$1]=$!
  for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:${PORTS[$1]}/" && return 0; sleep 0.1; done
  echo "server $1 did not start; see $OUT/serve$1.log" >&2; exit 1
}
sql() { psql -qtA -h "$SOCK" -U fabrique -d "$NAME" -c "$1"; }
field() { grep "^$1 " "$2" | awk '{print $2}'; }

. scripts/load-fixture.sh
prepare() {
  NAME="load_$RANDOM$RANDOM"
  psql -q -h "$SOCK" -U fabrique -d postgres -c "CREATE DATABASE $NAME"
  DB="postgres://fabrique@/$NAME?host=$SOCK"
  rm -f "$OUT"/serve*.log
  invite_and_body "$CONTACTS"
}

run_wrk() { # server index, seconds, output file: 32 connections, the same links on both servers
  wrk -t1 -c32 -d"$2"s --timeout 10s -s scripts/load-submit.lua "http://127.0.0.1:${PORTS[$1]}" -- "$OUT/tokens.txt" "$OUT/body.txt" 1 >"$3" 2>&1 || true
}

check() { # label, files…
  local acks=0 refused=0
  for f in "${@:2}"; do acks=$((acks + $(field ACKS "$f"))); refused=$((refused + $(field REFUSED "$f"))); done
  local stored used distinct
  stored=$(sql "SELECT count(*) FROM responses_coordination")
  used=$(sql "SELECT count(*) FROM invitation WHERE submitted_at IS NOT NULL")
  distinct=$(sql "SELECT count(DISTINCT response_id) FROM invitation WHERE submitted_at IS NOT NULL")
  echo "acknowledged: $acks   refused (link used on the other server): $refused   stored: $stored   links used: $used"
  # Requests in flight when wrk stops or a server dies (at most one per connection) may commit unacknowledged.
  if [ "$stored" -ge "$acks" ] && [ "$stored" -le $((acks + 64)) ] && [ "$stored" = "$used" ] && [ "$used" = "$distinct" ]; then
    echo "check ($1): every acknowledged submission stored, one response per link  OK ($((stored - acks)) unacknowledged)"
  else
    echo "check ($1): FAILED"; FAILED=1
  fi
}
FAILED=0

echo "== 1. two servers, one database: 2 x 32 connections, ${DURATION}s, the same links on both"
prepare
start_server 0; start_server 1
run_wrk 0 "$DURATION" "$OUT/submit0.txt" & w0=$!
run_wrk 1 "$DURATION" "$OUT/submit1.txt" & w1=$!
wait $w0 $w1
stop_servers
check "two servers" "$OUT/submit0.txt" "$OUT/submit1.txt"
RATE=$(python3 -c "print(round(($(field ACKS "$OUT/submit0.txt") + $(field ACKS "$OUT/submit1.txt")) / $(field SECONDS "$OUT/submit0.txt")))")
echo "durable submissions/s (both servers): $RATE   p99: $(field P99_MS "$OUT/submit0.txt") ms and $(field P99_MS "$OUT/submit1.txt") ms"

echo "== 2. a session opened on one server works on the other"
start_server 0; start_server 1
printf 'mot-de-passe-de-charge\n' | "$BIN" user add --db "$DB" charge --role staff >/dev/null
jar="$OUT/cookies.txt"; rm -f "$jar"
login=$(curl -s -c "$jar" "http://127.0.0.1:${PORTS[0]}/connexion")
csrf=$(printf '%s' "$login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$csrf" -d "name=charge&password=mot-de-passe-de-charge" "http://127.0.0.1:${PORTS[0]}/connexion"
status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORTS[1]}/gestion/enquetes/coordination")
if [ "$status" = "200" ]; then echo "check: logged in on :${PORTS[0]}, survey dashboard on :${PORTS[1]} answers 200  OK"; else echo "check: the survey dashboard on the other server answered $status  FAILED"; FAILED=1; fi
stop_servers

echo "== 3. kill -9 of one server in the middle, then restart"
prepare
start_server 0; start_server 1
run_wrk 0 "$DURATION" "$OUT/crash0.txt" & w0=$!
run_wrk 1 "$DURATION" "$OUT/crash1.txt" & w1=$!
sleep $((DURATION / 3))
kill -9 "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true; pids[0]=""
echo "server :${PORTS[0]} killed (SIGKILL) at $((DURATION / 3))s; restarting"
start_server 0
wait $w0 $w1
stop_servers
check "kill -9" "$OUT/crash0.txt" "$OUT/crash1.txt"

echo "== 4. reference: pgbench single-row durable inserts, 64 clients, 10s, same cluster"
sql "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, v text)"
echo "INSERT INTO bench_insert (v) VALUES (repeat('x', 400));" > "$OUT/insert.sql"
pgbench -n -h "$SOCK" -U fabrique -c 64 -j 2 -T 10 -f "$OUT/insert.sql" "$NAME" 2>/dev/null | grep -E "^tps|latency average" | sed 's/^/  /'
exit $FAILED
