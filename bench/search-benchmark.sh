#!/usr/bin/env bash
# Measures the Persian-aware search by name (issue 24, item 5) on PostgreSQL at a million requests against its time
# at ten thousand (target: at most 1.5×), through the real inbox page: the search is POSTed as staff post it.
# Uses the databases bench/inbox-benchmark.sh seeds (hajdesk_bench_<count>; seeded here when missing), migrates them,
# and lets the app's start-up backfill write the search keys of the seeded rows (timed: the figure for an upgrade).
#
#   bench/search-benchmark.sh [count]      default count: 1000000, compared with 10000 (BENCH_SMALL)
# Run it on an otherwise idle machine: other builds or tests on the same cores skew the numbers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
large="${1:-1000000}"
small="${BENCH_SMALL:-10000}"
runs="${BENCH_RUNS:-20}"
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
trap 'kill $app_pid 2>/dev/null || true; rm -rf "$work"' EXIT

# The words searched: a seeded first and last name typed three ways (one word joined, two words, with a ZWNJ), and
# a word of the text typed with Arabic letters.
queries=("مریمکاظمی" "مریم کاظمی" $'مریم\u200cکاظمی' "زائران كاروان")

run_at() { # count
  local count="$1" db="hajdesk_bench_$1"
  local conn="${HAJDESK_TEST_POSTGRES/Database=postgres/Database=$db}"
  export ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres Database__ConnectionString="$conn"
  export DataProtection__AllowUnencryptedKeys=true
  export Captcha__AnswerKey="${Captcha__AnswerKey:-$(openssl rand -base64 32)}"
  existing="$(psql_ -d "$db" -c 'SELECT count(*) FROM "Requests"' 2>/dev/null || echo 0)"
  if [[ "$existing" != "$count" ]]; then
    psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    app_ migrate >/dev/null
    echo "seeding $count requests…" >&2
    psql_ -d "$db" -v count="$count" -f bench/seed-requests.sql
  else
    app_ migrate >/dev/null
  fi
  psql_ -d "$db" -c 'DELETE FROM "AspNetUsers"' >/dev/null
  password="Bench-Passw0rd-$RANDOM"
  HAJDESK_ADMIN_PASSWORD="$password" app_ create-admin --user bench.admin --name "مدیر آزمون" >/dev/null
  psql_ -d "$db" >/dev/null <<'SQL'
INSERT INTO "AspNetUsers" ("Id", "DisplayName", "Role", "ProvinceId", "IsDisabled", "CreatedAt", "UserName",
    "NormalizedUserName", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "EmailConfirmed",
    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
SELECT gen_random_uuid()::text, 'کارشناس آزمون', 'Expert', (SELECT "Id" FROM "Provinces" WHERE "Code" = 'Tehran'), false,
    "CreatedAt", 'bench.expert', 'BENCH.EXPERT', "PasswordHash", "SecurityStamp", gen_random_uuid()::text, false, false,
    false, true, 0
FROM "AspNetUsers" WHERE "UserName" = 'bench.admin';
SQL

  (cd "$bin" && exec dotnet HajDesk.Web.dll --urls "http://127.0.0.1:$port") >"$work/app-$count.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  # The start-up backfill keys the rows seeded without keys; measuring starts once it is done.
  local start=$SECONDS
  while [[ "$(psql_ -d "$db" -c 'SELECT count(*) FROM "Requests" WHERE "NameKey" IS NULL OR "TextKey" IS NULL')" != 0 ]]; do
    sleep 2
  done
  echo "keys of $count requests present after $((SECONDS - start)) s" >&2
  psql_ -d "$db" -c 'VACUUM ANALYZE "Requests"' >/dev/null

  jar="$(mktemp)"
  sign_in() { # user
    rm -f "$jar"
    local page token
    page="$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/staff/sign-in")"
    token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | sed 's/.*value="//;s/"$//')"
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" \
      --data-urlencode "UserName=$1" --data-urlencode "Password=$password" "http://127.0.0.1:$port/staff/sign-in"
  }
  token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
  measure() { # label, curl args…
    local label="$1"; shift
    local times=()
    curl -s -o /dev/null -b "$jar" "$@" # warm-up
    for _ in $(seq 1 "$runs"); do
      times+=("$(curl -s -o /dev/null -w '%{time_total}' -b "$jar" "$@")")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ t[NR] = $1 * 1000 } END {
      printf "%s\t%.1f\t%.1f\n", label, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)] }'
  }

  for who in bench.admin bench.expert; do
    sign_in "$who"
    base="http://127.0.0.1:$port/staff/inbox"
    token="$(curl -s -b "$jar" -c "$jar" "$base" | token_of)"
    for q in "${queries[@]}"; do
      measure "$who: «${q//$'\u200c'/‌}»" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Q=$q" "$base"
    done
  done
  rm -f "$jar"
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

for size in "$small" "$large"; do
  echo "measuring with $size requests…" >&2
  run_at "$size" >"$work/$size.tsv"
done

echo "| search | $small: p50 ms | p95 ms | $large: p50 ms | p95 ms | p50 ratio (target ≤ 1.5×) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
awk -F'\t' 'NR == FNR { p50[$1] = $2; p95[$1] = $3; next }
  { r = ($1 in p50 && p50[$1] > 0) ? $2 / p50[$1] : 0
    verdict = r <= 1.5 ? "met" : "missed"
    printf "| %s | %.0f | %.0f | %.0f | %.0f | %.2f× %s |\n", $1, p50[$1], p95[$1], $2, $3, r, verdict }' \
  "$work/$small.tsv" "$work/$large.tsv"
