#!/usr/bin/env bash
# The fleet list API over HTTP, as the page asks it: hotline serve --store on a database (such as the one
# bench/FleetQueries.java generates: 1,000,000 profiles), then each query N times with curl; prints the median and
# p95 of the total time per query (connection, SQL, JSON).
#
#   bench/fleet-api.sh URL [runs]        (default 30 runs)
#
# Needs: mvn -B -DskipTests package (hotline-cli/target/hotline-cli.jar), curl.
set -euo pipefail
cd "$(dirname "$0")/.."
url=$1; runs=${2:-30}; port=${BENCH_PORT:-18117}
java -jar hotline-cli/target/hotline-cli.jar serve --store "$url" --port "$port" >/tmp/hotline-fleet-api.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/fleet" >/dev/null 2>&1 && break; sleep 0.2; done
q() {
  local name=$1 path=$2 t=()
  curl -fs -o /dev/null "http://127.0.0.1:$port/$path"   # once to warm up
  for _ in $(seq "$runs"); do t+=("$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/$path")"); done
  printf '%s\n' "${t[@]}" | sort -n | awk -v name="$name" '{ a[NR] = $1 * 1000 } END {
    printf "%-45s median %7.1f ms   p95 %7.1f ms\n", name, a[int((NR + 1) / 2)], a[int(NR * 0.95 + 0.999)] }'
}
q "newest 50"                                  "api/fleet/profiles"
q "service, by duration, last 24 h"            "api/fleet/profiles?service=shop&sort=duration&order=desc&from=24h"
q "service + instance, newest"                 "api/fleet/profiles?service=billing&instance=billing-2"
q "service + 5xx, last 24 h, by duration"      "api/fleet/profiles?service=shop&status=5xx&from=24h&sort=duration"
q "version, by status"                         "api/fleet/profiles?service=shop&version=1.0&sort=status"
q "service, by path, last 24 h"                "api/fleet/profiles?service=search&from=24h&sort=path&order=asc"
q "page 101 (offset 5000), service"            "api/fleet/profiles?service=shop&offset=5000&limit=50"
q "endpoints, service, last hour"              "api/fleet/endpoints?service=shop&from=1h"
q "endpoints, service, last 24 h"              "api/fleet/endpoints?service=shop&from=24h"
