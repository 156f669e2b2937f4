#!/usr/bin/env bash
# Where the server's CPU goes under load: CPU seconds per thread group (Jetty's qtp request threads, JIT
# compiler threads, Hotline's threads, ...) during one wrk run against the demo, read from
# /proc/<pid>/task/*/stat. Linux only.
#
#   bench/thread-cpu.sh [seconds] [path] [HOTLINE_KEY=value ...]
#   bench/thread-cpu.sh 8 '/cpu?n=20000' HOTLINE_ENGINE=async-profiler HOTLINE_PROFILE_DIR=
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-8}; path=${2:-/cpu?n=20000}; shift 2 || true
port=18085
pin_server=(); pin_load=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0); pin_load=(taskset -c 1); fi
tmp=$(mktemp -d)
env HOTLINE_TEXT_OUTPUT=off "$@" "${pin_server[@]}" java -Xms256m -Xmx256m -jar hotline-demo/target/hotline-demo.jar \
    --port $port >"$tmp/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
until curl -sf "http://127.0.0.1:$port/db?note=x" >/dev/null; do sleep 0.5; done
"${pin_load[@]}" wrk -t1 -c4 -d5s "http://127.0.0.1:$port$path" >/dev/null
snap() { for t in /proc/$pid/task/*; do echo "$(sed 's/[-_ ].*//;s/[0-9]*$//' "$t/comm") $(awk '{print $14+$15}' "$t/stat")"; done; }
snap >"$tmp/before"
"${pin_load[@]}" wrk -t1 -c4 -d"${secs}s" "http://127.0.0.1:$port$path" | tee "$tmp/wrk" | grep Requests
snap >"$tmp/after"
kill $pid; wait $pid 2>/dev/null || true
requests=$(awk '/requests in/ {print $1}' "$tmp/wrk")
python3 - "$tmp/before" "$tmp/after" "$requests" <<'PY'
import collections, os, sys
hz = os.sysconf("SC_CLK_TCK")
def load(f):
    d = collections.Counter()
    for l in open(f):
        k, v = l.rsplit(" ", 1); d[k] += int(v)
    return d
a, b, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
diff = {k: (b[k] - a.get(k, 0)) / hz for k in b}
print(f"requests: {n}, server CPU: {sum(diff.values()):.2f} s")
for k, v in sorted(diff.items(), key=lambda x: -x[1])[:6]:
    print(f"  {k:16s} {v:6.2f} s   {v / n * 1e6:7.1f} us/request")
PY
