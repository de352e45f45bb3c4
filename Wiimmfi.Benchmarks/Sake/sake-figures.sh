#!/usr/bin/env bash
# SAKE figures (docs/performance.md, "SAKE"): a node process in Release on SQLite and/or a throwaway PostgreSQL,
# seeded in bulk with 100,000 FriendInfo records and 100,000 ghosts, driven over loopback by wiimmfi-load's
# sake-search and sake-mix scenarios, REPEATS times each; then the query plans and a summary (median, min-max).
#
#   Wiimmfi.Benchmarks/Sake/sake-figures.sh               # both stores
#   Wiimmfi.Benchmarks/Sake/sake-figures.sh sqlite        # or: postgres
#
# Settings (environment): USERS=32 (looping consoles), DURATION=30s, WARMUP=20s (per run, discarded), REPEATS=3,
# SCENARIOS="sake-search sake-mix", OUT=reports/sake-<time>, BUILD=1 (0: use the existing Release builds),
# HOST_DIR=<folder with wiimmfi.dll> (to measure another build), KEEP=0 (1: keep the work folder),
# PG_CONN_EXTRA=";Max Auto Prepare=0" (appended to the node's PostgreSQL connection string: the store without
# automatic preparation, the "before" of docs/performance.md).
# Everything listens on 127.0.0.1 and free ports, in a temporary folder; everything started is stopped at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
USERS=${USERS:-32}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
REPEATS=${REPEATS:-3}
SCENARIOS=${SCENARIOS:-"sake-search sake-mix"}
OUT=${OUT:-$ROOT/reports/sake-$(date -u +%Y%m%d-%H%M%S)}
STORES=${*:-"sqlite postgres"}
HOST_DIR=${HOST_DIR:-$ROOT/Wiimmfi.Host/bin/Release/net10.0}
LOAD_DLL=$ROOT/Wiimmfi.LoadTest/bin/Release/net10.0/wiimmfi-load.dll
BENCH_DLL=$ROOT/Wiimmfi.Benchmarks/bin/Release/net10.0/Wiimmfi.Benchmarks.dll
MEASURE_LOCK=${MEASURE_LOCK:-/tmp/wiimmfi-measure.lock}

