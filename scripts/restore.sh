#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a FRESH database (never over a live one), ready for the app:
# start it with Database:ConnectionString pointing at the restored database (PostgreSQL: the dump holds every
# migration applied when it was taken; run `dotnet HajDesk.Web.dll migrate` if the app is newer).
#
#   scripts/restore.sh postgres "CONNECTION STRING OF THE NEW DATABASE" IN.dump   creates the database if missing;
#                                                                                 refuses one that has tables
#   scripts/restore.sh sqlite   IN.db  path/to/new/hajdesk.db                    refuses an existing file
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/database-common.sh"

provider="${1:-}"; target="${2:-}"; backup="${3:-}"
if [[ "$provider" == sqlite ]]; then
  backup="${2:-}"; target="${3:-}"
fi
[[ -n "$provider" && -n "$target" && -n "$backup" ]] || die "usage: scripts/restore.sh postgres TARGET IN.dump | sqlite IN.db TARGET"
[[ -f "$backup" ]] || die "no backup at $backup"

case "$provider" in
  postgres)
    pg_target "$target"
    name="$PG_DBNAME"
    [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "database name '$name' must be a plain identifier"
    exists="$(PGDATABASE=postgres psql -qtAX "${PG_ARGS[@]/--dbname=*/--dbname=postgres}" -c "SELECT 1 FROM pg_database WHERE datname = '$name'")"
    if [[ "$exists" != 1 ]]; then
      PGDATABASE=postgres psql -qX "${PG_ARGS[@]/--dbname=*/--dbname=postgres}" -c "CREATE DATABASE $name ENCODING 'UTF8'" >/dev/null
    elif [[ "$(psql -qtAX "${PG_ARGS[@]}" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" != 0 ]]; then
      die "database $name already has tables; restore into a fresh one"
    fi
    pg_restore --exit-on-error --no-owner --no-privileges --single-transaction "${PG_ARGS[@]}" "$backup"
    ;;
  sqlite)
    [[ ! -e "$target" ]] || die "$target exists; restore into a new file (stop the app before replacing its database)"
    [[ "$(sqlite3 "$backup" 'PRAGMA integrity_check')" == ok ]] || die "the backup $backup fails its integrity check"
    mkdir -p "$(dirname "$target")"
    cp "$backup" "$target.partial"
    sqlite3 "$target.partial" "PRAGMA journal_mode=WAL;" >/dev/null
    mv "$target.partial" "$target"
    ;;
  *) die "provider must be postgres or sqlite, got '$provider'" ;;
esac
say "restored $backup into $target"
