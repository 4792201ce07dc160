#!/usr/bin/env bash
# Takes the README's screenshots at any hour: starts the embedded default (sample network with its ~400 days
# of history, demo traffic on) on free ports, waits until it answers and has run a little, and photographs
# the front door, the wall, the tablet, the manager's page and administration with headless Chromium.
# Options (environment): PORT (HTTP port, default a free one), WARMUP (seconds of live traffic, default 20),
# RATE (the simulator's taps per station-hour at the lunch peak, default the app's own).
set -euo pipefail
cd "$(dirname "$0")/.."
# LANG_SHOTS=en takes the same pictures in English, into OUT (default docs/screenshots).
out=${OUT:-docs/screenshots}
mkdir -p "$out"
command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
}
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=${PORT:-$(free_port)}
dotnet build src/Silo -c Release -nologo -clp:ErrorsOnly
password="screenshots-$RANDOM-$RANDOM"
first_run=$(mktemp)
env StationNet__Admin__Password="$password" StationNet__FirstRunFile="$first_run" StationNet__Simulator__Enabled=true \
  StationNet__Orleans__SiloPort="$(free_port)" StationNet__Orleans__GatewayPort="$(free_port)" \
  ${RATE:+StationNet__Simulator__PeakPerStationHour=$RATE} \
  dotnet run --project src/Silo -c Release --no-build --urls "http://127.0.0.1:$port" >/tmp/stationnet-screenshots.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$first_run"' EXIT
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/api/about" >/dev/null && break
  kill -0 $server 2>/dev/null || { cat /tmp/stationnet-screenshots.log; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/api/about" >/dev/null || { echo "the app did not start; see /tmp/stationnet-screenshots.log"; exit 1; }
grep -h "sample history" /tmp/stationnet-screenshots.log || true
sleep "${WARMUP:-20}"
tools=$(mktemp -d)
npm install --prefix "$tools" --no-audit --no-fund --loglevel=error playwright-core >/dev/null
cp scripts/screenshots.mjs "$tools/"
node "$tools/screenshots.mjs" "http://127.0.0.1:$port" "$(cd "$out" && pwd)" "$password" "${LANG_SHOTS:-zh}"
echo "screenshots in $out"
