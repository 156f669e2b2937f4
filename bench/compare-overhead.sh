#!/usr/bin/env bash
# Overhead of Hotline beside async-profiler, JFR and Glowroot, on the benchmark app (hotline-bench): one JVM per
# configuration, loaded by wrk on loopback at a fixed concurrency, configurations alternating round by round so
# that the noise of a shared machine hits all of them alike. Server and wrk are pinned to separate cores.
#
#   bench/compare-overhead.sh [rounds] [seconds] [connections]      (defaults: 5 rounds, 10 s, 4 connections)
#   BENCH_CONFIGS="none hotline jfr" bench/compare-overhead.sh ...  (choose configurations; names below;
#                                                                    the first one is the baseline of the ratios)
#   BENCH_PIN=0 ...            server and wrk share both cores instead of one each
#   BENCH_DB_LATENCY_US=250 ... each query also waits 250 us (a database server's round trip): part CPU, part wait
#   BENCH_THREADS=1 ...        wrk threads (default 1)
#   BENCH_STORE_URL=jdbc:postgresql://... for the configurations hotline-store and hotline-store-all (the fleet store)
#
# Needs: mvn -B -Pbench -DskipTests package (builds hotline-bench.jar and puts async-profiler's library and the
# Glowroot agent into hotline-bench/target/), wrk and curl. Results: a Markdown table on stdout; the raw runs and
# each server's log in the directory printed at the end.
#
# Exact line tracing runs when hotline-agent/target/hotline-agent.jar exists (BENCH_AGENT_OPTS replaces the
# default -javaagent option, e.g. to pass agent arguments); otherwise it is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; secs=${2:-10}; conns=${3:-4}
configs=${BENCH_CONFIGS:-none off hotline hotline-1in10 hotline-java hotline-exact async-profiler jfr glowroot glowroot-1ms}
warmup=${BENCH_WARMUP:-5}
jar=hotline-bench/target/hotline-bench.jar
asprof=hotline-bench/target/async-profiler/linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')/libasyncProfiler.so
glowroot=hotline-bench/target/glowroot
agent=hotline-agent/target/hotline-agent.jar
port=${BENCH_PORT:-18080}
glowroot_port=$((port + 1))
heap=(-Xms512m -Xmx512m)
pin_server=(); pin_load=()
if [ "${BENCH_PIN:-1}" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0); pin_load=(taskset -c 1); fi
heap+=(-Dbench.dbLatencyUs="${BENCH_DB_LATENCY_US:-0}")
wrk_threads=${BENCH_THREADS:-1}
out=$(mktemp -d "${TMPDIR:-/tmp}/hotline-overhead.XXXXXX")

[ -f "$jar" ] || { echo "missing $jar: run mvn -B -Pbench -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
# run from copies, so that a rebuild during a long run cannot change the jar under a running server
mkdir -p "$out/bin"; cp "$jar" "$out/bin/"; jar=$out/bin/hotline-bench.jar
[ -f "$asprof" ] && cp "$asprof" "$out/bin/" && asprof=$out/bin/libasyncProfiler.so

# configuration name -> "ENV=... -- JVM options -- app arguments"
setup() {
  local name=$1 dir=$out/$1
  mkdir -p "$dir"
  case $name in
    none)           echo "-- -- --without-hotline" ;;  # no filter at all: the baseline
    off)            echo "HOTLINE_ENABLED=false -- --" ;;
    hotline)        echo "HOTLINE_ENGINE=async-profiler HOTLINE_PROFILE_DIR=$dir/profiles -- --" ;;  # defaults: keep-rate 10
    hotline-all)    echo "HOTLINE_ENGINE=async-profiler HOTLINE_KEEP_RATE=all HOTLINE_PROFILE_DIR=$dir/profiles -- --" ;;
    hotline-java-all) echo "HOTLINE_ENGINE=java HOTLINE_KEEP_RATE=all HOTLINE_PROFILE_DIR=$dir/profiles -- --" ;;
    hotline-1in10)  echo "HOTLINE_ENGINE=async-profiler HOTLINE_PROFILE_ONE_IN=10 HOTLINE_PROFILE_DIR=$dir/profiles -- --" ;;
    hotline-store)  echo "HOTLINE_ENGINE=async-profiler HOTLINE_PROFILE_DIR=$dir/profiles HOTLINE_STORE=${BENCH_STORE_URL:?set BENCH_STORE_URL} HOTLINE_INSTANCE=$name -- --" ;;
    hotline-store-all) echo "HOTLINE_ENGINE=async-profiler HOTLINE_KEEP_RATE=all HOTLINE_PROFILE_DIR=$dir/profiles HOTLINE_STORE=${BENCH_STORE_URL:?set BENCH_STORE_URL} HOTLINE_INSTANCE=$name -- --" ;;
    hotline-nofiles) echo "HOTLINE_ENGINE=async-profiler -- --" ;;
    hotline-java)   echo "HOTLINE_ENGINE=java HOTLINE_PROFILE_DIR=$dir/profiles -- --" ;;
    hotline-exact)  echo "HOTLINE_PROFILE_DIR=$dir/profiles -- ${BENCH_AGENT_OPTS:--javaagent:$agent=packages=dev.hotline.bench.app} --" ;;
    async-profiler) echo "-- -agentpath:$asprof=start,event=wall,interval=1ms,file=$dir/profile.jfr -- --without-hotline" ;;
    jfr)            echo "-- -XX:StartFlightRecording=settings=profile,filename=$dir/recording.jfr -- --without-hotline" ;;
    glowroot|glowroot-1ms)
      # a fresh copy per run: Glowroot keeps its data (H2) and rewrites config.json in its own directory
      cp -r "$glowroot" "$dir/glowroot"
      echo "{\"web\":{\"port\":$glowroot_port}}" > "$dir/glowroot/admin.json"
      local interval=1000; [ "$name" = glowroot-1ms ] && interval=1  # 1 ms is its smallest (0 switches profiling off)
      sed "s/\"profilingIntervalMillis\": *[0-9]*/\"profilingIntervalMillis\": $interval/" bench/glowroot/config.json \
          > "$dir/glowroot/config.json"
      echo "-- -javaagent:$dir/glowroot/glowroot.jar -- --without-hotline" ;;
    *) echo "unknown configuration: $name" >&2; return 1 ;;
  esac
}

