#!/usr/bin/env bash
# A consistent backup of a live StationNet database, while the silos keep taking events.
#
#   scripts/backup.sh DATABASE [FILE]
#
# DATABASE is a libpq connection URI or keyword string, e.g. postgresql://stationnet@db.example:5432/stationnet
# (the password from PGPASSWORD or ~/.pgpass). FILE defaults to stationnet-<UTC time>.dump in the current folder.
# PG_BIN may name the folder of pg_dump and pg_restore when they are not on PATH; use the server's major version or newer.
#
# pg_dump reads the whole database in one transaction (one snapshot), so the dump holds exactly the events
# committed when it began: each journal row with its rollup change, none half-written. Tablets keep posting
# meanwhile; what they send after the snapshot is in the next backup. The file is written under a temporary
# name, checked by reading its table of contents back, and only then renamed to FILE.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 DATABASE [FILE]" >&2
  exit 2
fi
database=$1
file=${2:-stationnet-$(date -u +%Y%m%dT%H%M%SZ).dump}
bin=${PG_BIN:+$PG_BIN/}

partial="$file.partial"
trap 'rm -f "$partial"' EXIT
# --format=custom: compressed, and pg_restore can restore it table by table or in parallel.
# --no-owner/--no-privileges: the restoring role owns what it restores, whatever the role names there.
"${bin}pg_dump" --format=custom --no-owner --no-privileges --file="$partial" --dbname="$database"
"${bin}pg_restore" --list "$partial" | grep -q "TABLE DATA public stationnet_journal" \
  || { echo "backup.sh: the dump has no journal; is $database a StationNet database?" >&2; exit 1; }
mv "$partial" "$file"
trap - EXIT
echo "$file"
