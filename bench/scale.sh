#!/usr/bin/env bash
# Scale: N profiled requests in flight at once (200 ms each, half CPU, half asleep, 60 frames deep); per request
# the samples it got over the samples its duration calls for at 1 ms, median over the requests, then the median
# over rounds (engines and thread kinds alternate). Platform threads on the default JDK and, when a JDK 21+ is
# given in MODERN_JAVA (default: the newest Temurin 21+ under /usr/lib/jvm, if any), virtual threads too.
#
#   bench/scale.sh [rounds] [N...]          (defaults: 5 rounds; 1 4 16 64 256)
#
# Needs: mvn -B -Pbench -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; shift || true
counts=${*:-1 4 16 64 256}
modern=${MODERN_JAVA:-$(ls -d /usr/lib/jvm/temurin-2[1-9]*/bin/java 2>/dev/null | sort -V | tail -1)}
out=$(mktemp -d "${TMPDIR:-/tmp}/hotline-scale.XXXXXX")
cp hotline-bench/target/hotline-bench.jar "$out/"
main=dev.hotline.bench.scale.InFlightScale
for r in $(seq "$rounds"); do
  for engine in async-profiler java; do
    # shellcheck disable=SC2086
    HOTLINE_ENGINE=$engine java -cp "$out/hotline-bench.jar" $main 200 $counts >"$out/platform-$engine-$r.txt" 2>&1
  done
  if [ -x "$modern" ]; then
    # shellcheck disable=SC2086
    HOTLINE_ENGINE=auto "$modern" --enable-native-access=ALL-UNNAMED -cp "$out/hotline-bench.jar" $main 200 --virtual $counts \
        >"$out/virtual-$r.txt" 2>&1
  fi
  echo "round $r done" >&2
done
cat "$out"/*-[0-9]*.txt | grep '^ROW' | python3 -c '
import sys, statistics, collections
rows = collections.defaultdict(list); order = []
for l in sys.stdin:
    _, kind, engine, n, med, low, limited, lost = l.rstrip("\n").split("\t")
    k = (kind, engine, int(n))
    if k not in rows: order.append(k)
    rows[k].append((float(med), float(low), int(limited), int(lost)))
print("| threads | engine | in flight | samples / expected, median (range over rounds) | lowest request | budget-limited profiles | profiles lost |")
print("|---|---|---|---|---|---|---|")
for k in sorted(order):
    v = rows[k]; m = [x[0] for x in v]
    print(f"| {k[0]} | {k[1]} | {k[2]} | {statistics.median(m):.2f} ({min(m):.2f}–{max(m):.2f}) | {statistics.median(x[1] for x in v):.2f} | "
          f"{statistics.median(x[2] for x in v):.0f} of {k[2]} | {statistics.median(x[3] for x in v):.0f} |")
'
echo "raw output: $out" >&2
