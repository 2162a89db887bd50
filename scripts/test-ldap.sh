#!/usr/bin/env bash
# A private OpenLDAP server (Debian's slapd) for the tests of staff sign-in from the directory, on 127.0.0.1
# (port 55389, or $HAJDESK_TEST_LDAP_PORT).
#
#   scripts/test-ldap.sh start    create (first time) and start the server; reuse it when running
#   scripts/test-ldap.sh stop     stop it (the data stays for the next start)
#   scripts/test-ldap.sh status   say whether it runs
#   scripts/test-ldap.sh env      print the `export HAJDESK_TEST_LDAP_*=...` lines for eval
#   scripts/test-ldap.sh destroy  stop it and delete its files
#
# Layout, under .test-data/ldap/ in the repository:
#   slapd.conf              generated configuration: mdb backend, suffix dc=hajdesk,dc=test, the ppolicy overlay
#   hajdesk-test.schema     userAccountControl, sAMAccountName and memberOf as Active Directory has them, so the
#                           tests cover the AD settings too
#   data/                   the mdb database, seeded with slapadd from seed.ldif
#   admin-password          password of cn=admin,dc=hajdesk,dc=test (the tests add, change and delete entries)
#   service-password        password of cn=hajdesk,ou=services,dc=hajdesk,dc=test (the app's search account)
#   slapd.log               the server's messages
# Tests create their own people (unique names) and add them to the seeded groups under ou=groups.
set -euo pipefail

PORT="${HAJDESK_TEST_LDAP_PORT:-55389}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$ROOT/.test-data/ldap"
SUFFIX="dc=hajdesk,dc=test"
SLAPD=/usr/sbin/slapd

die() { echo "test-ldap: $*" >&2; exit 1; }
say() { echo "test-ldap: $*" >&2; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "HAJDESK_TEST_LDAP_PORT must be a number, got '$PORT'"

new_password() { head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

pid() { cat "$BASE/slapd.pid" 2>/dev/null || true; }

is_running() {
  local p
  p="$(pid)"
  [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null
}

running_port() { cat "$BASE/port" 2>/dev/null || true; }

write_config() {
  cat >"$BASE/hajdesk-test.schema" <<'SCHEMA'
# Active Directory's attributes the app reads, with their AD object identifiers, on an auxiliary class.
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl'
  EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName'
  EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.2.102 NAME 'memberOf'
  EQUALITY distinguishedNameMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )
objectclass ( 1.3.6.1.4.1.57264.1.1 NAME 'hajdeskTestAdAccount' AUXILIARY
  MAY ( userAccountControl $ sAMAccountName $ memberOf ) )
SCHEMA
  cat >"$BASE/slapd.conf" <<CONF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $BASE/hajdesk-test.schema
pidfile $BASE/slapd.pid
argsfile $BASE/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy
sizelimit 500

database mdb
maxsize 104857600
suffix "$SUFFIX"
rootdn "cn=admin,$SUFFIX"
rootpw $(cat "$BASE/admin-password")
directory $BASE/data
index objectClass,uid,sAMAccountName,member,memberOf eq
overlay ppolicy
access to attrs=userPassword by self =xw by anonymous auth by * none
access to * by users read by * none
CONF
}

seed() {
  local service_password
  service_password="$(cat "$BASE/service-password")"
  cat >"$BASE/seed.ldif" <<LDIF
dn: $SUFFIX
objectClass: dcObject
objectClass: organization
dc: hajdesk
o: HajDesk test directory

dn: ou=people,$SUFFIX
objectClass: organizationalUnit
ou: people

dn: ou=services,$SUFFIX
objectClass: organizationalUnit
ou: services

dn: ou=groups,$SUFFIX
objectClass: organizationalUnit
ou: groups

dn: cn=hajdesk,ou=services,$SUFFIX
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: hajdesk
userPassword: $service_password
LDIF
  # groupOfNames needs a member: the service account stands in (it is in no mapping).
  for group in hajdesk-admins hajdesk-tehran-supervisors hajdesk-tehran-experts hajdesk-isfahan-experts other-staff; do
    printf '\ndn: cn=%s,ou=groups,%s\nobjectClass: groupOfNames\ncn: %s\nmember: cn=hajdesk,ou=services,%s\n' \
      "$group" "$SUFFIX" "$group" "$SUFFIX" >>"$BASE/seed.ldif"
  done
  "$SLAPD" -T add -f "$BASE/slapd.conf" -l "$BASE/seed.ldif" >"$BASE/slapadd.log" 2>&1 ||
    { cat "$BASE/slapadd.log" >&2; die "slapadd failed"; }
}

create() {
  say "creating a directory in $BASE"
  rm -rf "$BASE"
  mkdir -p "$BASE/data"
  chmod 0700 "$BASE"
  new_password >"$BASE/admin-password"
  new_password >"$BASE/service-password"
  write_config
  "$SLAPD" -T test -f "$BASE/slapd.conf" -u >"$BASE/slaptest.log" 2>&1 ||
    { cat "$BASE/slaptest.log" >&2; die "the generated slapd.conf is not valid"; }
  seed
}

start() {
  [[ -x "$SLAPD" ]] || die "no $SLAPD (apt-get install slapd)"
  if is_running; then
    if [[ "$(running_port)" == "$PORT" ]]; then
      say "reusing the server already running on port $PORT ($BASE)"
      return
    fi
    say "server runs on port $(running_port), restarting it on $PORT"
    stop
  fi
  [[ -s "$BASE/admin-password" && -s "$BASE/service-password" && -f "$BASE/data/data.mdb" ]] || create
  echo "$PORT" >"$BASE/port"
  if ! "$SLAPD" -f "$BASE/slapd.conf" -h "ldap://127.0.0.1:$PORT/" -s 0 >"$BASE/slapd.log" 2>&1; then
    cat "$BASE/slapd.log" >&2
    die "could not start slapd on 127.0.0.1:$PORT (port in use? set HAJDESK_TEST_LDAP_PORT)"
  fi
  for _ in $(seq 50); do
    is_running && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    sleep 0.1
  done
  is_running || { cat "$BASE/slapd.log" >&2; die "slapd exited at start-up"; }
  say "started on 127.0.0.1:$PORT ($BASE)"
}

stop() {
  if is_running; then
    local p
    p="$(pid)"
    kill "$p"
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    say "stopped ($BASE)"
  else
    say "not running ($BASE)"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if is_running; then echo "running on 127.0.0.1:$(running_port) ($BASE)"; else
      echo "not running ($BASE)"
      exit 3
    fi
    ;;
  env)
    [[ -s "$BASE/admin-password" ]] || die "no directory in $BASE; run '$0 start' first"
    echo "export HAJDESK_TEST_LDAP_PORT='$PORT'"
    echo "export HAJDESK_TEST_LDAP_ADMIN_PASSWORD='$(cat "$BASE/admin-password")'"
    echo "export HAJDESK_TEST_LDAP_SERVICE_PASSWORD='$(cat "$BASE/service-password")'"
    ;;
  destroy)
    stop
    rm -rf "$BASE"
    say "deleted $BASE"
    ;;
  *)
    echo "usage: $0 start|stop|status|env|destroy" >&2
    exit 2
    ;;
esac
