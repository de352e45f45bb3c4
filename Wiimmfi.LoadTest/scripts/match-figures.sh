#!/usr/bin/env bash
# The matchmaking and NATNEG figures of docs/performance.md ("Matchmaking", "NATNEG"), one measurement per call:
#
#   Wiimmfi.LoadTest/scripts/match-figures.sh heartbeats [RATE] [DURATION]   # raw UDP echo, node absorbing heartbeats, echo again
#   Wiimmfi.LoadTest/scripts/match-figures.sh updates [RATE] [DURATION]      # the same with every heartbeat changing its record
#   Wiimmfi.LoadTest/scripts/match-figures.sh ms [COPIES] [DURATION]         # MS list queries over TCP against a 10,000-host table
#   Wiimmfi.LoadTest/scripts/match-figures.sh natneg [RATE] [DURATION]       # complete NATNEG negotiations per second
#
# Each call builds Release, starts its own node (data folder under $OUT, every listener on 127.0.0.1 at PORT_BASE+n,
# warnings-only log), runs the load tool against it, reads the node's own counters (GET /matchmaking, GET /natneg,
# GET /node/metrics) before and after the measured window, stops the node and prints one JSON line of results.
# Runs are serialised with other engineers' measurements through a lock file (flock; MEASURE_LOCK, default /tmp/wiimmfi-measure.lock), and the load average
# is recorded with each figure. Reports land in $OUT (default /tmp/match-figures/<time>-<kind>).
set -euo pipefail

PORT_BASE="${PORT_BASE:-26300}"
# The node (Release, loopback ports PORT_BASE + offset, warnings-only log) and its stop: shared with the login figures.
# shellcheck source=node-under-test.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node-under-test.sh"
ECHO_BIN="$REPO_ROOT/Wiimmfi.LoadTest/baseline/bin/udp_echo"
LOCK="${MEASURE_LOCK:-/tmp/wiimmfi-measure.lock}"
KIND="${1:?heartbeats|updates|ms|natneg}"
OUT="${OUT:-/tmp/match-figures/$(date -u +%Y%m%d-%H%M%S)-$KIND}"
HOSTS="${WIIMMFI_LOAD_HOSTS:-10000}"
# Consoles come from 100 loopback addresses (each of them many ports), as consoles behind many NATs.
SOURCES="${SOURCES:-127.0.3.1-127.0.3.100}"
NODE_PID=""
mkdir -p "$OUT"

if [[ -z "${SKIP_BUILD:-}" ]]; then
  build_release
  "$REPO_ROOT/Wiimmfi.LoadTest/baseline/build.sh" >/dev/null
fi

trap node_stop EXIT

# The kernel's UDP receive-buffer drops on this machine (all sockets): datagrams a receiver was too slow to take.
udp_rcvbuf_errors() { awk '/^Udp:/ { if (header) { print $6; exit } else header = 1 }' /proc/net/snmp; }

mgmt() { curl -sf "http://127.0.0.1:$MANAGEMENT_PORT$1"; }

# Samples a counter of the node once a second ("<unix ms> <value>" lines) until the file $OUT/stop-poll exists.
poll_counter() {
  local path="$1" filter="$2" file="$3"
  rm -f "$OUT/stop-poll"
  while [[ ! -e "$OUT/stop-poll" ]]; do
    local value
    value=$(mgmt "$path" | jq -r "$filter" 2>/dev/null || echo "")
    [[ -n "$value" ]] && echo "$(date +%s%3N) $value" >>"$file"
    sleep 1
  done
}

# The rate of a polled counter over the samples where it moved at >= 20 % of its fastest second, first and last such
# second left out (ramp-up and the drain): what the node absorbed in steady state.
steady_rate() {
  python3 - "$1" <<'EOF'
import sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
rates = [((rows[i][1] - rows[i-1][1]) / ((rows[i][0] - rows[i-1][0]) / 1000), i) for i in range(1, len(rows))]
peak = max(r for r, _ in rates) if rates else 0
busy = [i for r, i in rates if r >= 0.2 * peak]
if len(busy) < 3:
    print(0); sys.exit()
first, last = busy[1] - 1, busy[-2]
print(round((rows[last][1] - rows[first][1]) / ((rows[last][0] - rows[first][0]) / 1000)))
EOF
}

echo_bench() {
  "$ECHO_BIN" bench --runs 3 --seconds 5 --warmup 2 | tail -1
}

load_run() {
  # --max-duration: the default bound (warm-up + load + 10 %) cuts a run whose driver fell behind on a busy machine.
  dotnet "$LOAD_DLL" run --max-duration 90s --target 127.0.0.1 --ports "master=$MASTER_PORT,ms=$MS_PORT,natneg=$NATNEG_PORT,management=$MANAGEMENT_PORT" \
    --source-addresses "$SOURCES" --sample-pid "$NODE_PID" --progress 0 -o "$OUT/report" "$@" >"$OUT/load.txt" 2>&1
}

