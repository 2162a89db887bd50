#!/usr/bin/env bash
# HajDesk's reference deployment on this machine: N app processes on 127.0.0.1 behind Debian's nginx, all on one
# PostgreSQL database, sharing the key ring (in the database, encrypted with a certificate generated once) and
# Captcha:AnswerKey (generated once, given to each).
#
#   deploy/run.sh start [nodes]   publish (once), migrate, start the nodes (default 2) and nginx; prints the address
#   deploy/run.sh stop            stop nginx and every node
#   deploy/run.sh status          what runs
#   deploy/run.sh node-kill N     SIGKILL node N (crash drills)
#   deploy/run.sh node-start N    start node N again (after node-kill)
#   deploy/run.sh node-stop N     stop node N gracefully (SIGTERM: requests in flight finish), waiting for it to exit
#   deploy/run.sh rolling-restart restart every node, one after the other: out of nginx's pool (nginx reloaded, its
#                                 old workers finish what they sent it), SIGTERM, started again, ready
#                                 (/health/ready), back in the pool; only then the next node
#   deploy/run.sh create-admin USER "NAME"   an administrator (password from HAJDESK_ADMIN_PASSWORD)
#
# Settings (environment):
#   HAJDESK_DEPLOY_DIR       state: logs, pid files, the nginx configuration, the key   (default: .deploy/ in the repo)
#   HAJDESK_DEPLOY_DB        Npgsql connection string of the database                  (default: a database
#                            `hajdesk_deploy` on the test cluster of scripts/test-postgres.sh, HAJDESK_TEST_PG_PORT)
#   HAJDESK_DEPLOY_APP       HajDesk.Web.dll to run                                     (default: dotnet publish -c Release
#                            into $HAJDESK_DEPLOY_DIR/app, once; `rm -r` it to publish again)
#   HAJDESK_DEPLOY_PORT      nginx's port on 127.0.0.1                                  (default 58080)
#   HAJDESK_DEPLOY_APP_PORT  node N listens on this + N                                 (default 58080, so 58081, 58082…)
#   HAJDESK_DEPLOY_MANAGEMENT_PORT  node N's /metrics is on this + N, 127.0.0.1 only    (default 59460)
#   HAJDESK_DEPLOY_ENV       ASPNETCORE_ENVIRONMENT of the nodes                        (default Production)
#   HAJDESK_DEPLOY_SHUTDOWN_SECONDS  the nodes' Shutdown:TimeoutSeconds: how long requests in flight may take to
#                            finish after SIGTERM                                       (default 30)
#   HAJDESK_DEPLOY_DRAIN     rolling-restart: `nginx` takes each node out of the pool before its SIGTERM; `none`
#                            sends SIGTERM at once and leaves it to nginx to skip the refused node (for drills)
#                                                                                       (default nginx)
# Extra app settings can be passed as environment variables (e.g. RateLimits__TrackByClient=100): the nodes inherit them.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${HAJDESK_DEPLOY_DIR:-$ROOT/.deploy}"
PORT="${HAJDESK_DEPLOY_PORT:-58080}"
APP_PORT="${HAJDESK_DEPLOY_APP_PORT:-58080}"
MANAGEMENT_PORT="${HAJDESK_DEPLOY_MANAGEMENT_PORT:-59460}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

die() { echo "deploy: $*" >&2; exit 1; }
say() { echo "deploy: $*" >&2; }

database() {
  if [[ -n "${HAJDESK_DEPLOY_DB:-}" ]]; then
    echo "$HAJDESK_DEPLOY_DB"
    return
  fi
  "$ROOT/scripts/test-postgres.sh" start >/dev/null
  eval "$("$ROOT/scripts/test-postgres.sh" env)"
  if [[ "$("$ROOT/scripts/test-postgres.sh" psql -qtA -c "SELECT 1 FROM pg_database WHERE datname = 'hajdesk_deploy'")" != 1 ]]; then
    "$ROOT/scripts/test-postgres.sh" psql -q -c "CREATE DATABASE hajdesk_deploy ENCODING 'UTF8'" >/dev/null
  fi
  echo "${HAJDESK_TEST_POSTGRES/Database=postgres/Database=hajdesk_deploy}"
}

app_dll() {
  if [[ -n "${HAJDESK_DEPLOY_APP:-}" ]]; then
    [[ -f "$HAJDESK_DEPLOY_APP" ]] || die "HAJDESK_DEPLOY_APP ($HAJDESK_DEPLOY_APP) is not a file"
    echo "$HAJDESK_DEPLOY_APP"
    return
  fi
  if [[ ! -f "$STATE/app/HajDesk.Web.dll" ]]; then
    say "publishing a Release build into $STATE/app"
    dotnet publish "$ROOT/src/HajDesk.Web" -c Release -o "$STATE/app" --nologo -v quiet >&2
  fi
  echo "$STATE/app/HajDesk.Web.dll"
}

