#!/usr/bin/env bash
# Measures the wave tools on PostgreSQL at a million requests (issue "The Hajj season comes in waves"): one answer
# to an incident of 500 open requests (target ≤ 10 s, 500 outbox rows), a bulk assignment of 500 inbox rows
# (≤ 5 s), and the incident page of an incident of 5,000 requests (≤ 300 ms at p95). Each is also given as a ratio
# to what the same app takes, in the same run, for one request's own action (one answer, one assignment, one
# request page): the machine is shared, so the ratio is the figure that travels.
#
#   bench/bulk-benchmark.sh [count]            default count: 1000000
#   BENCH_REUSE=1 bench/bulk-benchmark.sh      reuse the database seeded by a previous run of this or the inbox benchmark
# Run it on an otherwise idle machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-1000000}"
runs="${BENCH_RUNS:-20}"
port="${BENCH_PORT:-5098}"

scripts/test-postgres.sh start >/dev/null
eval "$(scripts/test-postgres.sh env)"
pgpass="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$HAJDESK_TEST_POSTGRES")"
pgport="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$HAJDESK_TEST_POSTGRES")"
db="hajdesk_bench_$count"
psql_() { PGPASSWORD="$pgpass" psql -h 127.0.0.1 -p "$pgport" -U hajdesk_test -d "$db" -v ON_ERROR_STOP=1 -qtA "$@"; }

echo "building…" >&2
dotnet build src/HajDesk.Web -c Release -v quiet -nologo >/dev/null
bin="$root/src/HajDesk.Web/bin/Release/net10.0"
app_() { (cd "$bin" && exec dotnet HajDesk.Web.dll "$@"); }
export ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres
export Database__ConnectionString="${HAJDESK_TEST_POSTGRES/Database=postgres/Database=$db}"
# A benchmark node's key ring holds nothing worth protecting: accepted unencrypted on purpose.
export DataProtection__AllowUnencryptedKeys=true
export Captcha__AnswerKey="${Captcha__AnswerKey:-$(openssl rand -base64 32)}"
# The outbox is filled, not sent: the figure is the staff member's wait, not the SMS operator's.
export Notifications__DispatcherEnabled=false

work="$(mktemp -d)"
app_pid=""
trap 'kill $app_pid 2>/dev/null || true; rm -rf "$work"' EXIT

existing="$(psql_ -c 'SELECT count(*) FROM "Requests"' 2>/dev/null || echo 0)"
if [[ "${BENCH_REUSE:-0}" == 1 && "$existing" -ge "$count" ]]; then
  echo "reusing $db ($existing requests)" >&2
  app_ migrate >/dev/null
else
  PGPASSWORD="$pgpass" psql -h 127.0.0.1 -p "$pgport" -U hajdesk_test -d postgres -qtA \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  app_ migrate >/dev/null
  echo "seeding $count requests…" >&2
  psql_ -v count="$count" -f bench/seed-requests.sql
fi
psql_ -c 'DELETE FROM "AspNetUsers"' -c 'UPDATE "Requests" SET "IncidentId" = NULL WHERE "IncidentId" IS NOT NULL' \
  -c 'DELETE FROM "Incidents"' >/dev/null

password="Bench-Passw0rd-$RANDOM"
HAJDESK_ADMIN_PASSWORD="$password" app_ create-admin --user bench.admin --name "مدیر آزمون" >/dev/null
tehran="(SELECT \"Id\" FROM \"Provinces\" WHERE \"Code\" = 'Tehran')"
# A Tehran expert (the assignee) with the same password: a copy of the administrator's row.
psql_ >/dev/null <<SQL
INSERT INTO "AspNetUsers" ("Id", "DisplayName", "Role", "ProvinceId", "IsDisabled", "CreatedAt", "UserName",
    "NormalizedUserName", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "EmailConfirmed",
    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "Version")
SELECT 'bench-expert', 'کارشناس آزمون', 'Expert', $tehran, false, "CreatedAt", 'bench.expert', 'BENCH.EXPERT',
    "PasswordHash", "SecurityStamp", gen_random_uuid()::text, false, false, false, true, 0, 1
FROM "AspNetUsers" WHERE "UserName" = 'bench.admin';
SQL

