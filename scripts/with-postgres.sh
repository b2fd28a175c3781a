#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 on 127.0.0.1 (free port, temporary data directory), exports
# SHAMAY_TEST_DATABASE_URL, runs the given command, and always stops and removes the server.
# Usage: scripts/with-postgres.sh npm test
set -euo pipefail
# runuser lives in sbin, which a minimal PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "with-postgres: installing PostgreSQL 15 server binaries (apt)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PGDATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/shamay-pg.XXXXXX")"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA_DIR"
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop_pg() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_DIR"
}
trap stop_pg EXIT

as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -o \
  "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDATA_DIR -c max_connections=200 -c fsync=off" start >/dev/null
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"

export SHAMAY_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
"$@"
