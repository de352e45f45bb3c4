#!/usr/bin/env bash
# Issue 4 item 8 figures: logins per second and latency (NAS + GPCM) with ~1,000 consoles online on one node, and the
# memory of an idle logged-in console. Bounded (about 5 minutes); stops the node and every load process it started.
#
#   Wiimmfi.LoadTest/scripts/login-figures.sh [out-folder]         (default /tmp/wiimmfi-login-figures)
#
# Environment: RATES ("1000 500 750 250": open-model login rates, one run each), CLOSED (32: users of the closed-model
# run that finds the most logins per second), IDLE (5000 consoles held for the memory figure), SETTLE (30: seconds the
# idle consoles are held before the measurement), NO_BUILD=1 (skip the
# Release build), NODE_DLL (another build of the node, for before/after comparisons), PORT_BASE (23700: below the
# ephemeral range 32768-60999, whose ports a client's TIME_WAIT can hold), NODE_CPUS / LOAD_CPUS (pin with taskset;
# default not pinned: on this shared 2-core machine a pinned node competes for one core with everyone else's builds).
#
# Phases, all against one node process:
#  1. open model, for each rate in RATES: logins at that rate, each console online for 1 s (so about `rate` consoles
#     online at once), warm-up 30 s for the first rate (JIT of node and tool), 15 s for the next ones (the tool's
#     JIT; the node is warm), then 20 s measured. Report: $OUT/rate-<rate>/report.md; its "iteration" line is the
#     login latency NAS + GPCM.
#  2. closed model: CLOSED consoles logging in back to back (15 s warm-up, 20 s measured): the most logins per second
#     and, with the node's CPU time, the CPU per login. Report: $OUT/closed/report.md.
#  3. idle memory: a full compacting GC (POST /admin/gc) gives the baseline; IDLE consoles log in over 10 s and stay
#     online without traffic (a console's own keep-alive is minutes apart); once the node holds them all, the same
#     GC again; per console = difference / consoles. Kernel socket memory is the /proc/meminfo Slab difference, which
#     holds both ends of each connection (the load tool's too), so a server socket is about half of it.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT_BASE="${PORT_BASE:-23700}"
# shellcheck source=node-under-test.sh
source "$SCRIPT_DIR/node-under-test.sh"
OUT="${1:-/tmp/wiimmfi-login-figures}"
RATES="${RATES:-1000 500 750 250}"
CLOSED="${CLOSED:-32}"
IDLE="${IDLE:-5000}"
SETTLE="${SETTLE:-30}"
ADMIN_PASSWORD="figures-$$"
rm -rf "$OUT"; mkdir -p "$OUT"
trap node_stop EXIT

[[ "${NO_BUILD:-}" == 1 ]] || build_release
NODE_EXTRA_SETTINGS="${NODE_EXTRA_SETTINGS:-} --set wiimmfi.management.password=$ADMIN_PASSWORD" node_start "$OUT/node"
echo "node pid $NODE_PID ($NODE_DLL); loadavg $(cat /proc/loadavg)" | tee "$OUT/conditions.txt"

load() {
  local pin=()
  if [[ -n "${LOAD_CPUS:-}" ]]; then pin=(taskset -c "$LOAD_CPUS"); fi
  "${pin[@]}" dotnet "$LOAD_DLL" run --scenario login --ports "$(load_ports)" \
    --source-addresses 127.0.0.2-127.0.0.250 --sample-pid "$NODE_PID" --progress 0 "$@"
}
summary() { sed -n '/^scenario/,/^processes/p;/target/p;/^hint/p' "$1"; }

# 1. open model
warm=30s
for rate in $RATES; do
  load --rate "$rate" --duration 20s --warm-up "$warm" --set login.online=1s -o "$OUT/rate-$rate" > "$OUT/rate-$rate.log"
  echo "== rate $rate/s; loadavg after: $(cat /proc/loadavg)" | tee -a "$OUT/conditions.txt"
  summary "$OUT/rate-$rate.log"
  warm=15s
  sleep 3
done

# 2. closed model
load --copies "$CLOSED" --duration 20s --warm-up 15s -o "$OUT/closed" > "$OUT/closed.log"
echo "== closed $CLOSED users; loadavg after: $(cat /proc/loadavg)" | tee -a "$OUT/conditions.txt"
summary "$OUT/closed.log"

# 3. idle memory per logged-in console
sleep 3
gc() { curl -sf -u "admin:$ADMIN_PASSWORD" -X POST "http://127.0.0.1:$MANAGEMENT_PORT/admin/gc"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
gpcm_open() {
  curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/node/metrics" \
    | python3 -c 'import json,sys; m=json.load(sys.stdin); print(sum(l["openConnections"] for l in m["tcpListeners"] if l["name"]=="gpcm"))'
}
slab_kib() { awk '/^Slab:/ {print $2}' /proc/meminfo; }
# Bytes in the slab caches a TCP socket's kernel objects live in (socket, inode, file, dentry, epoll entries);
# read from /proc/slabinfo (root), so other processes' file-system churn does not count, unlike the Slab total.
socket_slab_bytes() {
  awk '$1 ~ /^(TCP|sock_inode_cache|filp|dentry|eventpoll_epi|eventpoll_pwq)$/ {sum += $2 * $4} END {print sum + 0}' /proc/slabinfo 2>/dev/null || echo 0
}
before=$(gc); slab0=$(slab_kib); sock0=$(socket_slab_bytes)
load --rate $((IDLE / 10)) --duration 10s --set login.online=$((SETTLE + 60))s --max-users $((IDLE + 1000)) \
  --step-timeout 90s --drain-timeout 60s --max-duration $((SETTLE + 100))s -o "$OUT/idle" > "$OUT/idle.log" &
LOAD_PID=$!
for _ in $(seq 1 80); do
  [[ "$(gpcm_open || echo 0)" -ge "$IDLE" ]] && break
  sleep 0.5
done
# Idle means steady state: Kestrel's memory pool keeps the blocks the login burst needed until its eviction, which
# runs every few seconds and frees blocks unused for a while (about 0.8 KB per console 3 s after the burst, none after 30 s).
sleep "$SETTLE"
open=$(gpcm_open); with=$(gc); slab1=$(slab_kib); sock1=$(socket_slab_bytes); open_after=$(gpcm_open)
wait "$LOAD_PID" || true
held=$(( open < open_after ? open : open_after ))
heap0=$(field heapSizeBytes <<<"$before"); heap1=$(field heapSizeBytes <<<"$with")
rss0=$(field workingSetBytes <<<"$before"); rss1=$(field workingSetBytes <<<"$with")
{
  echo "== idle: consoles held (GPCM open connections, before and after the measurement): $open, $open_after"
  echo "after a full GC, without them: heap $heap0 B, RSS $rss0 B; with them: heap $heap1 B, RSS $rss1 B"
  echo "per idle console: managed heap $(( (heap1 - heap0) / held )) B, RSS $(( (rss1 - rss0) / held )) B"
  echo "kernel slab difference per console (both ends of its socket): $(( (slab1 - slab0) * 1024 / held )) B"
  echo "socket slab caches (TCP, sock_inode_cache, filp, dentry, eventpoll) per console, both ends: $(( (sock1 - sock0) / held )) B; the server's half: $(( (sock1 - sock0) / held / 2 )) B"
  echo "loadavg $(cat /proc/loadavg)"
} | tee "$OUT/idle-memory.txt"
summary "$OUT/idle.log"
