# Shared by scripts/backup.sh and scripts/restore.sh (sourced, not run).
die() { echo "${0##*/}: $*" >&2; exit 1; }
say() { echo "${0##*/}: $*" >&2; }

# Sets PG_ARGS (libpq options for psql, pg_dump, pg_restore), PG_DBNAME and PGPASSWORD from the app's Npgsql
# connection string (Key=Value;…) or passes a libpq one (URI or "key=value …") through as --dbname.
pg_target() {
  local connection="$1" host="" port="" user="" database="" pair key value
  if [[ "$connection" == postgres://* || "$connection" == postgresql://* || "$connection" != *";"* && "$connection" == *" "* ]]; then
    PG_ARGS=("--dbname=$connection")
    PG_DBNAME="$(psql -qtAX "--dbname=$connection" -c 'SELECT current_database()' 2>/dev/null || true)"
    return
  fi
  IFS=';' read -ra pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key="$(echo "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    value="${pair#*=}"
    case "$key" in
      host | server) host="$value" ;;
      port) port="$value" ;;
      username | userid | user) user="$value" ;;
      password) export PGPASSWORD="$value" ;;
      database | db) database="$value" ;;
    esac
  done
  [[ -n "$database" ]] || die "the connection string names no Database"
  PG_ARGS=("--dbname=$database")
  [[ -n "$host" ]] && PG_ARGS+=("--host=$host")
  [[ -n "$port" ]] && PG_ARGS+=("--port=$port")
  [[ -n "$user" ]] && PG_ARGS+=("--username=$user")
  PG_DBNAME="$database"
}
