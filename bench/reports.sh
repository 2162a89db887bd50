#!/usr/bin/env bash
# Times the reports at a million requests on PostgreSQL (issues 13 and 26): every dashboard view (by month,
# province, subject, expert, and a choice field of the seed) over the year 1403 and over all time, as an administrator (every province: the worst
# case) and as a Tehran supervisor, first from the report summary (decision 0006) and then, in the same run, counted
# live without it (BENCH_LIVE=0 skips that), and the public statistics page uncached and from the output cache. Reuses the database that
# bench/inbox-benchmark.sh seeds (run that first, or BENCH_SEED=1 here), adds the report columns with
# bench/reports-seed.sql, and prints a Markdown table of p50/p95 in ms over BENCH_RUNS runs (default 10).
#   bench/reports.sh [count]        default count 1000000
# Run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-1000000}"
runs="${BENCH_RUNS:-10}"
port="${BENCH_PORT:-5098}"
db="hajdesk_bench_$count"

scripts/test-postgres.sh start >/dev/null
eval "$(scripts/test-postgres.sh env)"
pgpass="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$HAJDESK_TEST_POSTGRES")"
pgport="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$HAJDESK_TEST_POSTGRES")"
psql_() { PGPASSWORD="$pgpass" psql -h 127.0.0.1 -p "$pgport" -U hajdesk_test -v ON_ERROR_STOP=1 -qtA "$@"; }

# BENCH_BIN: an already built copy of the app (e.g. while the worktree builds something else); else built here.
if [[ -z "${BENCH_BIN:-}" ]]; then dotnet build src/HajDesk.Web -c Release -v quiet -nologo >/dev/null; fi
bin="${BENCH_BIN:-$root/src/HajDesk.Web/bin/Release/net10.0}"
app_() { (cd "$bin" && exec dotnet HajDesk.Web.dll "$@"); }
export ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres
# A benchmark node's key ring holds nothing worth protecting: accepted unencrypted on purpose.
export DataProtection__AllowUnencryptedKeys=true
# Production on PostgreSQL needs the security-code key every node shares; any key will do for one benchmark node.
export Captcha__AnswerKey="${Captcha__AnswerKey:-$(openssl rand -base64 32)}"
export Database__ConnectionString="${HAJDESK_TEST_POSTGRES/Database=postgres/Database=$db}"

if [[ "${BENCH_SEED:-0}" == 1 || "$(psql_ -d "$db" -c 'SELECT count(*) FROM "Requests"' 2>/dev/null || echo 0)" != "$count" ]]; then
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  app_ migrate >/dev/null
  echo "seeding $count requests…" >&2
  psql_ -d "$db" -v count="$count" -f bench/seed-requests.sql
fi
app_ migrate >/dev/null
psql_ -d "$db" -f bench/reports-seed.sql
psql_ -d "$db" -c 'DELETE FROM "AspNetUsers"' >/dev/null
password="Bench-Passw0rd-$RANDOM"
HAJDESK_ADMIN_PASSWORD="$password" app_ create-admin --user bench.admin --name "مدیر آزمون" >/dev/null
# A Tehran supervisor with the same password; the first answers are spread over it and the administrator.
psql_ -d "$db" >/dev/null <<'SQL'
INSERT INTO "AspNetUsers" ("Id", "DisplayName", "Role", "ProvinceId", "IsDisabled", "CreatedAt", "UserName",
    "NormalizedUserName", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "EmailConfirmed",
    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "Version")
SELECT 'bench-supervisor', 'سرپرست آزمون', 'Supervisor', (SELECT "Id" FROM "Provinces" WHERE "Code" = 'Tehran'), false,
    "CreatedAt", 'bench.supervisor', 'BENCH.SUPERVISOR', "PasswordHash", "SecurityStamp", gen_random_uuid()::text, false,
    false, false, true, 0, 1
FROM "AspNetUsers" WHERE "UserName" = 'bench.admin';
UPDATE "Requests" SET "FirstAnsweredById" = CASE WHEN "Id" % 2 = 0 THEN 'bench-supervisor'
    ELSE (SELECT "Id" FROM "AspNetUsers" WHERE "UserName" = 'bench.admin') END
