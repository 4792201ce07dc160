#!/usr/bin/env bash
# Takes the README's screenshots: starts the embedded default with brisk demo traffic on a spare port,
# lets it run for a while, and photographs the three screens with headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-5099}
out=docs/screenshots
mkdir -p "$out"
command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
}
dotnet build src/Silo -c Release -nologo -clp:ErrorsOnly
password="screenshots-$RANDOM-$RANDOM"
StationNet__Admin__Password=$password StationNet__Simulator__PeakPerStationHour=${RATE:-2500} StationNet__Orleans__SiloPort=11199 StationNet__Orleans__GatewayPort=30099 \
  dotnet run --project src/Silo -c Release --no-build --urls "http://127.0.0.1:$port" >/tmp/stationnet-screenshots.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep "${WARMUP:-45}"
tools=$(mktemp -d)
npm install --prefix "$tools" --no-audit --no-fund --loglevel=error playwright-core >/dev/null
cp scripts/screenshots.mjs "$tools/"
node "$tools/screenshots.mjs" "http://127.0.0.1:$port" "$PWD/$out" "$password"
echo "screenshots in $out"
