#!/usr/bin/env bash
# The rolling-restart drill (issue 27): citizens make whole journeys — send a request with a document, read the
# receipt, follow the request up — through nginx in front of two nodes (deploy/run.sh) while
# `deploy/run.sh rolling-restart` restarts both nodes one after the other. Nothing is retried. It prints the
# journeys made and failed (goal 0), then looks up every tracking code a receipt showed: each must be in the
# database exactly once with its document intact (requests lost: must be 0), and the drain times the restart
# reported. Exits non-zero when an acknowledged request is missing, duplicated or damaged, or nothing was
# acknowledged. On demand, not part of ./test.sh; run it on an idle machine.
#
#   bench/rolling-restart-drill.sh
#
# Settings (environment): DRILL_USERS (4 citizens), DRILL_WARMUP (10 s of load before the restart),
# DRILL_COOLDOWN (10 s of load after it), DRILL_RESTARTS (1 rolling restart; more run back to back),
# DRILL_PORT (28380: nginx; the nodes on the next ports, their metrics 50 further on),
# HAJDESK_DEPLOY_DRAIN (nginx, or none: SIGTERM without taking the node out of nginx's pool first),
# HAJDESK_DEPLOY_SHUTDOWN_SECONDS (30), HAJDESK_DEPLOY_DB (default: a fresh database `hajdesk_rolling_drill` on the
# test cluster of scripts/test-postgres.sh), BENCH_NO_BUILD=1 (reuse artifacts/bench/ from the last build),
# DRILL_APP_DIR (run the app from this folder instead of the published one, e.g. src/HajDesk.Web/bin/Release/net10.0),
# DRILL_KEEP=1 (keep the nodes' and nginx's logs in the work folder).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

users="${DRILL_USERS:-4}"
warmup="${DRILL_WARMUP:-10}"
cooldown="${DRILL_COOLDOWN:-10}"
restarts="${DRILL_RESTARTS:-1}"
# Below the ephemeral range (32768–60999 on Debian): a restarting node must get its port back, and the
# citizens' thousands of outgoing connections could otherwise take it while the node is down.
port="${DRILL_PORT:-28380}"
test_code=24680
out="$root/artifacts/bench"

say() { echo "rolling-drill: $*" >&2; }
die() { say "$*"; exit 1; }
port_busy() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
for p in "$port" $((port + 1)) $((port + 2)) $((port + 51)) $((port + 52)); do
  ! port_busy "$p" || die "port $p is in use (set DRILL_PORT)"
done

work="$(mktemp -d /tmp/hajdesk-rolling-drill.XXXXXX)"
chmod 755 "$work"
load_pid=""
export HAJDESK_DEPLOY_DIR="$work/deploy"
cleanup() {
  [[ -n "$load_pid" ]] && kill "$load_pid" 2>/dev/null
  deploy/run.sh stop >/dev/null 2>&1 || true
  if [[ "${DRILL_KEEP:-0}" == 1 ]]; then
    say "logs kept in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

app_dir="${DRILL_APP_DIR:-$out/app}"
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  say "publishing the app (Release) and building the load generator…"
  if [[ -z "${DRILL_APP_DIR:-}" ]]; then
    dotnet publish src/HajDesk.Web -c Release -o "$out/app" -v quiet -nologo >"$work/build.log" 2>&1 ||
      { cat "$work/build.log" >&2; die "publishing the app failed"; }
  fi
  dotnet publish bench/HajDesk.Bench.Journeys -c Release -o "$out/tool" -v quiet -nologo >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; die "building the generator failed"; }
fi

if [[ -z "${HAJDESK_DEPLOY_DB:-}" ]]; then
  scripts/test-postgres.sh start >/dev/null
  eval "$(scripts/test-postgres.sh env)"
  scripts/test-postgres.sh psql -q -c "DROP DATABASE IF EXISTS hajdesk_rolling_drill WITH (FORCE)" >/dev/null
  scripts/test-postgres.sh psql -q -c "CREATE DATABASE hajdesk_rolling_drill ENCODING 'UTF8'" >/dev/null
  export HAJDESK_DEPLOY_DB="${HAJDESK_TEST_POSTGRES/Database=postgres/Database=hajdesk_rolling_drill}"
fi
sql() { psql "$(npgsql_to_uri "$HAJDESK_DEPLOY_DB")" -v ON_ERROR_STOP=1 -qtAX -F $'\t' -c "$1"; }
# Npgsql's "Host=…;Port=…;Username=…;Password=…;Database=…" as a libpq URI.
npgsql_to_uri() {
  local host port user password database
  host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$1")"
  port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$1")"
  user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$1")"
  password="$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$1")"
  database="$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$1")"
  echo "postgresql://$user:$password@$host:${port:-5432}/$database"
}

