#!/usr/bin/env bash
# How fast the watchdog brings a node back after kill -9 (issue 8 figures): runs `wiimmfi watchdog` (Release) on high
# loopback ports, then ROUNDS times kills the serving node with SIGKILL and measures, with bash builtins only (no
# process started while timing), (1) kill -> the watchdog has started a new child process, (2) kill -> the new node
# answers /health/ready (includes .NET start-up and opening the store). Stops the watchdog at the end.
#
#   bash Wiimmfi.LoadTest/scripts/watchdog-restart.sh [rounds]      # default 5
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS="${1:-5}"
BASE="${PORT_BASE:-25300}"
MGMT=$((BASE + 558))
FOLDER="$(mktemp -d /tmp/wiimmfi-watchdog.XXXXXX)"
NODE_DLL="$REPO_ROOT/Wiimmfi.Host/bin/Release/net10.0/wiimmfi.dll"
(cd "$REPO_ROOT" && dotnet build -c Release Wiimmfi.Host -v q -nologo >/dev/null)

settings=(--set "wiimmfi.data-folder=$FOLDER" --set wiimmfi.logging.level=Warning
  --set wiimmfi.management.bind=127.0.0.1 --set "wiimmfi.management.port=$MGMT")
for p in nas:80 gpcm:900 gpsp:901 master:700 ms:910 natneg:701; do
  settings+=(--set "wiimmfi.${p%%:*}.bind=127.0.0.1" --set "wiimmfi.${p%%:*}.port=$((BASE + ${p##*:}))")
done
dotnet "$NODE_DLL" watchdog "${settings[@]}" >>"$FOLDER/watchdog.log" 2>&1 &
WATCHDOG=$!
trap 'kill -TERM $WATCHDOG 2>/dev/null; wait $WATCHDOG 2>/dev/null || true' EXIT

ready() { curl -sf "http://127.0.0.1:$MGMT/health/ready" >/dev/null 2>&1; }
child() { # the watchdog's current child pid, read from /proc with builtins only
  local f c
  for f in /proc/$WATCHDOG/task/*/children; do c=""; read -r c _ <"$f" 2>/dev/null || true; [[ -n "$c" ]] && { echo "$c"; return; }; done
}
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

for _ in $(seq 1 240); do ready && break; sleep 0.25; done
ready || { echo "node did not start; see $FOLDER/watchdog.log" >&2; exit 1; }
echo "load average before: $(cat /proc/loadavg)"
echo "| round | killed pid | new pid | kill → new process started (ms) | kill → serving again (ms) |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  old="$(child)"
  start=$(now_us)
  kill -KILL "$old"
  new=""
  while :; do
    for f in /proc/$WATCHDOG/task/*/children; do c=""; read -r c _ <"$f" 2>/dev/null || true; if [[ -n "$c" && "$c" != "$old" ]]; then new=$c; break 2; fi; done
  done
  spawned=$(now_us)
  until ready; do sleep 0.005; done
  serving=$(now_us)
  printf '| %d | %s | %s | %.1f | %.0f |\n' "$round" "$old" "$new" "$(( spawned - start ))e-3" "$(( serving - start ))e-3"
  sleep 2
done
echo "load average after: $(cat /proc/loadavg)"
