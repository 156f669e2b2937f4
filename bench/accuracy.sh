#!/usr/bin/env bash
# Accuracy of line shares against time the workload measures itself (dev.hotline.bench.accuracy): a request of
# five 30 ms stretches (CPU, sleep, monitor, socket, two hot counted loops), profiled by each Hotline engine in
# process and by async-profiler attached as an agent (its own JFR output, same thread). Rounds alternate the
# configurations; the table gives, per line, the median error over the rounds and its range. Then short requests:
# how many samples a 5 ms request gets from each engine and what its profile says.
#
#   bench/accuracy.sh [rounds] [requests per round]        (defaults: 5 rounds, 20 requests)
#
# Needs: mvn -B -Pbench -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; requests=${2:-20}
out=$(mktemp -d "${TMPDIR:-/tmp}/hotline-accuracy.XXXXXX")
cp hotline-bench/target/hotline-bench.jar "$out/"
jar=$out/hotline-bench.jar
asprof=hotline-bench/target/async-profiler/linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')/libasyncProfiler.so
main=dev.hotline.bench.accuracy.AccuracyBench

for r in $(seq "$rounds"); do
  java -cp "$jar" $main hotline async-profiler "$requests" >"$out/hotline-async-profiler-$r.txt"
  java -cp "$jar" $main hotline java "$requests" >"$out/hotline-java-$r.txt"
  java "-agentpath:$PWD/$asprof=start,event=wall,interval=1ms,jfr,file=$out/ap-$r.jfr" -cp "$jar" $main \
      run "$requests" "$out/truth-$r.txt" >/dev/null 2>&1
  java -cp "$jar" $main jfr "$out/ap-$r.jfr" "$out/truth-$r.txt" >"$out/async-profiler-$r.txt"
  echo "round $r done" >&2
done
cat "$out"/*-[0-9]*.txt | grep '^ROW' | python3 -c '
import sys, statistics, collections
rows = collections.defaultdict(list)
order = []
for l in sys.stdin:
    _, config, line, truth, seen = l.rstrip("\n").split("\t")
    if (config, line) not in rows: order.append((config, line))
    rows[(config, line)].append((float(truth), float(seen)))
print("| profiler | line | measured share, median | profiled share, median | error, median (min to max) |")
print("|---|---|---|---|---|")
for key in sorted(order, key=lambda k: (k[0], order.index(k))):
    v = rows[key]; err = [s - t for t, s in v]
    print(f"| {key[0]} | {key[1]} | {statistics.median(t for t, _ in v):.1f} % | {statistics.median(s for _, s in v):.1f} % | "
          f"{statistics.median(err):+.1f} pp ({min(err):+.1f} to {max(err):+.1f}) |")
'
echo
grep -h "samples with hotLoops" "$out"/async-profiler-*.txt | head -1
echo
for engine in async-profiler java; do java -cp "$jar" $main short $engine 200 5; done
echo "raw output: $out" >&2
