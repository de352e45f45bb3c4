#!/usr/bin/env bash
# The most logins per second of a node: COPIES (32) consoles logging in back to back (closed model), 20 s warm-up and
# 20 s measured; the report's target line gives the node's CPU, so CPU per login = CPU % / 100 / logins per second.
# Used for before/after comparisons of a server change (NODE_DLL=<other build>/wiimmfi.dll). About 1 minute.
#
#   Wiimmfi.LoadTest/scripts/login-closed.sh [out-folder]        (default /tmp/wiimmfi-login-closed)
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT_BASE="${PORT_BASE:-23700}"
# shellcheck source=node-under-test.sh
source "$SCRIPT_DIR/node-under-test.sh"
OUT="${1:-/tmp/wiimmfi-login-closed}"
rm -rf "$OUT"; mkdir -p "$OUT"
trap node_stop EXIT
node_start "$OUT/node"
echo "node $NODE_DLL; loadavg $(cat /proc/loadavg)"
dotnet "$LOAD_DLL" run --scenario login --ports "$(load_ports)" --source-addresses 127.0.0.2-127.0.0.250 \
  --sample-pid "$NODE_PID" --progress 0 --copies "${COPIES:-32}" --duration 20s --warm-up 20s -o "$OUT/report" \
  | sed -n '/^scenario/,/^hint\|wiimmfi-load: report/p'
echo "loadavg $(cat /proc/loadavg)"
