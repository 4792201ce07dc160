#!/usr/bin/env bash
# The long form of the reliability proof (docs/reliability.md): the same tests CI runs in short form,
# with a 30-minute soak (200 events/s, 200 walls) and 100 fuzz rounds per endpoint and caller.
# Override with STATIONNET_SOAK_MINUTES and STATIONNET_FUZZ_ROUNDS. Prints the figures as it goes and
# keeps the whole log in artifacts/reliability.log.
set -uo pipefail
cd "$(dirname "$0")/.."
export STATIONNET_SOAK_MINUTES="${STATIONNET_SOAK_MINUTES:-30}"
export STATIONNET_FUZZ_ROUNDS="${STATIONNET_FUZZ_ROUNDS:-100}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p artifacts
dotnet build StationNet.sln -c Release -nologo -clp:ErrorsOnly || exit 1
echo "soak ${STATIONNET_SOAK_MINUTES} min, fuzz ${STATIONNET_FUZZ_ROUNDS} rounds; $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
dotnet test StationNet.sln -c Release --no-build -nologo --filter "Category=Reliability" \
  --logger "console;verbosity=detailed" > artifacts/reliability.log 2>&1
rc=$?
# The figures each test prints: soak table, fuzz counts, fault timings.
grep -a -E '^\s*(\||[0-9]+ requests over|[0-9]+ invocations|answers:|a tap during|silo A declared|the wall on silo|the survivor took|backup of|recovered to)' artifacts/reliability.log | sed 's/^\s*//'
grep -a -E '^\s+Failed StationNet' artifacts/reliability.log | sed 's/^\s*//'
grep -a -E '(Passed|Failed)!' artifacts/reliability.log
exit "$rc"
