#!/usr/bin/env bash
# Smart-restart switch time with 1,000 and 10,000 connected consoles (issue 8 figures).
# Builds Release, starts a node on high loopback ports with its own data folder, holds N logged-in GPCM consoles plus
# 4 busy probes, asks for 3 smart restarts per size and prints the table; stops the node at the end.
#
#   bash Wiimmfi.LoadTest/scripts/switch-time.sh [sizes...]      # default: 1000 10000
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZES=("$@")
if [[ ${#SIZES[@]} -eq 0 ]]; then SIZES=(1000 10000); fi
BASE="${PORT_BASE:-24300}"
NAS=$((BASE + 80)); GPCM=$((BASE + 900)); GPSP=$((BASE + 901)); MASTER=$((BASE + 700)); MS=$((BASE + 910)); NATNEG=$((BASE + 701)); MGMT=$((BASE + 558))
FOLDER="$(mktemp -d /tmp/wiimmfi-switch.XXXXXX)"
NODE_DLL="$REPO_ROOT/Wiimmfi.Host/bin/Release/net10.0/wiimmfi.dll"
LOAD_DLL="$REPO_ROOT/Wiimmfi.LoadTest/bin/Release/net10.0/wiimmfi-load.dll"

(cd "$REPO_ROOT" && dotnet build -c Release Wiimmfi.Host -v q -nologo >/dev/null && dotnet build -c Release Wiimmfi.LoadTest -v q -nologo >/dev/null)

stop_node() {
  # The serving pid changes with every restart: node.json names the current one.
  local pid
  pid="$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$FOLDER/node.json" 2>/dev/null | head -1)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; fi
}
trap stop_node EXIT

(cd "$FOLDER" && exec dotnet "$NODE_DLL" run \
  --set "wiimmfi.data-folder=$FOLDER" \
  --set wiimmfi.nas.bind=127.0.0.1 --set "wiimmfi.nas.port=$NAS" \
  --set wiimmfi.gpcm.bind=127.0.0.1 --set "wiimmfi.gpcm.port=$GPCM" \
  --set wiimmfi.gpsp.bind=127.0.0.1 --set "wiimmfi.gpsp.port=$GPSP" \
  --set wiimmfi.master.bind=127.0.0.1 --set "wiimmfi.master.port=$MASTER" \
  --set wiimmfi.ms.bind=127.0.0.1 --set "wiimmfi.ms.port=$MS" \
  --set wiimmfi.natneg.bind=127.0.0.1 --set "wiimmfi.natneg.port=$NATNEG" \
  --set wiimmfi.management.bind=127.0.0.1 --set "wiimmfi.management.port=$MGMT" \
  --set wiimmfi.management.username=bench --set wiimmfi.management.password=bench \
  --set wiimmfi.logging.level=Warning >>"$FOLDER/node.log" 2>&1) &
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$MGMT/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$MGMT/health/ready" >/dev/null || { echo "node did not start; see $FOLDER/node.log" >&2; exit 1; }

echo "load average before: $(cat /proc/loadavg)"
for n in "${SIZES[@]}"; do
  # Each size signs in fresh consoles; the previous size's consoles have logged out by then.
  dotnet "$LOAD_DLL" switch-time --ports "nas=$NAS,gpcm=$GPCM,management=$MGMT" --admin bench:bench \
    --consoles "$n" --probes 4 --rounds 3 --settle 2s --max-duration 10m
  echo "load average: $(cat /proc/loadavg)"
done
