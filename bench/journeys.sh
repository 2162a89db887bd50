#!/usr/bin/env bash
# The citizen-journey load benchmark (issue "Citizen journeys at a tenth of today's CPU").
#
#   bench/journeys.sh [sqlite|postgres]      default: sqlite
#
# Builds the app (Release, published) and the load generator (bench/HajDesk.Bench.Journeys), then, on 127.0.0.1:
#   1. starts the app in the Testing environment on a fresh database of its own, with the test security code and the
#      per-IP and per-national-code rate limits raised (command-line settings, printed below);
#      for postgres a temporary cluster of its own (initdb under a temporary folder, fsync and synchronous_commit
#      on: durable like production, unlike the test cluster);
#   2. starts a bare Kestrel app (the generator's `bare` role) returning a small HTML page;
#   3. measures the durable single-row commit rate of the same database: SQLite in WAL with synchronous=FULL, one
#      writer, a file beside the app's; PostgreSQL with pgbench at the same concurrency, a one-row INSERT script;
#   4. drives, with the same generator and concurrency, in a closed loop with a warm-up and then a fixed window
#      each: the bare page, the home page, the send journey (GET form → POST with antiforgery token → redirect →
#      receipt with its tracking code), the same send journey with the open-request check of issue 24 asked (the
#      database closes every request as it is stored — a trigger the script adds — so the twelve demo people never
#      have an open request and the check reads all of their earlier ones and finds none: its costliest way through;
#      the plain send journey posts «send anyway» and skips the check) and the follow-up journey (GET form → POST national code + tracking code of a
#      request sent in step 4 → redirect → result);
#   5. prints per phase journeys/s, p50/p95/p99, errors, the app's CPU ms per journey (utime+stime from /proc),
#      resident memory, and the issue's target ratios beside their targets. Exits non-zero on any error.
# Everything it started is stopped on exit, Ctrl-C included. Run it on an otherwise idle machine.
#
# Settings (environment): BENCH_USERS (8), BENCH_SECONDS (20, per phase), BENCH_WARMUP (60: on two cores
# the runtime's tiered compilation still took a quarter of the app's CPU 40 s into a run; see docs/performance.md), BENCH_PHASES
# (bare,home,send,send-checked,follow), BENCH_APP_PORT (5181), BENCH_BARE_PORT (5182), BENCH_PG_PORT (55456),
# BENCH_TRACE=FILE.nettrace (profile the send phase with dotnet-trace: runs only that phase, whose numbers are then
# skewed by the profiler), BENCH_NO_BUILD=1 (reuse the last build in artifacts/bench/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

database="${1:-sqlite}"
[[ "$database" == sqlite || "$database" == postgres ]] || { echo "usage: bench/journeys.sh [sqlite|postgres]" >&2; exit 2; }
users="${BENCH_USERS:-8}"
seconds="${BENCH_SECONDS:-20}"
warmup="${BENCH_WARMUP:-60}"
phases="${BENCH_PHASES:-bare,home,send,send-checked,follow}"
app_port="${BENCH_APP_PORT:-5181}"
bare_port="${BENCH_BARE_PORT:-5182}"
pg_port="${BENCH_PG_PORT:-55456}"
trace="${BENCH_TRACE:-}"
[[ -n "$trace" ]] && phases=send
test_code=24680
out="$root/artifacts/bench"

say() { echo "journeys: $*" >&2; }
die() { say "$*"; exit 1; }
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
for port in "$app_port" "$bare_port"; do
  ! port_busy "$port" || die "port $port is in use (set BENCH_APP_PORT / BENCH_BARE_PORT)"
done

