#!/usr/bin/env bash
# Issue 9 item 4: the capacity run. Logged-in consoles (GPCM connection with keep-alives, QR2 host with heartbeats)
# held by one node, stepped up in levels by several load processes from distinct 127.0.x.y source addresses; at each
# level the node's memory (after a full compacting GC) and CPU are read. Bounded (about 4 minutes with the defaults);
# stops the node and every load process it started.
#
#   Wiimmfi.LoadTest/scripts/capacity-run.sh [out-folder]        (default /tmp/wiimmfi-capacity)
#
# Environment: PROCESSES (4) load processes, PER_PROCESS (4500) consoles each at the top level, LEVELS (4) equal steps
# up to it, RAMP (15s) per step, HOLD (25s) per level, INTERVAL (30s) between a console's keep-alive + heartbeat,
# NO_BUILD=1, PORT_BASE (23700). The top total (PROCESSES x PER_PROCESS, 18,000 by default) must stay under the
# node's Kestrel connection limit (19,000) and its 20,000 open files; a load process needs two descriptors per console
# (TCP + UDP), so PER_PROCESS must stay under ~9,000.
#
# Output: $OUT/levels.tsv (consoles, node heap and RSS after GC, node CPU % over 10 s, kernel slab), the merged load
# report $OUT/merged/report.md (keep-alive latency over the whole run) and one report per load process.
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT_BASE="${PORT_BASE:-23700}"
# shellcheck source=node-under-test.sh
source "$SCRIPT_DIR/node-under-test.sh"
OUT="${1:-/tmp/wiimmfi-capacity}"
PROCESSES="${PROCESSES:-4}"
PER_PROCESS="${PER_PROCESS:-4500}"
LEVELS="${LEVELS:-4}"
RAMP="${RAMP:-15s}"
HOLD="${HOLD:-25s}"
INTERVAL="${INTERVAL:-30s}"
ADMIN_PASSWORD="capacity-$$"
TICKS=$(getconf CLK_TCK)
rm -rf "$OUT"; mkdir -p "$OUT"
LOAD_PIDS=()
cleanup() {
  for pid in "${LOAD_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${LOAD_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  node_stop
}
trap cleanup EXIT

[[ "${NO_BUILD:-}" == 1 ]] || build_release
NODE_EXTRA_SETTINGS="${NODE_EXTRA_SETTINGS:-} --set wiimmfi.management.password=$ADMIN_PASSWORD" node_start "$OUT/node"
echo "node pid $NODE_PID; loadavg $(cat /proc/loadavg)" | tee "$OUT/conditions.txt"

gc() { curl -sf -u "admin:$ADMIN_PASSWORD" -X POST "http://127.0.0.1:$MANAGEMENT_PORT/admin/gc"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
gpcm_open() {
  curl -sf "http://127.0.0.1:$MANAGEMENT_PORT/node/metrics" \
    | python3 -c 'import json,sys; m=json.load(sys.stdin); print(sum(l["openConnections"] for l in m["tcpListeners"] if l["name"]=="gpcm"))'
}
slab_kib() { awk '/^Slab:/ {print $2}' /proc/meminfo; }

# Level 0: the node with no console, after a full GC.
zero=$(gc)
printf 'consoles\theap_bytes\trss_bytes\tnode_cpu_pct\tslab_kib\tloadavg\n' > "$OUT/levels.tsv"
printf '0\t%s\t%s\t-\t%s\t%s\n' "$(field heapSizeBytes <<<"$zero")" "$(field workingSetBytes <<<"$zero")" "$(slab_kib)" "$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/levels.tsv"

stages=()
for level in $(seq 1 "$LEVELS"); do
  users=$((PER_PROCESS * level / LEVELS))
  stages+=(--load "ramp-keep $users $RAMP" --load "keep $users $HOLD")
done
for i in $(seq 1 "$PROCESSES"); do
  dotnet "$LOAD_DLL" run --scenario capacity --ports "$(load_ports)" \
    --source-addresses "127.0.$((i + 10)).1-127.0.$((i + 10)).250" --user-id-offset $((i * 1000000)) --seed "$i" \
    "${stages[@]}" --set "capacity.interval=$INTERVAL" --max-users $((PER_PROCESS + 100)) \
    --step-timeout 60s --drain-timeout 5s --progress 0 -o "$OUT/load-$i" > "$OUT/load-$i.log" 2>&1 &
  LOAD_PIDS+=($!)
done

start=$(date +%s)
for level in $(seq 1 "$LEVELS"); do
  want=$((PROCESSES * PER_PROCESS * level / LEVELS))
  for _ in $(seq 1 60); do
    [[ "$(gpcm_open || echo 0)" -ge "$want" ]] && break
    sleep 0.5
  done
  sleep 3
  c0=$(cpu_ticks "$NODE_PID"); sleep 10; c1=$(cpu_ticks "$NODE_PID")
  held=$(gpcm_open); sample=$(gc)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$held" "$(field heapSizeBytes <<<"$sample")" "$(field workingSetBytes <<<"$sample")" \
    "$(( (c1 - c0) * 100 / TICKS / 10 ))" "$(slab_kib)" "$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/levels.tsv"
  echo "level $level: want $want, held $held at +$(( $(date +%s) - start )) s"
done
for pid in "${LOAD_PIDS[@]}"; do wait "$pid" || true; done
LOAD_PIDS=()
echo "loadavg after: $(cat /proc/loadavg)" | tee -a "$OUT/conditions.txt"
column -t "$OUT/levels.tsv"
dotnet "$LOAD_DLL" merge $(for i in $(seq 1 "$PROCESSES"); do echo "$OUT/load-$i"; done) --report-folder "$OUT/merged" > "$OUT/merged.log" 2>&1 || true
sed -n '/^scenario/,/^processes/p' "$OUT/merged.log"
for i in $(seq 1 "$PROCESSES"); do grep -E "load-generator" "$OUT/load-$i.log" || true; done