# Every citizen comes from 127.0.0.1 and the demo people are reused: the limits are raised, nothing else changes.
export HAJDESK_DEPLOY_APP="$app_dir/HajDesk.Web.dll" HAJDESK_DEPLOY_PORT="$port" HAJDESK_DEPLOY_APP_PORT="$port" \
  HAJDESK_DEPLOY_MANAGEMENT_PORT=$((port + 50)) HAJDESK_DEPLOY_ENV=Testing Captcha__TestCode="$test_code" \
  RateLimits__FormPostsPerMinute=1000000 RateLimits__CaptchaPerMinute=1000000 RateLimits__RegistryByClient=1000000 \
  RateLimits__RegistryByNationalCode=1000000 RateLimits__SendFormsByClient=1000000 RateLimits__TrackByClient=1000000 \
  RateLimits__TrackByNationalCode=1000000 Notifications__DispatcherEnabled=true MobileVerification__Enabled=false OpenRequestNotice__Enabled=false
say "starting two nodes behind nginx on 127.0.0.1:$port…"
deploy/run.sh start 2 >"$work/start.log" 2>&1 || { cat "$work/start.log" >&2; die "deploy/run.sh start failed"; }
# Warm both nodes up (JIT, first queries) through nginx.
for _ in 1 2 3 4; do curl -fs -o /dev/null "http://127.0.0.1:$port/requests/send" || true; done

say "$users citizens make journeys through nginx; rolling restart ($restarts×) after $warmup s…"
dotnet "$out/tool/HajDesk.Bench.Journeys.dll" rolling-drill --app "http://127.0.0.1:$port" \
  --people src/HajDesk.Web/CivilRegistry/demo-people.csv --code "$test_code" --users "$users" \
  --stop-file "$work/stop" --acknowledged "$work/acknowledged.tsv" >"$work/load.txt" 2>&1 &
load_pid=$!
sleep "$warmup"
restart_started=$SECONDS
for _ in $(seq 1 "$restarts"); do
  deploy/run.sh rolling-restart 2>&1 | tee -a "$work/restart.log" >&2 || die "the rolling restart failed"
done
restart_seconds=$((SECONDS - restart_started))
sleep "$cooldown"
touch "$work/stop"
wait "$load_pid" || die "the load generator failed: $(cat "$work/load.txt")"
load_pid=""

# Every acknowledged code: present once, with its text marker and one document whose stored bytes hash to what
# the citizen sent.
sql "SELECT r.\"TrackingCode\", r.\"Text\", a.\"Sha256\", encode(sha256(c.\"Data\"), 'hex')
     FROM \"Requests\" r LEFT JOIN \"Attachments\" a ON a.\"RequestId\" = r.\"Id\"
     LEFT JOIN \"AttachmentContents\" c ON c.\"AttachmentId\" = a.\"Id\"" >"$work/stored.tsv"
awk -F'\t' '
  NR == FNR { ack[$1] = $2 "\t" toupper($3); n++; next }
  { rows[$1]++; text[$1] = $2; sha[$1] = toupper($3); data[$1] = toupper($4)
    if (match($2, /rolling-[0-9]+-[0-9]+-[0-9]+/)) markers[substr($2, RSTART, RLENGTH)]++ }
  END {
    for (code in ack) {
      split(ack[code], a, "\t")
      if (!(code in rows)) { missing++; continue }
      found++
      if (rows[code] != 1 || index(text[code], a[1]) == 0 || sha[code] != a[2] || data[code] != a[2]) damaged++
    }
    for (m in markers) if (markers[m] > 1) duplicated += markers[m] - 1
    printf "acknowledged %d  found %d  lost %d  duplicated %d  damaged %d\n", n, found, missing, duplicated, damaged
    exit (n == 0 || missing + duplicated + damaged > 0)
  }' "$work/acknowledged.tsv" "$work/stored.tsv" >"$work/summary.txt" && ok=1 || ok=0

echo "## bench/rolling-restart-drill.sh — $(date -u +%Y-%m-%dT%H:%MZ), $users citizens, drain ${HAJDESK_DEPLOY_DRAIN:-nginx}"
echo "Rolling restart(s) of 2 nodes: $restarts, $restart_seconds s in all; load for $warmup s before and $cooldown s after."
grep -E "out of nginx|stopped in|back and ready|restart of" "$work/restart.log" | sed 's/^deploy: /  /'
echo "Journeys (send with a document, receipt, follow-up) through nginx:"
cat "$work/load.txt"
echo "Graceful stops as the nodes logged them:"
grep -ho "draining took [0-9]* ms" "$HAJDESK_DEPLOY_DIR"/node*.log | sed 's/^/  /' || true
echo "Requests in the database: $(sql 'SELECT count(*) FROM "Requests"')"
cat "$work/summary.txt"
((ok == 1)) || die "no request was acknowledged, or acknowledged ones are lost, duplicated or damaged"
