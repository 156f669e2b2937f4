#!/usr/bin/env bash
# Soak: every request profiled and written for 10 minutes over a mix of endpoints (CPU, sleep, streamed, async,
# failing, a query with secrets, many routes); heap after a full GC every 30 s; at the end, checks that the heap
# stayed flat, every request was answered as expected and the counters add up (exit status 1 if not). Run it on a
# quiet machine only; figures go to docs/BENCHMARKS.md.
#
#   bench/soak.sh [seconds] [client threads]        (defaults: 600, 8)
#
# Needs: mvn -B -Pbench -DskipTests package.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}; clients=${2:-8}
jar=hotline-bench/target/hotline-bench.jar
[ -f "$jar" ] || { echo "$jar not built: mvn -B -Pbench -DskipTests package" >&2; exit 1; }
out=$(mktemp -d "${TMPDIR:-/tmp}/hotline-soak.XXXXXX")
java -Xmx512m -Xlog:gc:file="$out/gc.log" -cp "$jar" dev.hotline.bench.soak.Soak "$seconds" "$clients" | tee "$out/soak.txt"
echo "raw output: $out" >&2
