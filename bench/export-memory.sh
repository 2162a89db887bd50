#!/usr/bin/env bash
# Measures how much memory exporting 200,000 requests adds to the app (issue 13: "exporting 200,000 rows adds less
# than 100 MB of memory"). Uses the million-request PostgreSQL database of bench/inbox-benchmark.sh (seeded the same
# way, with bench/seed-requests.sql, or reused when it is already there), starts the app on 127.0.0.1, signs in as an
# administrator and downloads the inbox's list from the day that leaves the newest 200,000 requests, as XLSX and as
# CSV. Before each download the kernel's peak-RSS mark is reset (/proc/PID/clear_refs); afterwards the script prints
# the peak resident memory during the download minus the resident memory before it, and the rows and bytes received.
#
#   bench/export-memory.sh [count] [rows]     defaults: 1000000 requests in the database, 200000 exported
#   BENCH_REUSE=1 bench/export-memory.sh      reuse the database seeded by a previous run (of this or the inbox bench)
# Run it on an otherwise idle machine, as root (clear_refs needs to own the process; the app runs as this user).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-1000000}"
rows="${2:-200000}"
port="${BENCH_PORT:-5098}"

scripts/test-postgres.sh start >/dev/null
eval "$(scripts/test-postgres.sh env)"
pgpass="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$HAJDESK_TEST_POSTGRES")"
pgport="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$HAJDESK_TEST_POSTGRES")"
psql_() { PGPASSWORD="$pgpass" psql -h 127.0.0.1 -p "$pgport" -U hajdesk_test -v ON_ERROR_STOP=1 -qtA "$@"; }

echo "building…" >&2
dotnet build src/HajDesk.Web -c Release -v quiet -nologo >/dev/null
bin="$root/src/HajDesk.Web/bin/Release/net10.0"
app_() { (cd "$bin" && exec dotnet HajDesk.Web.dll "$@"); }

work="$(mktemp -d)"
app_pid=""
trap 'if [[ -n "$app_pid" ]]; then kill "$app_pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

db="hajdesk_bench_$count"
export ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres
# A benchmark node's key ring holds nothing worth protecting: accepted unencrypted on purpose.
export DataProtection__AllowUnencryptedKeys=true
# Production on PostgreSQL needs the security-code key every node shares; any key will do for one benchmark node.
export Captcha__AnswerKey="${Captcha__AnswerKey:-$(openssl rand -base64 32)}"
export Database__ConnectionString="${HAJDESK_TEST_POSTGRES/Database=postgres/Database=$db}"
# Each measurement is one export; the hourly per-person limit must not get in the way.
export RateLimits__ExportsPerHour=1000
existing="$(psql_ -d "$db" -c 'SELECT count(*) FROM "Requests"' 2>/dev/null || echo 0)"
if [[ "${BENCH_REUSE:-0}" == 1 && "$existing" == "$count" ]]; then
  echo "reusing $db with $count requests" >&2
  app_ migrate >/dev/null
  psql_ -d "$db" -c 'DELETE FROM "AspNetUsers"' >/dev/null
else
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  app_ migrate >/dev/null
  echo "seeding $count requests…" >&2
  psql_ -d "$db" -v count="$count" -f bench/seed-requests.sql
fi

# The Tehran day (as a Jalali date) of the newest $rows-th request: exporting "from" it gives at least $rows rows.
since="$(psql_ -d "$db" -c "SELECT to_char(\"CreatedAt\" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tehran', 'YYYY-MM-DD')
  FROM \"Requests\" ORDER BY \"CreatedAt\" DESC, \"Id\" DESC OFFSET $((rows - 1)) LIMIT 1")"
from="$(python3 - "$since" <<'PY'
import datetime, sys
# Nowruz (1 Farvardin) in the Gregorian calendar, for the years the seeded data spans.
nowruz = {1401: (2022, 3, 21), 1402: (2023, 3, 21), 1403: (2024, 3, 20), 1404: (2025, 3, 21), 1405: (2026, 3, 21),
          1406: (2027, 3, 21), 1407: (2028, 3, 20), 1408: (2029, 3, 20)}
day = datetime.date.fromisoformat(sys.argv[1])
year = max(y for y, g in nowruz.items() if datetime.date(*g) <= day)
n = (day - datetime.date(*nowruz[year])).days
month = 1 + (n // 31 if n < 186 else 6 + (n - 186) // 30)
d = 1 + (n % 31 if n < 186 else (n - 186) % 30)
print(f"{year}/{month:02d}/{d:02d}")
PY
)"

password="Bench-Passw0rd-$RANDOM"
HAJDESK_ADMIN_PASSWORD="$password" app_ create-admin --user bench.admin --name "مدیر آزمون" >/dev/null
# Started directly (not through app_), so that $app_pid is the app itself and killing it stops the app.
(cd "$bin" && exec dotnet HajDesk.Web.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 1; done
# The dotnet host's child is the app: the process whose memory is read.
pid="$(pgrep -P "$app_pid" -f HajDesk.Web.dll || echo "$app_pid")"

jar="$work/cookies"
page="$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/staff/sign-in")"
token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | sed 's/.*value="//;s/"$//')"
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "UserName=bench.admin" --data-urlencode "Password=$password" "http://127.0.0.1:$port/staff/sign-in"

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
peak_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status"; }
url="http://127.0.0.1:$port/staff/inbox?handler=export&from=$from"

# A warm-up export of a few rows: JIT, the XLSX library and the connection pool are loaded before measuring.
curl -s -o /dev/null -b "$jar" "http://127.0.0.1:$port/staff/inbox?handler=export&format=xlsx&status=Referred&to=1402/09/04"

echo "| format | rows | file MB | RSS before MB | peak RSS during MB | added MB | seconds |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for format in xlsx csv; do
  before="$(rss_kb)"
  echo 5 >"/proc/$pid/clear_refs"
  start=$(date +%s.%N)
  curl -s -o "$work/export.$format" -b "$jar" "$url&format=$format"
  seconds="$(echo "$(date +%s.%N) - $start" | bc)"
  peak="$(peak_kb)"
  if [[ $format == csv ]]; then
    got=$(( $(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""))))' "$work/export.csv") - 1 ))
  else
    got=$(( $(unzip -p "$work/export.xlsx" 'xl/worksheets/sheet1.xml' | grep -o '<row' | wc -l) - 1 ))
  fi
  bytes=$(stat -c %s "$work/export.$format")
  awk -v f="$format" -v r="$got" -v b="$bytes" -v s="$before" -v p="$peak" -v t="$seconds" \
    'BEGIN { printf "| %s | %d | %.1f | %.0f | %.0f | %.0f | %.1f |\n", f, r, b / 1048576, s / 1024, p / 1024, (p - s) / 1024, t }'
done
