#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests and benchmarks, in .build/pg/ (Debian's postgresql).
#
#   scripts/pg-cluster.sh start   initdb (once) and start it: Unix socket only, no TCP port
#   scripts/pg-cluster.sh stop    stop it and remove the folder
#   scripts/pg-cluster.sh env     print FABRIQUE_TEST_PG and PGPASSWORD lines to export
#   scripts/pg-cluster.sh run CMD run CMD with those variables set, between a start and a stop
#
# PG_ROOT (default .build/pg) puts the cluster elsewhere, for two runs side by side.
#
# The cluster listens on a socket in .build/pg/sock and nowhere else; its superuser `fabrique` has a
# random password (scram-sha-256), so the tests go through a real authentication. PostgreSQL refuses
# to run as root: when run as root, the server runs as the `postgres` account the package created.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
ROOT="${PG_ROOT:-$PWD/.build/pg}"
DATA="$ROOT/data"
SOCK="$ROOT/sock"
PORT=5432

as_server() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgres://fabrique@localhost/fabrique_test?host=$SOCK"; }

start() {
    [ -x "$BIN/initdb" ] || { echo "PostgreSQL 15 is missing: run 'make deps'" >&2; exit 1; }
    if [ -f "$DATA/postmaster.pid" ] && as_server "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then return 0; fi
    rm -rf "$ROOT"
    mkdir -p "$DATA" "$SOCK"
    head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$ROOT/password"
    if [ "$(id -u)" = "0" ]; then
        chown -R postgres: "$ROOT"
        chmod 700 "$ROOT"
        # The server's account must reach the folder: open the path above it for traversal only.
        dir="$ROOT"
        while dir=$(dirname "$dir"); [ "$dir" != "/" ]; do chmod o+x "$dir"; done
    fi
    as_server "$BIN/initdb" -D "$DATA" -U fabrique --pwfile="$ROOT/password" --auth=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$ROOT/initdb.log" 2>&1 || { cat "$ROOT/initdb.log" >&2; exit 1; }
    as_server "$BIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 30 start \
        -o "-c listen_addresses='' -c unix_socket_directories='$SOCK' -p $PORT -c max_connections=200 -c fsync=on" \
        >/dev/null || { cat "$ROOT/server.log" >&2; exit 1; }
    PGPASSWORD=$(cat "$ROOT/password") "$BIN/psql" -q -h "$SOCK" -p $PORT -U fabrique -d postgres \
        -c "CREATE DATABASE fabrique_test" >/dev/null
}

stop() {
    if [ -f "$DATA/postmaster.pid" ]; then as_server "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$ROOT"
}

case "${1:-}" in
start) start; echo "PostgreSQL 15 cluster up on $SOCK" ;;
stop) stop ;;
env)
    echo "export FABRIQUE_TEST_PG='$(url)'"
    echo "export PGPASSWORD='$(cat "$ROOT/password")'"
    ;;
run)
    shift
    start
    trap stop EXIT
    FABRIQUE_TEST_PG=$(url) PGPASSWORD=$(cat "$ROOT/password") "$@"
    ;;
*) echo "usage: $0 start|stop|env|run CMD..." >&2; exit 2 ;;
esac
