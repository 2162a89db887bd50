#!/usr/bin/env bash
# HajDesk's whole check: installs what is missing (apt, npm), starts the test
# PostgreSQL cluster, verifies formatting, builds, runs every test project and
# prints as its last line "N passed, N failed" (", N skipped" when any were).
#
#   ./test.sh                    everything
#   ./test.sh --filter Expr      arguments are passed on to each `dotnet test`
#
# Runs as root on Debian 12; idempotent. The PostgreSQL cluster is left
# running for a fast re-run: stop it with scripts/test-postgres.sh stop. So is the test directory (slapd,
# scripts/test-ldap.sh stop).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CONFIGURATION=Release
SOLUTION=HajDesk.slnx
TEST_PROJECTS=(
  tests/HajDesk.Core.Tests/HajDesk.Core.Tests.csproj
  tests/HajDesk.Web.Tests/HajDesk.Web.Tests.csproj
  tests/HajDesk.EndToEndTests/HajDesk.EndToEndTests.csproj
)
# A test project that hangs is stopped after this long (dotnet test --blame-hang-timeout).
HANG_TIMEOUT="${HAJDESK_TEST_HANG_TIMEOUT:-20m}"

CURRENT_STEP=""
IN_TESTS=0
step() {
  CURRENT_STEP="$*"
  printf '\n==> %s  [%ds]\n' "$*" "$SECONDS"
}
die() {
  echo "test.sh: $*" >&2
  exit 1
}
on_exit() {
  local rc=$?
  if ((rc != 0 && IN_TESTS == 0)); then
    echo "test.sh: FAILED during: ${CURRENT_STEP:-setup} (exit code $rc)" >&2
  fi
}
trap on_exit EXIT

# --- 1. System packages --------------------------------------------------------
step "system packages"
((EUID == 0)) || die "run as root (apt-get, and the test PostgreSQL cluster runs as the postgres user)"
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"
missing=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# The reference deployment's test runs two nodes behind Debian's nginx; the restore drill uses sqlite3.
[[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
# deploy/hajdesk.service is checked with systemd-analyze verify.
command -v systemd-analyze >/dev/null || missing+=(systemd)
java -version >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v npm >/dev/null || missing+=(npm)
# Staff sign-in from the directory is tested against a private OpenLDAP server (scripts/test-ldap.sh); the app's
# LDAP library (System.DirectoryServices.Protocols) loads libldap.
[[ -x /usr/sbin/slapd ]] || missing+=(slapd)
compgen -G '/usr/lib/*/libldap-2.5.so.0' >/dev/null || missing+=(libldap-2.5-0)
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The package would otherwise create and start a system directory on port 389: the tests run their own.
  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null ||
    ! apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi
java -version >/dev/null 2>&1 || die "java does not run (needed for vnu.jar)"
echo "ok: postgresql, chromium, nginx, sqlite3, systemd-analyze, java, npm, slapd, dotnet $(dotnet --version)"

# --- 2. npm packages -----------------------------------------------------------
step "npm packages"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # Install scripts are off (.npmrc): vnu-jar's would download a Java runtime.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
else
  echo "node_modules is up to date"
fi
scripts/vendor-assets.sh --check

# --- 3. PostgreSQL for the tests -----------------------------------------------
step "test PostgreSQL cluster"
scripts/test-postgres.sh start
eval "$(scripts/test-postgres.sh env)"
scripts/test-postgres.sh psql -qtA -c 'SELECT 1' >/dev/null ||
  die "cannot connect as hajdesk_test with HAJDESK_TEST_POSTGRES"
echo "HAJDESK_TEST_POSTGRES=${HAJDESK_TEST_POSTGRES/Password=*;/Password=***;}"

step "test directory (slapd)"
scripts/test-ldap.sh start
eval "$(scripts/test-ldap.sh env)"
echo "HAJDESK_TEST_LDAP_PORT=$HAJDESK_TEST_LDAP_PORT"

# --- 4. Environment for the tests ----------------------------------------------
export HAJDESK_CHROMIUM=/usr/bin/chromium
export HAJDESK_VNU_JAR="$ROOT/node_modules/vnu-jar/build/dist/vnu.jar"
export HAJDESK_AXE_JS="$ROOT/node_modules/axe-core/axe.min.js"
export HAJDESK_ARTIFACTS="$ROOT/artifacts"
for f in "$HAJDESK_CHROMIUM" "$HAJDESK_VNU_JAR" "$HAJDESK_AXE_JS"; do
  [[ -f "$f" ]] || die "missing $f"
done
mkdir -p "$HAJDESK_ARTIFACTS/screenshots"

# --- 5. Restore, format, build -------------------------------------------------
step "dotnet restore"
dotnet restore "$SOLUTION"
step "dotnet format --verify-no-changes"
dotnet format "$SOLUTION" --verify-no-changes --no-restore ||
  die "formatting differs: run 'dotnet format $SOLUTION' and commit the result"
step "dotnet build ($CONFIGURATION)"
dotnet build "$SOLUTION" --no-restore -c "$CONFIGURATION"

# --- 6. Tests ------------------------------------------------------------------
RESULTS="$HAJDESK_ARTIFACTS/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
IN_TESTS=1
failed_projects=()
for proj in "${TEST_PROJECTS[@]}"; do
  name="$(basename "$proj" .csproj)"
  step "dotnet test $name"
  rc=0
  dotnet test "$proj" -c "$CONFIGURATION" --no-build \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
    "$@" || rc=$?
  if ((rc != 0)); then
    failed_projects+=("$name (exit code $rc)")
  fi
done

# Sum the <Counters .../> of every TRX file.
counter() { # counter NAME COUNTERS-ELEMENT
  local v
  v="$(grep -o " $1=\"[0-9]*\"" <<<"$2" | head -1 | grep -o '[0-9][0-9]*' || true)"
  echo "${v:-0}"
}
total=0 passed=0 failed=0
step "results"
for proj in "${TEST_PROJECTS[@]}"; do
  name="$(basename "$proj" .csproj)"
  trx="$RESULTS/$name.trx"
  if [[ ! -f "$trx" ]]; then
    echo "$name: no TRX file written"
    continue
  fi
  c="$(grep -o '<Counters [^>]*>' "$trx" | head -1 || true)"
  t="$(counter total "$c")"
  p="$(counter passed "$c")"
  f=$(($(counter failed "$c") + $(counter error "$c") + $(counter timeout "$c") + $(counter aborted "$c")))
  echo "$name: $t tests, $p passed, $f failed, $((t - p - f)) skipped or not run"
  total=$((total + t)) passed=$((passed + p)) failed=$((failed + f))
done
skipped=$((total - passed - failed))

status=0
if ((${#failed_projects[@]})); then
  echo "test.sh: dotnet test failed for: ${failed_projects[*]}" >&2
  status=1
fi
if ((total == 0)); then
  echo "test.sh: FAILED: no test ran (0 tests found in ${#TEST_PROJECTS[@]} test projects)" >&2
  status=1
fi
if ((failed > 0)); then
  status=1
fi
echo "TRX files and attachments: ${RESULTS#"$ROOT"/}/; screenshots: artifacts/screenshots/"
echo "The test PostgreSQL cluster and directory are still running; stop them with: scripts/test-postgres.sh stop; scripts/test-ldap.sh stop"
echo "Took ${SECONDS}s."
summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
exit "$status"
