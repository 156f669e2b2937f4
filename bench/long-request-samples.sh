#!/usr/bin/env bash
# Samples in the profile of a CPU-bound 100 ms request at 1 ms while the cores are saturated, and whether any profile
# lost samples to the native recorder's flushing (its note says so). The benchmark app, every profile kept
# (keep-rate=all), wrk at N connections on /api/customers/{id}/orders?ms=100 for S seconds; then every profile file
# is read: samples per profile (median, p5, min) and the profiles carrying the flushing note.
#
#   bench/long-request-samples.sh [seconds] [connections] [engine]     (defaults: 20, 4, async-profiler)
#
# Needs: mvn -B -Pbench -DskipTests package, wrk, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}; conns=${2:-4}; engine=${3:-async-profiler}
port=${BENCH_PORT:-18090}
out=$(mktemp -d "${TMPDIR:-/tmp}/hotline-long.XXXXXX")
cp hotline-bench/target/hotline-bench.jar "$out/"
HOTLINE_ENGINE=$engine HOTLINE_KEEP_RATE=all HOTLINE_TEXT_OUTPUT=off HOTLINE_MAX_FILES=100000 HOTLINE_PROFILE_DIR="$out/profiles" \
    java -Xms512m -Xmx512m -jar "$out/hotline-bench.jar" "$port" >"$out/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
cat >"$out/long.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/api/customers/" .. math.random(500) .. "/orders?ms=100")
end
LUA
wrk -t1 -c"$conns" -d5s -s "$out/long.lua" "http://127.0.0.1:$port" >/dev/null   # warm-up
rm -rf "$out/profiles"/*
wrk -t1 -c"$conns" -d"${secs}s" -s "$out/long.lua" "http://127.0.0.1:$port" >"$out/wrk.txt"
sleep 2
curl -sf "http://127.0.0.1:$port/_hotline/api/status" >"$out/status.json" || true
python3 - "$out/profiles" <<'PY'
import json, os, sys, statistics
d = sys.argv[1]
samples, noted, n = [], 0, 0
for f in os.listdir(d):
    if not f.endswith(".json") or "orders" not in f: continue
    p = json.load(open(os.path.join(d, f)))
    if p["request"]["durationNs"] < 100e6: continue
    n += 1
    samples.append(p["sampleCount"])
    if any("flushed" in x for x in p.get("notes", [])): noted += 1
samples.sort()
print(f"profiles of 100 ms requests: {n}; samples per profile: median {statistics.median(samples):.0f}, "
      f"p5 {samples[int(0.05*len(samples))]}, min {samples[0]}, max {samples[-1]}; with the flushing note: {noted}")
PY
echo "raw: $out" >&2
