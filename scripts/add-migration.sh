#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migrations projects, keeping them in step.
# Usage: scripts/add-migration.sh AddSomething
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "src/HajDesk.Migrations.$provider" \
    --startup-project "src/HajDesk.Migrations.$provider" \
    --output-dir Migrations
done
dotnet format HajDesk.slnx --include src/HajDesk.Migrations.Sqlite src/HajDesk.Migrations.Postgres >/dev/null || true
