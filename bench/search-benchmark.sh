#!/usr/bin/env bash
# Measures the Persian-aware search by name (issue 24, item 5) on PostgreSQL at a million requests against its time
# at ten thousand (target: at most 1.5×), through the real inbox page: the search is POSTed as staff post it.
# Uses the databases bench/inbox-benchmark.sh seeds (hajdesk_bench_<count>; seeded here when missing), migrates them,
# and lets the app's start-up backfill write the search keys of the seeded rows (timed: the figure for an upgrade).
#
#   bench/search-benchmark.sh [count]      default count: 1000000, compared with 10000 (BENCH_SMALL)
# Both sizes are served at once (two apps, ports BENCH_PORT and BENCH_PORT+1) and timed in turn, search by search, so
# that a busy machine weighs on both sides of the ratio; an idle machine still gives the steadier absolute times.
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
trap 'kill "${app_pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

# The words searched: a seeded first and last name typed three ways (one word joined, two words, with a ZWNJ), and
# a word of the text typed with Arabic letters.
queries=("مریمکاظمی" "مریم کاظمی" $'مریم\u200cکاظمی' "زائران كاروان")

prepare() { # count port: seeds/migrates the database, adds the two staff accounts, starts an app on it
  local count="$1" port="$2" db="hajdesk_bench_$1"
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
  app_pids+=($!)
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  # The start-up backfill keys the rows seeded without keys; measuring starts once it is done.
  local start=$SECONDS
  while [[ "$(psql_ -d "$db" -c 'SELECT count(*) FROM "Requests" WHERE "NameKey" IS NULL OR "TextKey" IS NULL')" != 0 ]]; do
    sleep 2
  done
  echo "keys of $count requests present after $((SECONDS - start)) s" >&2
  psql_ -d "$db" -c 'VACUUM ANALYZE "Requests"' >/dev/null
}

sign_in() { # port user jar
  rm -f "$3"
  local page token
  page="$(curl -s -c "$3" -b "$3" "http://127.0.0.1:$1/staff/sign-in")"
  token="$(token_of <<<"$page")"
  curl -s -o /dev/null -c "$3" -b "$3" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "UserName=$2" --data-urlencode "Password=$password" "http://127.0.0.1:$1/staff/sign-in"
}
token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
p50_p95() { sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f\t%.1f", t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.5)] }'; }

password="Bench-Passw0rd-$RANDOM"
app_pids=()
small_port="$port" large_port="$((port + 1))"
echo "preparing $small and $large requests…" >&2
prepare "$small" "$small_port"
prepare "$large" "$large_port"

# The two sizes are timed in turn, one search at ten thousand then the same at a million, so that whatever else the
# machine does weighs on both sides of the ratio alike.
echo "| search | $small: p50 ms | p95 ms | $large: p50 ms | p95 ms | p50 ratio (target ≤ 1.5×) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for who in bench.admin bench.expert; do
  declare -A tokens=()
  for p in "$small_port" "$large_port"; do
    sign_in "$p" "$who" "$work/jar-$p"
    tokens[$p]="$(curl -s -b "$work/jar-$p" -c "$work/jar-$p" "http://127.0.0.1:$p/staff/inbox" | token_of)"
  done
  for q in "${queries[@]}"; do
    : >"$work/small" && : >"$work/large"
    for i in $(seq 0 "$runs"); do # run 0 warms both up and is not counted
      for p in "$small_port" "$large_port"; do
        t="$(curl -s -o /dev/null -w '%{time_total}' -b "$work/jar-$p" --data-urlencode "__RequestVerificationToken=${tokens[$p]}" \
          --data-urlencode "Q=$q" "http://127.0.0.1:$p/staff/inbox")"
        if [[ "$i" != 0 ]]; then
          if [[ "$p" == "$small_port" ]]; then echo "$t" >>"$work/small"; else echo "$t" >>"$work/large"; fi
        fi
      done
    done
    IFS=$'\t' read -r s50 s95 <<<"$(p50_p95 <"$work/small")"
    IFS=$'\t' read -r l50 l95 <<<"$(p50_p95 <"$work/large")"
    awk -v label="$who: «${q//$'\u200c'/‌}»" -v s50="$s50" -v s95="$s95" -v l50="$l50" -v l95="$l95" 'BEGIN {
      r = l50 / s50; printf "| %s | %.0f | %.0f | %.0f | %.0f | %.2f× %s |\n", label, s50, s95, l50, l95, r, (r <= 1.5 ? "met" : "missed") }'
  done
done
