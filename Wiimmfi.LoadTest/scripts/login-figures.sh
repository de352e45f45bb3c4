#!/usr/bin/env bash
# Issue 4 item 8 figures: logins per second and latency (NAS + GPCM) with ~1,000 consoles online on one node, and the
# memory of an idle logged-in console. Bounded: about 2 minutes; stops the node and every load process it started.
#
#   Wiimmfi.LoadTest/scripts/login-figures.sh [out-folder]         (default /tmp/wiimmfi-login-figures)
#
# RATE (1000), IDLE (5000 consoles held for the memory figure), NO_BUILD=1 (skip the Release build), NODE_DLL (another
# build of the node, for before/after comparisons), PORT_BASE (23700: below the ephemeral range 32768-60999, whose
# ports a client's TIME_WAIT can hold). NODE_CPUS / LOAD_CPUS pin the node / the load tool with taskset (default: not
# pinned; on this shared 2-core machine a pinned node competes for one core with everyone else's builds).
#
# Phases:
#  1. logins at RATE/s for 30 s warm-up (JIT, pools, SQLite pages) + 30 s measured; each console stays online 1 s,
#     so about RATE consoles are online at once. Report: $OUT/rate/report.md (the "iteration" line is NAS + GPCM).
#  2. idle memory: baseline RSS, then IDLE consoles log in over 10 s and stay online (no traffic: a console's own
#     keep-alive is minutes apart); RSS and kernel slab are read once they are all in, before any leaves.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=node-under-test.sh
PORT_BASE="${PORT_BASE:-23700}"
source "$SCRIPT_DIR/node-under-test.sh"
OUT="${1:-/tmp/wiimmfi-login-figures}"
RATE="${RATE:-1000}"
IDLE="${IDLE:-5000}"
rm -rf "$OUT"; mkdir -p "$OUT"
trap node_stop EXIT

[[ "${NO_BUILD:-}" == 1 ]] || build_release
node_start "$OUT/node"
echo "node pid $NODE_PID; loadavg $(cat /proc/loadavg)" | tee "$OUT/conditions.txt"

load() {
  local pin=()
  if [[ -n "${LOAD_CPUS:-}" ]]; then pin=(taskset -c "$LOAD_CPUS"); fi
  "${pin[@]}" dotnet "$LOAD_DLL" run --scenario login --ports "$(load_ports)" \
    --source-addresses 127.0.0.2-127.0.0.250 --sample-pid "$NODE_PID" --progress 10s "$@"
}

# 1. throughput and latency
load --rate "$RATE" --duration 30s --warm-up 30s --set login.online=1s -o "$OUT/rate" | tail -n 40
echo "after rate: loadavg $(cat /proc/loadavg)" | tee -a "$OUT/conditions.txt"

# 2. idle memory per logged-in console
sleep 5
slab_kib() { awk '/^Slab:/ {print $2}' /proc/meminfo; }
rss0=$(rss_kib "$NODE_PID"); slab0=$(slab_kib)
per_second=$((IDLE / 10))
load --rate "$per_second" --duration 10s --set login.online=40s --max-users $((IDLE + 1000)) \
  --step-timeout 90s --drain-timeout 60s --max-duration 80s -o "$OUT/idle" > "$OUT/idle.log" &
LOAD_PID=$!
# Wait until the node holds them all (GPCM open connections), at most 40 s.
open=0
for _ in $(seq 1 80); do
  open=$(curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/node/metrics" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(sum(l["openConnections"] for l in m["tcpListeners"] if l["name"]=="gpcm"))' 2>/dev/null || echo 0)
  [[ "$open" -ge "$IDLE" ]] && break
  sleep 0.5
done
sleep 3 # let the last logins' garbage settle into the steady state
open=$(curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/node/metrics" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(sum(l["openConnections"] for l in m["tcpListeners"] if l["name"]=="gpcm"))')
rss1=$(rss_kib "$NODE_PID"); slab1=$(slab_kib)
wait "$LOAD_PID" || true
{
  echo "idle consoles held (GPCM open connections): $open"
  echo "node RSS before: $rss0 KiB, with them: $rss1 KiB"
  echo "node RSS per console: $(( (rss1 - rss0) * 1024 / open )) B"
  echo "kernel slab delta (both ends of each socket, load tool included): $(( (slab1 - slab0) * 1024 / open )) B per console"
  echo "loadavg $(cat /proc/loadavg)"
} | tee "$OUT/idle-memory.txt"