work="$(mktemp -d /tmp/hajdesk-journeys.XXXXXX)"
chmod 755 "$work"
app_pid="" bare_pid="" trace_pid="" pg_data=""
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
cleanup() {
  local pid
  for pid in "$trace_pid" "$app_pid" "$bare_pid"; do
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  if [[ -n "$pg_data" ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  say "building the app (Release, published) and the generator…"
  dotnet publish src/HajDesk.Web -c Release -o "$out/app" -v quiet -nologo >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; die "publishing the app failed"; }
  dotnet publish bench/HajDesk.Bench.Journeys -c Release -o "$out/tool" -v quiet -nologo >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; die "building the generator failed"; }
fi
tool() { dotnet "$out/tool/HajDesk.Bench.Journeys.dll" "$@"; }

# The app's settings for the run. Rate limits are raised because every simulated citizen comes from 127.0.0.1 and
# the twelve demo people are reused thousands of times; nothing else differs from a normal Testing run. One million
# is the largest value the app accepts.
limits=(--RateLimits:FormPostsPerMinute=1000000 --RateLimits:CaptchaPerMinute=1000000
  --RateLimits:RegistryByClient=1000000 --RateLimits:RegistryByNationalCode=1000000
  --RateLimits:TrackByClient=1000000 --RateLimits:TrackByNationalCode=1000000)
app_settings=(--urls "http://127.0.0.1:$app_port" "--Captcha:TestCode=$test_code" "--MobileVerification:Enabled=false" "${limits[@]}")

if [[ "$database" == postgres ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  [[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || die "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"
  id postgres >/dev/null 2>&1 || die "there is no 'postgres' OS user (apt-get install postgresql)"
  ! port_busy "$pg_port" || die "port $pg_port is in use (set BENCH_PG_PORT)"
  mkdir "$work/pg"
  chown postgres: "$work/pg"
  pg_password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$pg_password" >"$work/pg/password"
  chown postgres: "$work/pg/password"
  say "creating a durable PostgreSQL cluster on 127.0.0.1:$pg_port (fsync and synchronous_commit on)…"
  as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A scram-sha-256 --pwfile="$work/pg/password" \
    -E UTF8 --locale=C.UTF-8 >"$work/pg/initdb.log" 2>&1 || { cat "$work/pg/initdb.log" >&2; die "initdb failed"; }
  pg_data="$work/pg/data"
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $pg_port \
    -c unix_socket_directories=$work/pg -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200" \
    start >/dev/null || { cat "$work/pg/server.log" >&2; die "PostgreSQL did not start"; }
  export PGPASSWORD="$pg_password"
  psql_() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  psql_ -d postgres -c "CREATE DATABASE hajdesk" -c "CREATE DATABASE commits"
  psql_ -d commits -c "CREATE TABLE bench_commits (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), note text NOT NULL)"
  export Database__Provider=Postgres
  export Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Database=hajdesk;Username=postgres;Password=$pg_password"
  (cd "$out/app" && ASPNETCORE_ENVIRONMENT=Testing dotnet HajDesk.Web.dll migrate >"$work/migrate.log" 2>&1) ||
    { cat "$work/migrate.log" >&2; die "migrating the benchmark database failed"; }
else
  export Database__Provider=Sqlite
  export Database__ConnectionString="Data Source=$work/hajdesk.db"
fi

say "starting the app ($database) on 127.0.0.1:$app_port and the bare Kestrel page on 127.0.0.1:$bare_port…"
(cd "$out/app" && ASPNETCORE_ENVIRONMENT=Testing exec dotnet HajDesk.Web.dll "${app_settings[@]}") >"$work/app.log" 2>&1 &
app_pid=$!
(ASPNETCORE_ENVIRONMENT=Production exec dotnet "$out/tool/HajDesk.Bench.Journeys.dll" bare --urls "http://127.0.0.1:$bare_port") \
  >"$work/bare.log" 2>&1 &
bare_pid=$!
wait_up() { # url pid log
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; die "$1 exited at start-up"; }
    sleep 0.5
  done
  cat "$3" >&2
  die "$1 did not answer within a minute"
}
wait_up "http://127.0.0.1:$app_port/health" "$app_pid" "$work/app.log"
wait_up "http://127.0.0.1:$bare_port/" "$bare_pid" "$work/bare.log"

# Every request is closed as it is stored, so that no demo person ever has an open request: the send journeys end at
# the receipt whether or not they ask the open-request check, and the check's cost is measured where it reads most.
if [[ "$database" == postgres ]]; then
  psql_ -d hajdesk -c 'CREATE FUNCTION bench_close() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."Status" := '"'Closed'"'; RETURN NEW; END $$' \
    -c 'CREATE TRIGGER bench_close_at_once BEFORE INSERT ON "Requests" FOR EACH ROW EXECUTE FUNCTION bench_close()'
else
  tool sqlite-exec --file "$work/hajdesk.db" --sql \
    "CREATE TRIGGER bench_close_at_once AFTER INSERT ON Requests BEGIN UPDATE Requests SET Status = 'Closed' WHERE Id = NEW.Id; END;"
fi

say "measuring the durable single-row commit rate ($seconds s)…"
if [[ "$database" == postgres ]]; then
  echo "INSERT INTO bench_commits (note) VALUES ('bench');" >"$work/insert.sql"
  commit_rate="$("$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -c "$users" -j 2 -T "$seconds" \
    -f "$work/insert.sql" commits 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p')"
  commit_label="PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), fsync and synchronous_commit on, pgbench $users clients"
else
  commit_rate="$(tool sqlite-commits --file "$work/commits.db" --seconds "$seconds")"
  commit_label="SQLite WAL, synchronous=FULL, one writer"
fi
[[ -n "$commit_rate" ]] || die "the commit-rate measurement printed nothing"

if [[ -n "$trace" ]]; then
  command -v dotnet-trace >/dev/null || PATH="$PATH:$HOME/.dotnet/tools"
  command -v dotnet-trace >/dev/null || die "dotnet-trace is not installed (dotnet tool install -g dotnet-trace)"
  (sleep "$warmup" && exec dotnet-trace collect -p "$app_pid" -o "$trace" \
    --duration "$(printf '00:00:%02d' "$seconds")") >"$work/trace.log" 2>&1 &
  trace_pid=$!
fi

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
{
  echo "## bench/journeys.sh $database — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM; load average at start $(cut -d' ' -f1-3 /proc/loadavg); .NET $(dotnet --version)."
  echo "App: published Release build, Testing environment, Captcha:TestCode, 127.0.0.1, a fresh $database database."
  echo "Raised for the run (command-line settings): ${limits[*]}."
  echo
} | tee "$work/report.md"
set +e
tool load --app "http://127.0.0.1:$app_port" --app-pid "$app_pid" --bare "http://127.0.0.1:$bare_port" --bare-pid "$bare_pid" \
  --people src/HajDesk.Web/CivilRegistry/demo-people.csv --code "$test_code" --users "$users" --seconds "$seconds" \
  --warmup "$warmup" --phases "$phases" --clk-tck "$(getconf CLK_TCK)" --database "$database" \
  --commit-rate "$commit_rate" --commit-label "$commit_label" | tee -a "$work/report.md"
status=${PIPESTATUS[0]}
set -e
mkdir -p "$out"
cp "$work/report.md" "$out/journeys-$database-$(date -u +%Y%m%dT%H%M%SZ).md"
if [[ -n "$trace" ]]; then
  wait "$trace_pid" || true
  trace_pid=""
  say "trace written to $trace"
fi
if grep -q ' fail\| error\|Exception' "$work/app.log"; then
  say "the app logged errors:"
  grep -m 20 ' fail\| error\|Exception' "$work/app.log" >&2
fi
exit "$status"
