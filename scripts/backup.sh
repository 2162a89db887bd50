#!/usr/bin/env bash
# Backs up HajDesk's database while the app runs. Requests and their documents are in the database, so one file
# holds everything; the secrets (Captcha:AnswerKey or data/captcha-answer.key, the key-ring certificate) are not in
# it and are kept apart (docs/operations.md).
#
#   scripts/backup.sh postgres "CONNECTION STRING" OUT.dump   pg_dump -Fc (custom format, compressed, consistent)
#   scripts/backup.sh sqlite   path/to/hajdesk.db  OUT.db     VACUUM INTO: a consistent, compact copy while the app writes
#
# The PostgreSQL connection string is the app's own (Npgsql: Host=…;Port=…;Username=…;Password=…;Database=…) or a
# libpq one (postgresql://… or "host=… dbname=…"). OUT must not exist.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/database-common.sh"

provider="${1:-}"; source_db="${2:-}"; out="${3:-}"
[[ -n "$provider" && -n "$source_db" && -n "$out" ]] || die "usage: scripts/backup.sh postgres|sqlite SOURCE OUT"
[[ ! -e "$out" ]] || die "$out exists; choose a new file"

case "$provider" in
  postgres)
    pg_target "$source_db"
    pg_dump --format=custom --no-owner --no-privileges --file="$out.partial" "${PG_ARGS[@]}"
    mv "$out.partial" "$out"
    ;;
  sqlite)
    [[ -f "$source_db" ]] || die "no SQLite database at $source_db"
    # Single quotes inside the path are doubled for SQL.
    sqlite3 "$source_db" ".timeout 30000" "VACUUM INTO '${out//\'/\'\'}'"
    [[ "$(sqlite3 "$out" 'PRAGMA integrity_check')" == ok ]] || die "the copy $out fails its integrity check"
    ;;
  *) die "provider must be postgres or sqlite, got '$provider'" ;;
esac
chmod 600 "$out"
say "backed up to $out ($(du -h "$out" | cut -f1))"