heartbeats() {
  local change="$1" rate="${2:-1500}" duration="${3:-15s}" scenario=qr2-heartbeats
  [[ "$change" == 1 ]] && scenario=qr2-updates
  local loadavg_before echo_before echo_after
  loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
  echo_before=$(echo_bench)
  node_start "$OUT/node"
  poll_counter /matchmaking '.counters.qr2_heartbeats' "$OUT/heartbeats.txt" &
  local poller=$! drops_before
  drops_before=$(udp_rcvbuf_errors)
  WIIMMFI_LOAD_HOSTS="$HOSTS" load_run --scenario "$scenario" --rate "$rate" --duration "$duration" --warm-up 5s --max-users 20000
  touch "$OUT/stop-poll"; wait "$poller" || true
  mgmt /node/metrics >"$OUT/node-metrics.json" || true
  mgmt /matchmaking >"$OUT/matchmaking.json" || true
  local absorbed drops sent node_cpu
  drops=$(( $(udp_rcvbuf_errors) - drops_before ))
  absorbed=$(steady_rate "$OUT/heartbeats.txt")
  # Heartbeats offered per second in the measured window (100 per step by default).
  sent=$(jq '[.scenarios[0].steps[] | select(.name=="heartbeats") | .requestsPerSecond] | add * '"${WIIMMFI_LOAD_HEARTBEAT_BATCH:-100}"' | round' "$OUT/report/report.json" 2>/dev/null || echo 0)
  node_cpu=$(jq '.processes[] | select(.label=="target") | .cpuPercent | round' "$OUT/report/report.json" 2>/dev/null || echo 0)
  node_stop
  echo_after=$(echo_bench)
  python3 - "$absorbed" "$echo_before" "$echo_after" "$loadavg_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$scenario" "$sent" "$HOSTS" "$drops" "$node_cpu" <<'EOF'
import json, sys
absorbed = int(sys.argv[1]); before = json.loads(sys.argv[2]); after = json.loads(sys.argv[3])
raw = (before["median"] + after["median"]) / 2
print(json.dumps({"figure": sys.argv[6], "hosts": int(sys.argv[8]), "offered_heartbeats_per_s": int(sys.argv[7]),
    "absorbed_heartbeats_per_s": absorbed, "kernel_rcvbuf_drops": int(sys.argv[9]), "node_cpu_percent": int(sys.argv[10]),
    "raw_echo_before": before["median"], "raw_echo_after": after["median"],
    "ratio": round(absorbed / raw, 3), "loadavg_before": sys.argv[4], "loadavg_after": sys.argv[5]}))
EOF
}

ms() {
  local copies="${2:-64}" duration="${3:-15s}"
  local loadavg_before rss_empty rss_full heap
  loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
  node_start "$OUT/node"
  sleep 2
  rss_empty=$(rss_kib "$NODE_PID")
  poll_counter /matchmaking '.counters.ms_list_requests' "$OUT/lists.txt" &
  local poller=$!
  WIIMMFI_LOAD_HOSTS="$HOSTS" load_run --scenario ms-list --copies "$copies" --duration "$duration" --warm-up 10s --step-timeout 30s
  touch "$OUT/stop-poll"; wait "$poller" || true
  mgmt /matchmaking >"$OUT/matchmaking.json" || true
  node_stop
  jq -c --arg la "$loadavg_before" --arg la2 "$(cut -d' ' -f1-3 /proc/loadavg)" --arg node_rate "$(steady_rate "$OUT/lists.txt")" \
    '{figure:"ms-list", copies:'"$copies"', node_list_requests_per_s:($node_rate|tonumber),
      step:(.scenarios[0].steps[] | select(.name=="list") | {ok, failed, rps:(.requestsPerSecond|round), p50_ms:.latency.p50Ms, p99_ms:.latency.p99Ms}),
      node_cpu_percent:(.processes[] | select(.label=="target") | .cpuPercent | round),
      generator_cpu_percent:(.processes[] | select(.label=="load-generator") | .cpuPercent | round),
      loadavg_before:$la, loadavg_after:$la2}' "$OUT/report/report.json" 2>/dev/null || tail -30 "$OUT/load.txt"
}

natneg() {
  local rate="${2:-2000}" duration="${3:-15s}"
  local loadavg_before
  loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)
  node_start "$OUT/node"
  poll_counter /natneg '.completed' "$OUT/completed.txt" &
  local poller=$!
  load_run --scenario natneg --rate "$rate" --duration "$duration" --warm-up 5s --max-users 20000
  touch "$OUT/stop-poll"; wait "$poller" || true
  mgmt /natneg >"$OUT/natneg.json" || true
  node_stop
  jq -c --arg la "$loadavg_before" --arg la2 "$(cut -d' ' -f1-3 /proc/loadavg)" --arg node_rate "$(steady_rate "$OUT/completed.txt")" \
    '{figure:"natneg", offered_per_s:'"$rate"', node_completed_per_s:($node_rate|tonumber),
      step:(.scenarios[0].steps[] | select(.name=="negotiate") | {ok, failed, rps:(.requestsPerSecond|round), p50_ms:.latency.p50Ms, p99_ms:.latency.p99Ms}),
      node_cpu_percent:(.processes[] | select(.label=="target") | .cpuPercent | round),
      generator_cpu_percent:(.processes[] | select(.label=="load-generator") | .cpuPercent | round),
      loadavg_before:$la, loadavg_after:$la2}' "$OUT/report/report.json" 2>/dev/null || tail -30 "$OUT/load.txt"
}

run() {
  case "$KIND" in
    heartbeats) heartbeats 0 "${@:2}" ;;
    updates) heartbeats 1 "${@:2}" ;;
    ms) ms "$@" ;;
    natneg) natneg "$@" ;;
    *) echo "unknown figure $KIND" >&2; exit 2 ;;
  esac
}

if [[ -z "${MEASURE_LOCKED:-}" ]]; then
  OUT="$OUT" MEASURE_LOCKED=1 SKIP_BUILD=1 exec flock "$LOCK" "$0" "$@"
fi
run "$@" | tee "$OUT/result.json"