(cd "$bin" && exec dotnet HajDesk.Web.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
base="http://127.0.0.1:$port"
jar="$work/jar"
token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
page="$(curl -s -c "$jar" -b "$jar" "$base/staff/sign-in")"
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$(token_of <<<"$page")" \
  --data-urlencode "UserName=bench.admin" --data-urlencode "Password=$password" "$base/staff/sign-in"
token="$(curl -s -b "$jar" -c "$jar" "$base/staff/inbox" | token_of)"
seconds() { curl -s -o "$work/last.html" -w '%{time_total}' -b "$jar" "$@"; }

# Open Tehran requests nobody has touched: a round's rows leave this set (answered, assigned or linked), so the
# next round gets fresh ones.
open_rows() { # n, offset
  psql_ -c "SELECT \"Id\" || ':' || \"Version\" FROM \"Requests\" WHERE \"ProvinceId\" = $tehran
    AND \"Status\" = 'Submitted' AND \"AssignedToId\" IS NULL AND \"IncidentId\" IS NULL ORDER BY \"Id\" LIMIT $1 OFFSET $2"
}
new_incident() { # title, rows…
  local id
  id="$(psql_ -c "INSERT INTO \"Incidents\" (\"Title\", \"ProvinceId\", \"CreatedAt\", \"Version\") VALUES ('$1', $tehran, now(), 1) RETURNING \"Id\"")"
  shift
  psql_ -c "UPDATE \"Requests\" SET \"IncidentId\" = $id WHERE \"Id\" IN ($(printf '%s\n' "$@" | cut -d: -f1 | paste -sd,))" >/dev/null
  echo "$id"
}
outbox() { psql_ -c 'SELECT count(*) FROM "OutboxMessages"'; }

results="$work/results.tsv"
# 1. One request's own answer and assignment, the denominators (median of 5).
single_answer=() single_assign=()
for i in 1 2 3 4 5; do
  row="$(open_rows 1 $((i * 7)))"; id="${row%%:*}"; version="${row##*:}"
  single_answer+=("$(seconds --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Version=$version" \
    --data-urlencode "AnswerText=پاسخ آزمون" "$base/staff/requests/$id?handler=Answer")")
  row="$(open_rows 1 $((i * 7 + 3)))"; id="${row%%:*}"; version="${row##*:}"
  single_assign+=("$(seconds --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Version=$version" \
    --data-urlencode "AssigneeId=bench-expert" "$base/staff/requests/$id?handler=Assign")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }
one_answer="$(median "${single_answer[@]}")"
one_assign="$(median "${single_assign[@]}")"

# 2. One answer to an incident of 500 open requests (three rounds, each on its own 500).
for round in 1 2 3; do
  mapfile -t rows < <(open_rows 500 0)
  incident="$(new_incident "آزمون پاسخ $round" "${rows[@]}")"
  before="$(outbox)"
  t="$(seconds --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Command.AnswerText=پاسخ رخداد $round" \
    "$base/staff/incidents/$incident?handler=Answer")"
  grep -q '۵۰۰ انجام شد' "$work/last.html" || { echo "incident round $round: not every request was answered" >&2; exit 1; }
  printf 'incident answer, 500 open requests (round %s)\t%s\t%s\t%s\n' "$round" "$t" "$one_answer" "$(($(outbox) - before)) outbox rows" >>"$results"
done

# 3. A bulk assignment of 500 inbox rows (three rounds).
for round in 1 2 3; do
  mapfile -t rows < <(open_rows 500 0)
  args=(--data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Bulk.Action=Assign" --data-urlencode "Bulk.AssigneeId=bench-expert")
  for row in "${rows[@]}"; do args+=(--data-urlencode "Bulk.Selected=$row"); done
  t="$(seconds "${args[@]}" "$base/staff/inbox?handler=Bulk")"
  grep -q '۵۰۰ انجام شد' "$work/last.html" || { echo "bulk round $round: not every row was assigned" >&2; exit 1; }
  printf 'bulk assignment, 500 rows (round %s)\t%s\t%s\t\n' "$round" "$t" "$one_assign" >>"$results"
done

# 4. The page of an incident of 5,000 requests, p50 and p95 of $runs, against one request's page.
mapfile -t rows < <(psql_ -c "SELECT \"Id\" || ':1' FROM \"Requests\" WHERE \"ProvinceId\" = $tehran AND \"IncidentId\" IS NULL ORDER BY \"Id\" DESC LIMIT 5000")
incident="$(new_incident "آزمون صفحه" "${rows[@]}")"
one_id="${rows[0]%%:*}"
pages=() requests=()
for _ in $(seq 1 "$runs"); do
  pages+=("$(seconds "$base/staff/incidents/$incident")")
  requests+=("$(seconds "$base/staff/requests/$one_id")")
done
p95() { printf '%s\n' "$@" | sort -n | awk '{ t[NR] = $1 } END { print t[int(NR * 0.95 + 0.5)] }'; }
printf 'incident page, 5000 requests (p95 of %s)\t%s\t%s\t\n' "$runs" "$(p95 "${pages[@]}")" "$(p95 "${requests[@]}")" >>"$results"

echo "| with $count requests | time | one request's own action | ratio | note |"
echo "| --- | ---: | ---: | ---: | --- |"
awk -F'\t' '{ printf "| %s | %.0f ms | %.0f ms | %.0f× | %s |\n", $1, $2 * 1000, $3 * 1000, ($3 > 0 ? $2 / $3 : 0), $4 }' "$results"