WHERE "FirstAnsweredAt" IS NOT NULL;
SQL

# The seed wrote behind the app's back: the report summary (decision 0006) is rebuilt from scratch by the app's
# round, which the benchmark waits for.
psql_ -d "$db" -c 'DELETE FROM "ReportSummaryRows"' -c 'DELETE FROM "ReportSummaryMonths"' -c 'DELETE FROM "ReportSummaryChanges"' >/dev/null

start_app() { # [extra environment assignments]
  # Started directly (not through app_), so that $app_pid is the app itself and killing it stops the app.
  (cd "$bin" && exec env "$@" dotnet HajDesk.Web.dll --urls "http://127.0.0.1:$port") >>/tmp/hajdesk-reports-bench.log 2>&1 &
  app_pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 1; done
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; }
wait_for_summary() {
  for _ in $(seq 1 600); do
    grep -q 'Report summary: summarised' /tmp/hajdesk-reports-bench.log && return 0
    sleep 1
  done
  echo "the report summary was not built within 10 minutes; timing anyway" >&2
}
app_pid=""
: >/tmp/hajdesk-reports-bench.log
jar="$(mktemp)"
trap 'if [[ -n "$app_pid" ]]; then kill "$app_pid" 2>/dev/null || true; fi; rm -f "$jar"' EXIT

sign_in() {
  rm -f "$jar"
  local token
  token="$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/staff/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')"
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "UserName=$1" --data-urlencode "Password=$password" "http://127.0.0.1:$port/staff/sign-in"
}
measure() { # label url [runs]
  local times=()
  for _ in $(seq 1 "${3:-$runs}"); do times+=("$(curl -s -o /dev/null -w '%{time_total}' -b "$jar" "$2")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$1" '{ t[NR] = $1 * 1000 } END {
    printf "| %s | %.0f | %.0f |\n", label, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)] }'
}

# The last full Jalali year of the seeded data (1403), and all time; the choice field bench/reports-seed.sql adds,
# over 1403 (no answers yet), over the months it was answered in, and over all time.
year="From=1403/01/01&To=1403/12/30"
field_view="field-$(psql_ -d "$db" -c 'SELECT "Id" FROM "SubjectFields" ORDER BY "Id" LIMIT 1')"
last_year="From=1404/09/01&To=1405/08/30"
views() { # mode
  for who in bench.admin bench.supervisor; do
    sign_in "$who"
    curl -s -o /dev/null -b "$jar" "http://127.0.0.1:$port/staff/reports?$year" # warm-up
    for view in month province subject expert "$field_view"; do
      measure "$1 · $who: by ${view/field-*/choice field}, year 1403" "http://127.0.0.1:$port/staff/reports?$year&View=$view"
    done
    measure "$1 · $who: by choice field, last 12 months" "http://127.0.0.1:$port/staff/reports?$last_year&View=$field_view"
    for view in month province subject expert "$field_view"; do
      measure "$1 · $who: by ${view/field-*/choice field}, all time" "http://127.0.0.1:$port/staff/reports?View=$view" "${ALL_TIME_RUNS:-$runs}"
    done
  done
}

echo "| view ($count requests) | p50 ms | p95 ms |"
echo "| --- | ---: | ---: |"
# With the summary: the app's first round summarises every finished month (logged), then the views are timed.
start_app
wait_for_summary
views summary
stop_app
# The same views counted live (no summary, no round), in the same run: the ratio is what the summary buys.
if [[ "${BENCH_LIVE:-1}" == 1 ]]; then
  psql_ -d "$db" -c 'DELETE FROM "ReportSummaryRows"' -c 'DELETE FROM "ReportSummaryMonths"' >/dev/null
  start_app Reports__SummaryInterval=00:00:00
  ALL_TIME_RUNS=3 views live
  stop_app
fi
rm -f "$jar"
# The first request of the day computes the snapshot (restart: empty cache); the others are served from the cache.
: >/tmp/hajdesk-reports-bench.log
start_app
wait_for_summary
measure "public /statistics, first of the day" "http://127.0.0.1:$port/statistics" 1
measure "public /statistics, cached" "http://127.0.0.1:$port/statistics" 50
