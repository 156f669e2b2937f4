#!/usr/bin/env bash
# Time from the end of a response until its profile is readable, in memory (ProfileListener / recentProfiles) and
# as a file, for each engine, at rest and with 4 clients keeping the benchmark app busy; rounds alternate the
# engines and the table gives medians over the rounds (range in brackets). A probe whose profile is not readable
# within 2 s counts as lost (dropped under load) and is left out of the percentiles.
#
#   bench/availability.sh [rounds] [probes per condition] [load clients]     (defaults: 5, 100, 4)
#
# Needs: mvn -B -Pbench -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; probes=${2:-100}; clients=${3:-4}
out=$(mktemp -d "${TMPDIR:-/tmp}/hotline-availability.XXXXXX")
cp hotline-bench/target/hotline-bench.jar "$out/"
for r in $(seq "$rounds"); do
  for engine in ${BENCH_ENGINES:-async-profiler java}; do
    HOTLINE_ENGINE=$engine HOTLINE_TEXT_OUTPUT=off HOTLINE_PROFILE_DIR="$out/profiles-$engine-$r" \
        java -Xms512m -Xmx512m -cp "$out/hotline-bench.jar" dev.hotline.bench.latency.AvailabilityLatency \
        "$probes" "$clients" >"$out/$engine-$r.txt" 2>&1
    echo "round $r $engine: $(grep -c '^ROW' "$out/$engine-$r.txt") conditions" >&2
  done
done
cat "$out"/*.txt | grep '^ROW' | python3 -c '
import sys, statistics, collections
rows = collections.defaultdict(list); order = []
for l in sys.stdin:
    _, engine, cond, m50, m99, f50, f99, lost = l.rstrip("\n").split("\t")
    if (engine, cond) not in rows: order.append((engine, cond))
    rows[(engine, cond)].append([float(m50), float(m99), float(f50), float(f99), int(lost)])
def cell(v, i):
    xs = [r[i] for r in v]
    return f"{statistics.median(xs):.1f} ms ({min(xs):.1f}–{max(xs):.1f})"
print("| engine | condition | runs | in memory p50 | in memory p99 | file p50 | file p99 | probes lost, median |")
print("|---|---|---|---|---|---|---|---|")
for k in order:
    v = rows[k]
    print(f"| {k[0]} | {k[1]} | {len(v)} | {cell(v,0)} | {cell(v,1)} | {cell(v,2)} | {cell(v,3)} | {statistics.median(r[4] for r in v):.0f} |")
'
grep -h "(load:" "$out"/*.txt | head -4
echo "raw output: $out" >&2