WORK=$(mktemp -d /tmp/wiimmfi-sake-XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as the postgres user and must reach its data folder inside
NODE_PID=""
PG_DATA=""
PG_BIN=""

as_postgres() {
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  if [ -n "$NODE_PID" ]; then kill -TERM "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; fi
  if [ -n "$PG_DATA" ]; then as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "work folder kept: $WORK"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_postgres() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  local folder=$WORK/pg port
  mkdir -p "$folder"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$folder"
  PG_DATA=$folder/data
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
  port=$(free_port)
  # Disposable data: no fsync (only writes feel it). Connections: the node's pool (Npgsql: 100) and headroom.
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$folder/server.log" -w -t 120 \
    -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB" \
    start >/dev/null
  psql -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE wiimmfi" postgres
  PG_CONN="Host=127.0.0.1;Port=$port;Username=postgres;Database=wiimmfi${PG_CONN_EXTRA:-}"
  echo "postgres: $("$PG_BIN/postgres" --version), port $port"
}

# CPU seconds used so far by the PostgreSQL server (the postmaster and its children: the node's pooled backends
# live as long as the pool keeps them, so a difference over a run is the server's share of that run).
postgres_cpu_seconds() {
  local postmaster ticks=0 pid
  postmaster=$(head -1 "$PG_DATA/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    [ -r "/proc/$pid/stat" ] || continue
    ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}

stop_postgres() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  PG_DATA=""
}

run_store() {
  local store=$1 data=$WORK/$1 settings=() seed_store=()
  mkdir -p "$data" "$OUT/$store"
  settings+=(--set "wiimmfi.data-folder=$data")
  for listener in nas gpcm gpsp master ms natneg management; do
    settings+=(--set "wiimmfi.$listener.bind=127.0.0.1" --set "wiimmfi.$listener.port=0")
  done
  if [ "$store" = postgres ]; then
    start_postgres
    settings+=(--set wiimmfi.store.kind=postgres --set "wiimmfi.store.connection-string=$PG_CONN")
    seed_store=(--postgres "$PG_CONN")
  else
    settings+=(--set wiimmfi.store.kind=sqlite --set wiimmfi.store.sqlite-file=wiimmfi.db)
    seed_store=(--sqlite "$data/wiimmfi.db")
  fi

  echo "== $store: migrate, seed"
  dotnet "$HOST_DIR/wiimmfi.dll" db migrate "${settings[@]}"
  dotnet "$BENCH_DLL" sake seed "${seed_store[@]}" | tee "$OUT/$store/seed.txt"
  dotnet "$BENCH_DLL" sake explain "${seed_store[@]}" > "$OUT/$store/plans.txt"

  echo "== $store: node"
  dotnet "$HOST_DIR/wiimmfi.dll" run "${settings[@]}" > "$OUT/$store/node.log" 2>&1 &
  NODE_PID=$!
  local ready=""
  for _ in $(seq 1 600); do
    if [ -f "$data/node.json" ] && curl -fs "http://$(jq -r .endpoints.management "$data/node.json")/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$NODE_PID" 2>/dev/null || { echo "the node exited:"; tail -20 "$OUT/$store/node.log"; exit 1; }
    sleep 0.2
  done
  [ -n "$ready" ] || { echo "the node did not become ready"; exit 1; }
  local nas gpcm
  nas=$(jq -r .endpoints.nas "$data/node.json" | cut -d: -f2)
  gpcm=$(jq -r .endpoints.gpcm "$data/node.json" | cut -d: -f2)

  for scenario in $SCENARIOS; do
    for run in $(seq 1 "$REPEATS"); do
      local report=$OUT/$store/$scenario-$run pg_before=""
      mkdir -p "$report"
      [ "$store" = postgres ] && pg_before=$(postgres_cpu_seconds)
      echo "== $store: $scenario, run $run of $REPEATS"
      # One measurement at a time on this shared machine: each load run waits for the lock other engineers' runs hold.
      # The load average is read once the lock is held, just before the run starts.
      flock "$MEASURE_LOCK" bash -c 'cut -d" " -f1-3 /proc/loadavg > "$0/loadavg-before.txt"; exec "$@"' "$report" \
        dotnet "$LOAD_DLL" run --scenario "$scenario" --ports "nas=$nas,gpcm=$gpcm" --copies "$USERS" --ramp 2s \
        --duration "$DURATION" --warm-up "$WARMUP" --sample-pid "$NODE_PID" --report-folder "$report" --progress 0 \
        > "$report/console.txt"
      grep -E '^  (\(iterations\)|[a-z-]+ +step)' "$report/console.txt" || tail -5 "$report/console.txt"
      cut -d' ' -f1-3 /proc/loadavg > "$report/loadavg-after.txt"
      # PostgreSQL's CPU over the whole run (ramp, warm-up and measured window; the lock wait is idle).
      [ -n "$pg_before" ] && echo "scale=2; $(postgres_cpu_seconds) - $pg_before" | bc > "$report/postgres-cpu-seconds.txt"
    done
  done
  # The plans again, now that the scenarios have run on the node (a mix run adds rows).
  dotnet "$BENCH_DLL" sake explain "${seed_store[@]}" > "$OUT/$store/plans-after.txt"

  kill -TERM "$NODE_PID"; wait "$NODE_PID" || true; NODE_PID=""
  [ "$store" = postgres ] && stop_postgres
  for scenario in $SCENARIOS; do
    dotnet "$BENCH_DLL" sake summary --title "$store, $scenario" "$OUT/$store/$scenario"-* | tee -a "$OUT/summary.md"
  done
}

if [ "${BUILD:-1}" = 1 ]; then
  for project in Wiimmfi.Host Wiimmfi.LoadTest Wiimmfi.Benchmarks; do
    dotnet build -c Release -v q -nologo "$ROOT/$project" | grep -E ' error |rror\(s\)' || true
  done
fi
mkdir -p "$OUT"
{
  echo "# SAKE figures $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version)"
  echo "load: $USERS looping consoles, $DURATION measured after $WARMUP warm-up, $REPEATS runs per scenario"
  echo
} > "$OUT/summary.md"
for store in $STORES; do run_store "$store"; done
echo "summary: $OUT/summary.md"
