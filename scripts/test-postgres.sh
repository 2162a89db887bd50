#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests, run as the `postgres` OS user on
# 127.0.0.1 (port 55432, or $HAJDESK_TEST_PG_PORT).
#
#   scripts/test-postgres.sh start   create (first time) and start the cluster; reuse it when running
#   scripts/test-postgres.sh stop    stop it (the data stays for the next start)
#   scripts/test-postgres.sh status  say whether it runs
#   scripts/test-postgres.sh env     print `export HAJDESK_TEST_POSTGRES=...` for eval
#   scripts/test-postgres.sh psql    open psql as the test role (extra arguments go to psql)
#   scripts/test-postgres.sh destroy stop it and delete its files
#
# Layout, under .test-data/postgres/ in the repository (or under
# /tmp/hajdesk-test-pg-<port>/ when the `postgres` user cannot traverse the
# repository's directory):
#   data/                 PGDATA (initdb -A scram-sha-256 -E UTF8 --locale=C.UTF-8)
#   socket/               unix socket directory
#   password              password of the login role `hajdesk_test` (CREATEDB)
#   superuser-password    password of the `postgres` superuser role
#   server.log            server log
# Tests connect as hajdesk_test to the `postgres` database and create and drop
# their own databases. The cluster runs with fsync off: its data is disposable.
set -euo pipefail

ROLE=hajdesk_test
PORT="${HAJDESK_TEST_PG_PORT:-55432}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "test-postgres: $*" >&2; exit 1; }
say() { echo "test-postgres: $*" >&2; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "HAJDESK_TEST_PG_PORT must be a number, got '$PORT'"

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [[ -n "$dir" && -x "$dir/initdb" ]] ||
    die "no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)"
  echo "$dir"
}

as_postgres() { # run a command as the postgres OS user, from a directory it can read
  (cd / && runuser -u postgres -- "$@")
}

base_dir() {
  id postgres >/dev/null 2>&1 || die "there is no 'postgres' OS user (apt-get install postgresql)"
  local local_base="$ROOT/.test-data/postgres"
  # The postgres user must reach the directory, and a unix socket path must
  # stay under ~107 bytes.
  if as_postgres test -x "$ROOT" && ((${#local_base} + 24 <= 100)); then
    echo "$local_base"
  else
    echo "/tmp/hajdesk-test-pg-$PORT"
  fi
}

BASE="$(base_dir)"
DATA="$BASE/data"
SOCK="$BASE/socket"
PWFILE="$BASE/password"
SUPW="$BASE/superuser-password"
LOG="$BASE/server.log"

is_running() {
  [[ -f "$DATA/PG_VERSION" ]] && as_postgres "$(pg_bin)/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

running_port() { # the 4th line of postmaster.pid is the port
  sed -n 4p "$DATA/postmaster.pid" 2>/dev/null || true
}

new_password() { # 32 hex digits; safe in SQL literals and connection strings
  head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

init_cluster() {
  local bin="$1" major
  major="$(basename "$(dirname "$bin")")"
  if [[ -f "$DATA/PG_VERSION" && -s "$SUPW" && "$(cat "$DATA/PG_VERSION")" == "$major" ]]; then
    # Fix ownership if the postgres uid changed (e.g. a directory carried over).
    if [[ "$(stat -c %U "$DATA")" != postgres ]]; then
      chown -R postgres:postgres "$BASE"
    fi
    return
  fi
  if [[ -e "$DATA" ]]; then
    say "discarding unusable cluster in $DATA"
    as_postgres "$bin/pg_ctl" -D "$DATA" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$DATA"
  fi
  say "creating cluster in $DATA (PostgreSQL $major)"
  mkdir -p "$BASE"
  [[ "$BASE" == "$ROOT/.test-data/postgres" ]] && chmod 0755 "$ROOT/.test-data"
  chown postgres:postgres "$BASE"
  chmod 0700 "$BASE"
  new_password >"$SUPW"
  chown postgres:postgres "$SUPW"
  chmod 0600 "$SUPW"
  rm -f "$PWFILE"
  as_postgres "$bin/initdb" -D "$DATA" -A scram-sha-256 -U postgres --pwfile="$SUPW" \
    -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 ||
    { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
  cat >>"$DATA/postgresql.conf" <<'CONF'

# --- HajDesk test cluster: disposable data, favour speed over durability ---
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
}

start() {
  local bin
  bin="$(pg_bin)"
  if is_running; then
    if [[ "$(running_port)" == "$PORT" ]]; then
      say "reusing the cluster already running on port $PORT ($DATA)"
      ensure_role "$bin"
      return
    fi
    say "cluster runs on port $(running_port), restarting it on $PORT"
    as_postgres "$bin/pg_ctl" -D "$DATA" stop -m fast -w >/dev/null
  fi
  init_cluster "$bin"
  mkdir -p "$SOCK"
  chown postgres:postgres "$SOCK"
  chmod 0755 "$SOCK"
  if ! as_postgres "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories='$SOCK'" \
    start >/dev/null; then
    tail -n 20 "$LOG" >&2 || true
    die "could not start PostgreSQL on 127.0.0.1:$PORT (port in use? set HAJDESK_TEST_PG_PORT)"
  fi
  say "started on 127.0.0.1:$PORT ($DATA)"
  ensure_role "$bin"
}

ensure_role() {
  local bin="$1"
  if [[ ! -s "$PWFILE" ]]; then
    new_password >"$PWFILE"
    chmod 0600 "$PWFILE"
  fi
  PGPASSWORD="$(cat "$SUPW")" "$bin/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$SOCK" -p "$PORT" -U postgres -d postgres -v pw="$(cat "$PWFILE")" >/dev/null <<SQL
SELECT format('CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD %L', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
SELECT format('ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD %L', :'pw') \gexec
SET client_min_messages = warning;
-- Tests drop their databases WITH (FORCE); an autovacuum worker still in one is not the role's own process, and
-- terminating it needs this (without it the drop fails now and then with 42501 on a busy machine).
GRANT pg_signal_backend TO $ROLE;
SQL
}

connection_string() {
  [[ -s "$PWFILE" ]] || die "no password in $PWFILE; run '$0 start' first"
  echo "Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$(cat "$PWFILE");Database=postgres"
}

stop() {
  if is_running; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$DATA" stop -m fast -w >/dev/null
    say "stopped ($DATA)"
  else
    say "not running ($DATA)"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if is_running; then echo "running on 127.0.0.1:$(running_port) ($DATA)"; else
      echo "not running ($DATA)"
      exit 3
    fi
    ;;
  env) echo "export HAJDESK_TEST_POSTGRES='$(connection_string)'" ;;
  psql)
    shift
    PGPASSWORD="$(cat "$PWFILE")" exec "$(pg_bin)/psql" -X -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d postgres "$@"
    ;;
  destroy)
    stop
    rm -rf "$BASE"
    say "deleted $BASE"
    ;;
  *)
    echo "usage: $0 start|stop|status|env|psql|destroy" >&2
    exit 2
    ;;
esac
