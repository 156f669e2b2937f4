#!/usr/bin/env bash
# Memory: heap retained per stored profile of a 100 ms request to the benchmark app (each engine, rounds
# alternating; median and range), then time and allocation of the per-request hot paths with JMH -prof gc.
#
#   bench/memory.sh [rounds] [profiles per round]        (defaults: 5, 200)
#
# Needs: mvn -B -Pbench -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; count=${2:-200}
out=$(mktemp -d "${TMPDIR:-/tmp}/hotline-memory.XXXXXX")
cp hotline-bench/target/hotline-bench.jar "$out/"
for r in $(seq "$rounds"); do
  for engine in async-profiler java; do
    HOTLINE_ENGINE=$engine java -Xmx512m -cp "$out/hotline-bench.jar" dev.hotline.bench.memory.RetainedPerProfile \
        "$count" 100 >"$out/$engine-$r.txt" 2>&1
    grep -v '^ROW' "$out/$engine-$r.txt" >&2
  done
done
cat "$out"/*-[0-9]*.txt | grep '^ROW' | python3 -c '
import sys, statistics, collections
rows = collections.defaultdict(list)
for l in sys.stdin:
    _, engine, kib, samples, nodes = l.split("\t")
    rows[engine].append((float(kib), float(samples), float(nodes)))
print("| engine | runs | KiB retained per profile, median (min–max) | samples per profile | call-tree nodes |")
print("|---|---|---|---|---|")
for e, v in rows.items():
    k = [x[0] for x in v]
    print(f"| {e} | {len(v)} | {statistics.median(k):.1f} ({min(k):.1f}–{max(k):.1f}) | {statistics.median(x[1] for x in v):.0f} | {statistics.median(x[2] for x in v):.0f} |")
'
java -cp "$out/hotline-bench.jar" org.openjdk.jmh.Main 'dev.hotline.bench.memory.ProfileBenchmarks' -prof gc \
    -rf text -rff "$out/jmh.txt" >"$out/jmh.log" 2>&1
grep -E "^Benchmark|ProfileBenchmarks\.[a-zA-Z0-9]+ |gc.alloc.rate.norm " "$out/jmh.txt"
echo "raw output: $out" >&2
