#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, builds, runs every test,
# and prints one closing line "N passed, N failed" summed over the test assemblies.
set -uo pipefail
cd "$(dirname "$0")/.."

# --- what the tests need from Debian: Node for the client build, the PostgreSQL server for the
# storage tests (they start throwaway clusters from its binaries), Chromium for the browser tests.
missing=()
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
# Chinese glyphs: without them layout tests measure fallback boxes, not the text people see.
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}"; exit 1; }
fi

# The container files must stay valid even though no Docker engine runs here.
docker-compose -f docker/compose.yml config -q || { echo "docker/compose.yml is not valid"; echo "0 passed, 1 failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build StationNet.sln -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
dotnet test StationNet.sln -c Release --no-build -nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# dotnet test prints one summary per assembly: "Passed!  - Failed:     0, Passed:    51, Skipped: ..."
passed=$(grep -Eo 'Passed:[[:space:]]+[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed:[[:space:]]+[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# What the run had, for reading a failure later: browsers and PostgreSQL share /dev/shm, small in many containers.
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), /dev/shm $(df -h /dev/shm 2>/dev/null | awk 'NR == 2 {print $2 " (" $4 " free)"}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$passed passed, $failed failed"
exit "$rc"
