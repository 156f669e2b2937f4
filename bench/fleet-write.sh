#!/usr/bin/env bash
# Profiles written per second to the fleet store: by one JVM, then by eight at once (each its own instance).
#
#   bench/fleet-write.sh URL [count-one] [count-each-of-eight]     (defaults: 5000 and 2000)
#
# URL is a PostgreSQL database (jdbc:postgresql://127.0.0.1:5432/bench?user=...), emptied of Hotline's tables first.
# Needs: mvn -B -Pbench -DskipTests package. Prints one line per JVM (instance, count, seconds, profiles/s, mean
# compressed profile bytes) and the sum for the eight.
set -euo pipefail
cd "$(dirname "$0")/.."
url=$1; one=${2:-5000}; each=${3:-2000}
jar=hotline-bench/target/hotline-bench.jar
[ -f "$jar" ] || { echo "missing $jar: run mvn -B -Pbench -DskipTests package" >&2; exit 1; }
run() { java -Xmx512m -cp "$jar" dev.hotline.bench.fleet.FleetWriteBench "$url" "$1" "$2"; }
echo "# one JVM"
run solo "$one"
echo "# eight JVMs at once"
out=$(mktemp)
for i in 1 2 3 4 5 6 7 8; do run "jvm$i" "$each" >>"$out" & done
wait
cat "$out"
awk '{ n += $2; if ($3 > s) s = $3 } END { printf "# eight JVMs: %d profiles in %.2f s (slowest JVM): %.0f profiles/s together\n", n, s, n / s }' "$out"
rm -f "$out"
