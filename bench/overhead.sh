#!/usr/bin/env bash
# Overhead of Hotline under load: the demo app served with profiling off and in several configurations,
# loaded by wrk on loopback. Runs alternate between configurations so machine noise hits all of them alike.
# Server and load generator are pinned to different cores when taskset exists.
#
#   bench/overhead.sh [rounds] [seconds] [path]      (defaults: 5 rounds, 10 s, /cpu?n=20000)
#   BENCH_CONFIGS="off java-nofiles" bench/overhead.sh ...   (choose configurations; names below)
#
# Needs: a built demo (mvn -B -q -DskipTests package) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; secs=${2:-10}; path=${3:-/cpu?n=20000}
configs=${BENCH_CONFIGS:-off async-profiler async-profiler-1in10 java}
jar=hotline-demo/target/hotline-demo.jar
port=18080
pin_server=(); pin_load=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0); pin_load=(taskset -c 1); fi
out=$(mktemp -d)

settings() { # configuration name -> Hotline environment
  case $1 in
    off)                          echo HOTLINE_ENABLED=false ;;
    async-profiler)               echo HOTLINE_ENGINE=async-profiler ;;
    async-profiler-1in10)         echo HOTLINE_ENGINE=async-profiler HOTLINE_PROFILE_ONE_IN=10 ;;
    async-profiler-idle)          echo HOTLINE_ENGINE=async-profiler HOTLINE_PROFILE_ONE_IN=1000000 HOTLINE_PROFILE_DIR= ;;
    async-profiler-nofiles)       echo HOTLINE_ENGINE=async-profiler HOTLINE_PROFILE_DIR= ;;
    async-profiler-10ms-nofiles)  echo HOTLINE_ENGINE=async-profiler HOTLINE_INTERVAL=10ms HOTLINE_PROFILE_DIR= ;;
    java)                         echo HOTLINE_ENGINE=java ;;
    java-nofiles)                 echo HOTLINE_ENGINE=java HOTLINE_PROFILE_DIR= ;;
    *) echo "unknown configuration: $1" >&2; exit 1 ;;
  esac
}

run() { # configuration name
  local name=$1
  # shellcheck disable=SC2046
  env HOTLINE_TEXT_OUTPUT=off HOTLINE_PROFILE_DIR="$out/profiles-$name" $(settings "$name") "${pin_server[@]}" \
      java -Xms256m -Xmx256m -jar "$jar" --port $port >"$out/server-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
  # The demo fills its database on a background thread at startup; measure only once it is done.
  until curl -sf "http://127.0.0.1:$port/db?note=x" >/dev/null; do sleep 0.5; done
  "${pin_load[@]}" wrk -t1 -c4 -d5s "http://127.0.0.1:$port$path" >/dev/null        # warm-up (JIT)
  "${pin_load[@]}" wrk -t1 -c4 -d"${secs}s" --latency "http://127.0.0.1:$port$path" >"$out/wrk.txt"
  kill $pid; wait $pid 2>/dev/null || true
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/wrk.txt")
  echo "$name $rps $p50 $p99" | tee -a "$out/results.txt"
}

for name in $configs; do settings "$name" >/dev/null; done
for r in $(seq "$rounds"); do
  for name in $configs; do run "$name"; done
done

echo
echo "config  median-rps  (min-max)  median-p50  median-p99"
for name in $configs; do
  awk -v n="$name" '$1==n {print $2, $3, $4}' "$out/results.txt" | python3 -c '
import sys, statistics
def ms(v):
    return float(v[:-2]) if v.endswith("ms") else float(v[:-2]) / 1000 if v.endswith("us") else float(v[:-1]) * 1000
rows = [l.split() for l in sys.stdin if l.strip()]
rps = [float(r[0]) for r in rows]; p50 = [ms(r[1]) for r in rows]; p99 = [ms(r[2]) for r in rows]
print(f"'"$name"' {statistics.median(rps):.0f} ({min(rps):.0f}-{max(rps):.0f}) {statistics.median(p50):.2f}ms {statistics.median(p99):.2f}ms")'
done
echo "raw results: $out/results.txt"
