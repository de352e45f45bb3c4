#!/usr/bin/env bash
# Smart-restart switch time with 1,000 and 10,000 connected consoles (issue 8 figures).
# Builds Release, starts a node (node-under-test.sh: loopback ports PORT_BASE + offset, its own data folder), holds N
# logged-in GPCM consoles plus 4 busy probes, asks for 3 smart restarts per size and prints the table; stops the
# node at the end.
#
#   bash Wiimmfi.LoadTest/scripts/switch-time.sh [sizes...]      # default: 1000 10000
set -euo pipefail
SIZES=("$@")
if [[ ${#SIZES[@]} -eq 0 ]]; then SIZES=(1000 10000); fi
PORT_BASE="${PORT_BASE:-24300}"
NODE_EXTRA_SETTINGS="--set wiimmfi.management.username=bench --set wiimmfi.management.password=bench"
# shellcheck source=node-under-test.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node-under-test.sh"
FOLDER="$(mktemp -d /tmp/wiimmfi-switch.XXXXXX)"
build_release

stop_serving_node() {
  # Every restart hands the node to a new process: node.json names the one serving now.
  NODE_PID="$(sed -n 's/.*"pid": *\([0-9]*\).*/\1/p' "$FOLDER/node.json" 2>/dev/null | head -1)"
  node_stop
}
trap stop_serving_node EXIT
node_start "$FOLDER"

echo "load average before: $(cat /proc/loadavg)"
for n in "${SIZES[@]}"; do
  # Each size signs in fresh consoles; the previous size's consoles have logged out by then.
  dotnet "$LOAD_DLL" switch-time --ports "nas=$NAS_PORT,gpcm=$GPCM_PORT,management=$MANAGEMENT_PORT" --admin bench:bench \
    --consoles "$n" --probes 4 --rounds 3 --settle 2s --max-duration 10m
  echo "load average: $(cat /proc/loadavg)"
done
