#!/usr/bin/env bash
# "An evening of Mario Kart" (issue 9): every protocol at once in the evening scenario's proportions, against one node
# on the embedded SQLite store. Builds Release, migrates a fresh data folder and seeds it with the SAKE standard layout
# (100,000 FriendInfo records and ghosts, what sake-mix expects), starts the node on loopback ports chosen by the
# kernel, runs the mix for DURATION with USERS users split by share, prints the report and stops the node.
#
#   bash Wiimmfi.LoadTest/scripts/evening.sh [USERS] [DURATION]      # default 400 users, 30s
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
USERS="${1:-400}"
DURATION="${2:-30s}"
DATA="$(mktemp -d /tmp/wiimmfi-evening.XXXXXX)"
HOST_DLL="$ROOT/Wiimmfi.Host/bin/Release/net10.0/wiimmfi.dll"
LOAD_DLL="$ROOT/Wiimmfi.LoadTest/bin/Release/net10.0/wiimmfi-load.dll"
BENCH_DLL="$ROOT/Wiimmfi.Benchmarks/bin/Release/net10.0/Wiimmfi.Benchmarks.dll"
for project in Wiimmfi.Host Wiimmfi.LoadTest Wiimmfi.Benchmarks; do dotnet build -c Release -v q -nologo "$ROOT/$project" >/dev/null; done

settings=(--set "wiimmfi.data-folder=$DATA" --set wiimmfi.logging.level=Warning --set wiimmfi.store.kind=sqlite --set wiimmfi.store.sqlite-file=wiimmfi.db)
for listener in nas gpcm gpsp master ms natneg management; do
  settings+=(--set "wiimmfi.$listener.bind=127.0.0.1" --set "wiimmfi.$listener.port=0")
done
dotnet "$HOST_DLL" db migrate "${settings[@]}" >/dev/null
dotnet "$BENCH_DLL" sake seed --sqlite "$DATA/wiimmfi.db"
dotnet "$HOST_DLL" run "${settings[@]}" >"$DATA/node.log" 2>&1 &
NODE_PID=$!
trap 'kill -TERM $NODE_PID 2>/dev/null; wait $NODE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  [[ -f "$DATA/node.json" ]] && curl -fs "http://$(jq -r .endpoints.management "$DATA/node.json")/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
port() { jq -r ".endpoints.$1" "$DATA/node.json" | cut -d: -f2; }
PORTS="nas=$(port nas),gpcm=$(port gpcm),master=$(port master),ms=$(port ms),natneg=$(port natneg),management=$(port management)"
echo "load average before: $(cat /proc/loadavg)"
# A smaller QR2 fleet than the matchmaking figures (2,000 hosts, 10 heartbeats a step): an evening's rooms, not a flood.
WIIMMFI_LOAD_HOSTS="${WIIMMFI_LOAD_HOSTS:-2000}" WIIMMFI_LOAD_HEARTBEAT_BATCH="${WIIMMFI_LOAD_HEARTBEAT_BATCH:-10}" \
  flock "${MEASURE_LOCK:-/tmp/wiimmfi-measure.lock}" dotnet "$LOAD_DLL" run --scenario evening --ports "$PORTS" --source-addresses 127.0.4.1-127.0.4.50 \
  --copies "$USERS" --ramp 5s --duration "$DURATION" --warm-up 10s --sample-pid "$NODE_PID" --progress 10s \
  --report-folder "$DATA/report"
echo "load average after: $(cat /proc/loadavg)"