# The settings every node shares; written once by `start`, read by node-start.
write_env() {
  local db="$1" dll="$2"
  [[ -f "$STATE/captcha-answer.key" ]] || (umask 077 && openssl rand -base64 32 >"$STATE/captcha-answer.key")
  # The certificate that encrypts the key ring at rest (Production refuses to start without one): self-signed, made
  # once, the same for every node. A real deployment keeps its own, outside the database and its backups.
  if [[ ! -f "$STATE/keyring.crt" ]]; then
    (umask 077 && openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=HajDesk key ring" \
      -keyout "$STATE/keyring.key" -out "$STATE/keyring.crt" 2>/dev/null)
  fi
  {
    printf 'export ASPNETCORE_ENVIRONMENT=%q\n' "${HAJDESK_DEPLOY_ENV:-Production}"
    printf 'export Database__Provider=Postgres\n'
    printf 'export Database__ConnectionString=%q\n' "$db"
    printf 'export Captcha__AnswerKey=%q\n' "$(cat "$STATE/captcha-answer.key")"
    printf 'export DataProtection__CertificatePath=%q\n' "$STATE/keyring.crt"
    printf 'export DataProtection__CertificateKeyPath=%q\n' "$STATE/keyring.key"
    printf 'export ReverseProxy__KnownProxies__0=127.0.0.1\n'
    printf 'export Notifications__PublicBaseUrl=%q\n' "http://127.0.0.1:$PORT"
    printf 'export Shutdown__TimeoutSeconds=%q\n' "${HAJDESK_DEPLOY_SHUTDOWN_SECONDS:-30}"
    printf 'HAJDESK_DLL=%q\n' "$dll"
  } >"$STATE/env.sh"
  chmod 600 "$STATE/env.sh"
}

node_start() {
  local n="$1"
  # shellcheck disable=SC1091
  source "$STATE/env.sh"
  local port=$((APP_PORT + n)) management=$((MANAGEMENT_PORT + n))
  # No `cd`: the app's content root is its own folder wherever it is started from.
  Management__Urls="http://127.0.0.1:$management" \
    setsid nohup dotnet "$HAJDESK_DLL" --urls "http://127.0.0.1:$port" >>"$STATE/node$n.log" 2>&1 &
  echo $! >"$STATE/node$n.pid"
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; then
      say "node $n ready on 127.0.0.1:$port (metrics on 127.0.0.1:$management/metrics)"
      return 0
    fi
    kill -0 "$(cat "$STATE/node$n.pid")" 2>/dev/null || die "node $n exited; see $STATE/node$n.log"
    sleep 0.5
  done
  die "node $n did not become ready; see $STATE/node$n.log"
}

node_kill() {
  local n="$1" signal="${2:-KILL}"
  [[ -f "$STATE/node$n.pid" ]] || return 0
  local pid started
  pid="$(cat "$STATE/node$n.pid")"
  started="$(date +%s%N)"
  kill "-$signal" "$pid" 2>/dev/null || true
  # A graceful stop may take the whole Shutdown:TimeoutSeconds (as start wrote it); then the process is killed.
  local shutdown_seconds="${HAJDESK_DEPLOY_SHUTDOWN_SECONDS:-30}"
  if [[ -f "$STATE/env.sh" ]]; then
    shutdown_seconds="$(sed -n 's/^export Shutdown__TimeoutSeconds=//p' "$STATE/env.sh")"
  fi
  local limit=$(((${shutdown_seconds:-30} + 10) * 10))
  for _ in $(seq 1 "$limit"); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "node $n did not exit after SIGTERM; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/node$n.pid"
  if [[ "$signal" == TERM ]]; then
    say "node $n stopped in $(elapsed_since "$started") s after SIGTERM"
  fi
}

# Seconds (with milliseconds) since a `date +%s%N` value.
elapsed_since() {
  local now
  now="$(date +%s%N)"
  printf '%d.%03d' $(((now - $1) / 1000000000)) $((((now - $1) / 1000000) % 1000))
}

# nginx.conf for N nodes; node $2, if given, is marked down (out of the pool, sent nothing new).
write_nginx_conf() {
  local nodes="$1" down="${2:-0}" servers="" n
  for n in $(seq 1 "$nodes"); do
    local mark=""
    [[ "$n" != "$down" ]] || mark=" down"
    servers+="        server 127.0.0.1:$((APP_PORT + n)) max_fails=1 fail_timeout=2s$mark;"$'\n'
  done
  # The app accepts max((Uploads:MaxFiles + 1) × Uploads:MaxFileBytes, 30 MB); the defaults give 30 MB.
  local max_body="${HAJDESK_DEPLOY_MAX_BODY:-30m}"
  sed -e "s|@STATE@|$STATE|g" -e "s|@PORT@|$PORT|g" -e "s|@MAX_BODY@|$max_body|g" \
    -e "/@SERVERS@/{r /dev/stdin" -e "d}" "$ROOT/deploy/nginx.conf.template" <<<"${servers%$'\n'}" >"$STATE/nginx.conf"
  if ((EUID == 0)); then
    # Workers run as www-data and write request bodies into the temp folders.
    sed -i '1i user www-data;' "$STATE/nginx.conf"
  fi
}

# Reloads nginx's configuration and waits until the workers of the old one have exited: they finish the requests
# they are serving (and close their idle connections to the nodes) first.
reload_nginx() {
  local master old
  master="$(cat "$STATE/nginx.pid")"
  old="$(ps --ppid "$master" -o pid= | tr -d ' ' | tr '\n' ' ')"
  "$NGINX" -t -q -p "$STATE" -c "$STATE/nginx.conf"
  "$NGINX" -p "$STATE" -c "$STATE/nginx.conf" -s reload
  for _ in $(seq 1 600); do
    local alive=0
    for pid in $old; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    ((alive == 0)) && return 0
    sleep 0.1
  done
  say "nginx's old workers still run after 60 s"
}

rolling_restart() {
  [[ -f "$STATE/nodes" && -f "$STATE/nginx.pid" ]] || die "nothing runs here (deploy/run.sh start first)"
  local nodes drain="${HAJDESK_DEPLOY_DRAIN:-nginx}" began node
  nodes="$(cat "$STATE/nodes")"
  [[ "$drain" == nginx || "$drain" == none ]] || die "HAJDESK_DEPLOY_DRAIN must be nginx or none, got '$drain'"
  began="$(date +%s%N)"
  for node in $(seq 1 "$nodes"); do
    local t
    if [[ "$drain" == nginx ]]; then
      t="$(date +%s%N)"
      write_nginx_conf "$nodes" "$node"
      reload_nginx
      say "node $node out of nginx's pool in $(elapsed_since "$t") s"
    fi
    node_kill "$node" TERM
    t="$(date +%s%N)"
    node_start "$node"
    say "node $node back and ready in $(elapsed_since "$t") s"
    if [[ "$drain" == nginx ]]; then
      write_nginx_conf "$nodes"
      reload_nginx
    fi
  done
  say "rolling restart of $nodes node(s) done in $(elapsed_since "$began") s"
}

start() {
  local nodes="${1:-2}"
  [[ "$nodes" =~ ^[1-9][0-9]*$ ]] || die "nodes must be a positive number, got '$nodes'"
  [[ -x "$NGINX" ]] || die "nginx is not installed (apt-get install -y nginx-light)"
  mkdir -p "$STATE"/nginx-temp
  stop >/dev/null 2>&1 || true
  local db dll
  db="$(database)"
  dll="$(app_dll)"
  write_env "$db" "$dll"
  # shellcheck disable=SC1091
  source "$STATE/env.sh"
  # Migrations are a deployment step, once, before any node starts (the nodes refuse a database that lacks one).
  dotnet "$dll" migrate >>"$STATE/migrate.log" 2>&1 || die "migration failed; see $STATE/migrate.log"
  echo "$nodes" >"$STATE/nodes"
  for n in $(seq 1 "$nodes"); do
    node_start "$n"
  done

  write_nginx_conf "$nodes"
  ((EUID != 0)) || chown -R www-data "$STATE/nginx-temp"
  "$NGINX" -t -q -p "$STATE" -c "$STATE/nginx.conf"
  "$NGINX" -p "$STATE" -c "$STATE/nginx.conf"
  say "nginx on http://127.0.0.1:$PORT in front of $nodes node(s); logs in $STATE"
  echo "http://127.0.0.1:$PORT"
}

stop() {
  if [[ -f "$STATE/nginx.pid" ]]; then
    "$NGINX" -p "$STATE" -c "$STATE/nginx.conf" -s quit 2>/dev/null || kill "$(cat "$STATE/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do
      [[ -f "$STATE/nginx.pid" ]] || break
      sleep 0.1
    done
  fi
  for pidfile in "$STATE"/node*.pid; do
    [[ -f "$pidfile" ]] || continue
    local n="${pidfile##*/node}"
    node_kill "${n%.pid}" TERM
  done
  say "stopped"
}

status() {
  [[ -f "$STATE/nginx.pid" ]] && kill -0 "$(cat "$STATE/nginx.pid")" 2>/dev/null && echo "nginx: running on 127.0.0.1:$PORT" || echo "nginx: stopped"
  for pidfile in "$STATE"/node*.pid; do
    [[ -f "$pidfile" ]] || continue
    kill -0 "$(cat "$pidfile")" 2>/dev/null && echo "${pidfile##*/}: running" || echo "${pidfile##*/}: dead"
  done
}

case "${1:-}" in
  start) start "${2:-2}" ;;
  stop) stop ;;
  status) status ;;
  node-kill) node_kill "${2:?node number}" KILL ;;
  node-start) node_start "${2:?node number}" ;;
  node-stop) node_kill "${2:?node number}" TERM ;;
  rolling-restart) rolling_restart ;;
  create-admin)
    # shellcheck disable=SC1091
    source "$STATE/env.sh"
    dotnet "$HAJDESK_DLL" create-admin --user "${2:?user name}" --name "${3:?display name}"
    ;;
  *) die "usage: deploy/run.sh start [nodes] | stop | status | node-kill N | node-start N | node-stop N | rolling-restart | create-admin USER NAME" ;;
esac
