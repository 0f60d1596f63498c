#!/usr/bin/env bash
# One PostgreSQL for a whole test run (the same private-cluster rules as EmbeddedPostgres: 127.0.0.1
# only, scram password, run as `postgres` when root, not durable: tests only).
#   test-postgres.sh start DIR [PORT]  initialise DIR/data if needed, start, print the connection string
#   test-postgres.sh stop DIR          fast shutdown
# Typical use:  export LOTUS_TEST_PG="$(tests/Lotus.TestSupport/test-postgres.sh start /tmp/lotus-ci-pg)"
set -euo pipefail

usage() { echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1
root=$(realpath -m "$2")
data="$root/data"

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r) "$(pg_config --bindir 2>/dev/null || true)"; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir=$candidate; break; fi
done
[ -n "$bindir" ] || { echo "PostgreSQL server binaries not found: run \`apt-get install -y postgresql\`" >&2; exit 1; }

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  stop)
    [ -f "$data/postmaster.pid" ] && as_server "$bindir/pg_ctl" stop -D "$data" -m fast -w -s
    exit 0
    ;;
  start) ;;
  *) usage ;;
esac

port=${3:-$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
mkdir -p "$root"
chmod 755 "$root"
mkdir -p "$data"
chmod 700 "$data"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
if ! as_server test -x "$root"; then
  echo "$data is not reachable by the postgres OS user; use a path such as /tmp/lotus-test-pg" >&2
  exit 1
fi

password_file="$root/data.password"
if [ ! -f "$data/PG_VERSION" ]; then
  umask 077
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$password_file"
  pwfile=$(mktemp "$root/.initdb-XXXXXX")
  cp "$password_file" "$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pwfile"
  as_server "$bindir/initdb" -D "$data" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --no-sync >/dev/null
  rm -f "$pwfile"
  umask 022
fi

if [ -f "$data/postmaster.pid" ] && as_server "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; then
  port=$(sed -n 4p "$data/postmaster.pid")
else
  as_server "$bindir/pg_ctl" start -D "$data" -l "$data/postgres.log" -w -t 60 -s -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >&2
fi

echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$(cat "$password_file");Database=postgres"
