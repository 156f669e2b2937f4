#!/usr/bin/env bash
# A throwaway PostgreSQL server for the fleet benchmarks: Debian's postgresql binaries, a cluster in a temporary
# directory, trust authentication on 127.0.0.1 for the user hotline, run as the postgres user when invoked as root.
#
#   bench/fleet-db.sh start [port]    prints the data directory and a JDBC URL of a fresh database "bench"
#   bench/fleet-db.sh stop DIR        stops it and deletes DIR
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL's server binaries are missing: apt-get install postgresql" >&2; exit 1; }
as=(); [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
case ${1:-} in
  start)
    port=${2:-55432}
    dir=$(mktemp -d /tmp/hotline-bench-pg.XXXXXX)
    [ ${#as[@]} -gt 0 ] && chown postgres:postgres "$dir"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U hotline -A trust -E UTF8 --locale=C --no-sync >/dev/null
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=200" start >/dev/null
    "$bin/psql" -h 127.0.0.1 -p "$port" -U hotline -d postgres -qc "CREATE DATABASE bench"
    echo "dir=$dir"
    echo "url=jdbc:postgresql://127.0.0.1:$port/bench?user=hotline"
    ;;
  stop)
    dir=${2:?data directory}
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start [port] | stop DIR" >&2; exit 2 ;;
esac