run() { # round, configuration name
  local round=$1 name=$2 spec envs=() opts=() args=() part=0
  if [ "$name" = hotline-exact ] && [ -z "${BENCH_AGENT_OPTS:-}" ] && [ ! -f "$agent" ]; then
    [ "$round" = 1 ] && echo "hotline-exact skipped: $agent not built" >&2
    return 0
  fi
  rm -rf "${out:?}/$name"
  spec=$(setup "$name")
  for w in $spec; do
    if [ "$w" = -- ]; then part=$((part + 1)); continue; fi
    case $part in 0) envs+=("$w") ;; 1) opts+=("$w") ;; *) args+=("$w") ;; esac
  done
  env HOTLINE_TEXT_OUTPUT=off "${envs[@]}" "${pin_server[@]}" \
      java "${heap[@]}" "${opts[@]}" -jar "$jar" "$port" "${args[@]}" >"$out/server-$name-$round.log" 2>&1 &
  local pid=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  if ! curl -sf "http://127.0.0.1:$port/api/customers/1/orders" >/dev/null; then
    kill "$pid"; echo "$name: the app does not answer; see $out/server-$name-$round.log" >&2; exit 1
  fi
  "${pin_load[@]}" wrk -t"$wrk_threads" -c"$conns" -d"${warmup}s" -s bench/customers.lua "http://127.0.0.1:$port" >/dev/null
  "${pin_load[@]}" wrk -t"$wrk_threads" -c"$conns" -d"${secs}s" --latency -s bench/customers.lua "http://127.0.0.1:$port" \
      >"$out/wrk-$name-$round.txt"
  curl -sf "http://127.0.0.1:$port/_hotline/api/status" >"$out/status-$name-$round.json" 2>/dev/null || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if grep -q "Non-2xx" "$out/wrk-$name-$round.txt"; then
    echo "$name: error responses under load; see $out/server-$name-$round.log" >&2; exit 1
  fi
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$name-$round.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/wrk-$name-$round.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/wrk-$name-$round.txt")
  echo "$round $name $rps $p50 $p99" | tee -a "$out/results.txt" >&2
}

for name in $configs; do setup "$name" >/dev/null; done
{
  echo "# $(date -u +%FT%TZ) rounds=$rounds secs=$secs warmup=$warmup connections=$conns"
  echo "# $(java -version 2>&1 | head -1); $(nproc) cores; $(uname -sr); pinned=${BENCH_PIN:-1} dbLatencyUs=${BENCH_DB_LATENCY_US:-0}"
} >"$out/results.txt"
for r in $(seq "$rounds"); do
  for name in $configs; do run "$r" "$name"; done
done
python3 bench/summarize.py <"$out/results.txt"
echo "raw results: $out/results.txt" >&2
