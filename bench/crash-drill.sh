#!/usr/bin/env bash
# The crash drill (issue 16): citizens send requests with a document while the app process is killed with SIGKILL
# every few seconds and started again — and, on PostgreSQL, the database server itself is crashed (pg_ctl -m
# immediate) and restarted once mid-run. Afterwards every tracking code a citizen was shown must be in the database
# exactly once with its document, intact; the script prints acknowledged / found / missing / duplicated / damaged
# and exits non-zero unless missing, duplicated and damaged are all 0. On demand, not part of ./test.sh.
#
#   bench/crash-drill.sh [sqlite|postgres]      default: sqlite
#
# Settings (environment): DRILL_SECONDS (60), DRILL_USERS (4), DRILL_KILL_EVERY (4 s between kills),
# DRILL_APP_PORT (58190), DRILL_PG_PORT (55482), BENCH_NO_BUILD=1 (reuse artifacts/bench/ from the last build),
# DRILL_APP_DIR (run the app from this folder instead of the published one, e.g. src/HajDesk.Web/bin/Release/net10.0).
# Durable like production: PostgreSQL with fsync and synchronous_commit on; SQLite in WAL with synchronous=FULL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

database="${1:-sqlite}"
[[ "$database" == sqlite || "$database" == postgres ]] || { echo "usage: bench/crash-drill.sh [sqlite|postgres]" >&2; exit 2; }
seconds="${DRILL_SECONDS:-60}"
users="${DRILL_USERS:-4}"
kill_every="${DRILL_KILL_EVERY:-4}"
app_port="${DRILL_APP_PORT:-58190}"
pg_port="${DRILL_PG_PORT:-55482}"
test_code=24680
out="$root/artifacts/bench"

say() { echo "crash-drill: $*" >&2; }
die() { say "$*"; exit 1; }
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
! port_busy "$app_port" || die "port $app_port is in use (set DRILL_APP_PORT)"

