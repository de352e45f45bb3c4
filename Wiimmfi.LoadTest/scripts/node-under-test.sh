#!/usr/bin/env bash
# Starts a Wiimmfi node for a load run: Release build, its own data folder, every listener on 127.0.0.1 and high
# ports (PORT_BASE + offset, never 80), warnings-only logging. Sourced by the figure scripts; usable alone:
#
#   source Wiimmfi.LoadTest/scripts/node-under-test.sh
#   node_start /tmp/wiimmfi-node        # starts, waits for /health/ready, sets NODE_PID and the *_PORT variables
#   node_stop                           # SIGTERM, waits for the exit (graceful close of every connection)
#
# NODE_CPUS (e.g. "0") pins the node with taskset; NODE_EXTRA_SETTINGS adds "--set k=v" arguments.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT_BASE="${PORT_BASE:-22700}"
NAS_PORT=$((PORT_BASE + 80))
GPCM_PORT=$((PORT_BASE + 900))
GPSP_PORT=$((PORT_BASE + 901))
MASTER_PORT=$((PORT_BASE + 700))
MS_PORT=$((PORT_BASE + 910))
NATNEG_PORT=$((PORT_BASE + 701))
MANAGEMENT_PORT=$((PORT_BASE + 558))
NODE_PID=""
NODE_DLL="${NODE_DLL:-$REPO_ROOT/Wiimmfi.Host/bin/Release/net10.0/wiimmfi.dll}"
LOAD_DLL="$REPO_ROOT/Wiimmfi.LoadTest/bin/Release/net10.0/wiimmfi-load.dll"

build_release() {
  (cd "$REPO_ROOT" && dotnet build -c Release Wiimmfi.Host -v q -nologo >/dev/null && dotnet build -c Release Wiimmfi.LoadTest -v q -nologo >/dev/null)
}

# The --ports argument the load tool needs for this node.
load_ports() {
  echo "nas=$NAS_PORT,gpcm=$GPCM_PORT,master=$MASTER_PORT,ms=$MS_PORT,natneg=$NATNEG_PORT,management=$MANAGEMENT_PORT"
}

node_start() {
  local folder="$1"
  mkdir -p "$folder"
  local pin=()
  if [[ -n "${NODE_CPUS:-}" ]]; then pin=(taskset -c "$NODE_CPUS"); fi
  # shellcheck disable=SC2086
  (cd "$REPO_ROOT" && exec "${pin[@]}" dotnet "$NODE_DLL" \
    --set "wiimmfi.data-folder=$folder" \
    --set wiimmfi.nas.bind=127.0.0.1 --set "wiimmfi.nas.port=$NAS_PORT" \
    --set wiimmfi.gpcm.bind=127.0.0.1 --set "wiimmfi.gpcm.port=$GPCM_PORT" \
    --set wiimmfi.gpsp.bind=127.0.0.1 --set "wiimmfi.gpsp.port=$GPSP_PORT" \
    --set wiimmfi.master.bind=127.0.0.1 --set "wiimmfi.master.port=$MASTER_PORT" \
    --set wiimmfi.ms.bind=127.0.0.1 --set "wiimmfi.ms.port=$MS_PORT" \
    --set wiimmfi.natneg.bind=127.0.0.1 --set "wiimmfi.natneg.port=$NATNEG_PORT" \
    --set "wiimmfi.management.port=$MANAGEMENT_PORT" \
    --set wiimmfi.logging.level=Warning \
    ${NODE_EXTRA_SETTINGS:-} >"$folder/node.log" 2>&1) &
  NODE_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/health/ready" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$NODE_PID" 2>/dev/null; then echo "node exited; see $folder/node.log" >&2; tail -20 "$folder/node.log" >&2; return 1; fi
    sleep 0.5
  done
  echo "node not ready after 60 s; see $folder/node.log" >&2
  node_stop
  return 1
}

node_stop() {
  if [[ -n "$NODE_PID" ]] && kill -0 "$NODE_PID" 2>/dev/null; then
    kill -TERM "$NODE_PID"
    for _ in $(seq 1 60); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$NODE_PID" 2>/dev/null && kill -KILL "$NODE_PID"
    wait "$NODE_PID" 2>/dev/null || true
  fi
  NODE_PID=""
}

# VmRSS of a process in KiB.
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# utime+stime of a process in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
