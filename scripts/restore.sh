#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an empty database, then the silos can start on it.
#
#   scripts/restore.sh FILE DATABASE
#
# DATABASE is a libpq connection URI or keyword string of an existing, empty database
# (createdb it first). PG_BIN may name the folder of pg_restore and psql when they are not on PATH.
# The restore is one transaction: it lands whole or not at all.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 FILE DATABASE" >&2
  exit 2
fi
file=$1
database=$2
bin=${PG_BIN:+$PG_BIN/}

tables=$("${bin}psql" --no-psqlrc --tuples-only --no-align --dbname="$database" \
  --command="SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [[ "$tables" != "0" ]]; then
  echo "restore.sh: the database already has $tables tables; restore into an empty one" >&2
  exit 1
fi
"${bin}pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$database" "$file"
echo "restored $file"