work="$(mktemp -d /tmp/hajdesk-crash-drill.XXXXXX)"
chmod 755 "$work"
app_pid="" load_pid="" pg_data=""
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
cleanup() {
  [[ -n "$load_pid" ]] && kill "$load_pid" 2>/dev/null
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  if [[ -n "$pg_data" ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

app_dir="${DRILL_APP_DIR:-$out/app}"
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  say "building the app (Release, published) and the load generator…"
  if [[ -z "${DRILL_APP_DIR:-}" ]]; then
    dotnet publish src/HajDesk.Web -c Release -o "$out/app" -v quiet -nologo >"$work/build.log" 2>&1 ||
      { cat "$work/build.log" >&2; die "publishing the app failed"; }
  fi
  dotnet publish bench/HajDesk.Bench.Journeys -c Release -o "$out/tool" -v quiet -nologo >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; die "building the generator failed"; }
fi

# Every citizen comes from 127.0.0.1 and the demo people are reused: the limits are raised, nothing else changes.
app_settings=(--urls "http://127.0.0.1:$app_port" "--Captcha:TestCode=$test_code" "--MobileVerification:Enabled=false" "--OpenRequestNotice:Enabled=false"
  --RateLimits:FormPostsPerMinute=1000000 --RateLimits:CaptchaPerMinute=1000000
  --RateLimits:RegistryByClient=1000000 --RateLimits:RegistryByNationalCode=1000000
  --RateLimits:SendFormsByClient=1000000 --Notifications:DispatcherEnabled=true)

if [[ "$database" == postgres ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || die "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"
  ! port_busy "$pg_port" || die "port $pg_port is in use (set DRILL_PG_PORT)"
  mkdir "$work/pg" && chown postgres: "$work/pg"
  pg_password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$pg_password" >"$work/pg/password" && chown postgres: "$work/pg/password"
  as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A scram-sha-256 --pwfile="$work/pg/password" \
    -E UTF8 --locale=C.UTF-8 >"$work/pg/initdb.log" 2>&1 || { cat "$work/pg/initdb.log" >&2; die "initdb failed"; }
  pg_data="$work/pg/data"
  pg_options="-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$work/pg -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
  pg_start() { as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -o "$pg_options" start >/dev/null; }
  pg_start || { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
  export PGPASSWORD="$pg_password"
  sql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d hajdesk -v ON_ERROR_STOP=1 -qtAX -F $'\t' -c "$1"; }
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE hajdesk"
  export Database__Provider=Postgres
  export Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Database=hajdesk;Username=postgres;Password=$pg_password"
  (cd "$app_dir" && ASPNETCORE_ENVIRONMENT=Testing dotnet HajDesk.Web.dll migrate >"$work/migrate.log" 2>&1) ||
    { cat "$work/migrate.log" >&2; die "migrating failed"; }
else
  export Database__Provider=Sqlite
  export Database__ConnectionString="Data Source=$work/hajdesk.db"
  sql() { sqlite3 -separator $'\t' "$work/hajdesk.db" "$1"; }
fi

start_app() {
  (cd "$app_dir" && ASPNETCORE_ENVIRONMENT=Testing exec dotnet HajDesk.Web.dll "${app_settings[@]}") >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do
    # Ready, and the send form warmed up (JIT, first queries), so the next kill comes after real work.
    curl -fs -o /dev/null "http://127.0.0.1:$app_port/health/ready" &&
      curl -fs -o /dev/null "http://127.0.0.1:$app_port/requests/send" && return 0
    kill -0 "$app_pid" 2>/dev/null || { tail -50 "$work/app.log" >&2; die "the app exited at start-up"; }
    sleep 0.25
  done
  die "the app did not start within a minute"
}

say "starting the app ($database) on 127.0.0.1:$app_port…"
start_app

say "$users citizens send requests with a document for $seconds s; SIGKILL every $kill_every s…"
dotnet "$out/tool/HajDesk.Bench.Journeys.dll" crash-drill --app "http://127.0.0.1:$app_port" \
  --people src/HajDesk.Web/CivilRegistry/demo-people.csv --code "$test_code" --users "$users" --seconds "$seconds" \
  --acknowledged "$work/acknowledged.tsv" >"$work/load.txt" 2>&1 &
load_pid=$!

kills=0 pg_restarted=0 started=$SECONDS
while kill -0 "$load_pid" 2>/dev/null; do
  sleep "$kill_every"
  kill -0 "$load_pid" 2>/dev/null || break
  if [[ "$database" == postgres && "$pg_restarted" == 0 && $((SECONDS - started)) -ge $((seconds / 2)) ]]; then
    say "crashing PostgreSQL (pg_ctl -m immediate), down for 5 s…"
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null
    sleep 5
    pg_start || die "PostgreSQL did not come back"
    pg_restarted=1
    continue
  fi
  kill -KILL "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  kills=$((kills + 1))
  start_app
done
wait "$load_pid" || die "the load generator failed: $(cat "$work/load.txt")"
load_pid=""

# Every acknowledged code: present once, with its text marker, one document whose stored bytes are intact (PostgreSQL:
# their SHA-256 recomputed; SQLite, which has no sha256(): their length) and whose hash is the one the citizen sent.
if [[ "$database" == postgres ]]; then
  intact='encode(sha256(c."Data"), '"'hex'"')'
else
  intact='CASE WHEN length(c."Data") = a."Length" THEN a."Sha256" END'
fi
sql "SELECT r.\"TrackingCode\", r.\"Text\", a.\"Sha256\", $intact
     FROM \"Requests\" r LEFT JOIN \"Attachments\" a ON a.\"RequestId\" = r.\"Id\"
     LEFT JOIN \"AttachmentContents\" c ON c.\"AttachmentId\" = a.\"Id\"" >"$work/stored.tsv"
awk -F'\t' '
  NR == FNR { ack[$1] = $2 "\t" toupper($3); n++; next }
  { rows[$1]++; text[$1] = $2; sha[$1] = toupper($3); data[$1] = toupper($4)
    if (match($2, /drill-[0-9]+-[0-9]+-[0-9]+/)) markers[substr($2, RSTART, RLENGTH)]++ }
  END {
    for (code in ack) {
      split(ack[code], a, "\t")
      if (!(code in rows)) { missing++; continue }
      found++
      if (rows[code] != 1 || index(text[code], a[1]) == 0 || sha[code] != a[2] || data[code] != a[2]) damaged++
    }
    for (m in markers) if (markers[m] > 1) duplicated += markers[m] - 1
    printf "acknowledged %d  found %d  missing %d  duplicated %d  damaged %d\n", n, found, missing, duplicated, damaged
    exit (n == 0 || missing + duplicated + damaged > 0)
  }' "$work/acknowledged.tsv" "$work/stored.tsv" >"$work/summary.txt" && ok=1 || ok=0

echo "## bench/crash-drill.sh $database — $(date -u +%Y-%m-%dT%H:%MZ), $seconds s, $users citizens"
pg_note=""
[[ "$database" == postgres ]] && pg_note="; PostgreSQL crashed (immediate stop) and restarted $pg_restarted time"
echo "App killed with SIGKILL $kills times$pg_note."
echo "Outcomes of the citizens' attempts:"
cat "$work/load.txt"
echo "Requests in the database: $(sql 'SELECT count(*) FROM "Requests"')"
cat "$work/summary.txt"
((ok == 1)) || die "no request was acknowledged, or acknowledged ones are missing, duplicated or damaged"
