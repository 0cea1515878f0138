#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the database suite: initdb into a temp folder as a non-root
# user, pg_ctl start on a loopback port. Prints `export TEST_DATABASE_URL=…` and
# `export PG_TEMP_DIR=…` on success (eval it); `.ci/postgres.sh stop DIR` stops it and removes DIR.
# Installs the `postgresql` package with apt when no initdb is found.
set -uo pipefail

find_bin() {
  local name=$1
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/$name" ] && { echo "$dir/$name"; return; }; done
  command -v "$name" || true
}

as_user() {
  # PostgreSQL refuses to run as root: run as the `postgres` user (created by the package).
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = stop ]; then
  dir=${2:?usage: postgres.sh stop DIR}
  as_user "$(find_bin pg_ctl)" -D "$dir/data" -m fast stop >/dev/null 2>&1
  rm -rf "$dir"
  exit 0
fi

if [ -z "$(find_bin initdb)" ]; then
  echo "postgresql missing: apt-get install -y postgresql" >&2
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql; } >&2 2>&1 | tail -n 3 >&2
fi
initdb=$(find_bin initdb)
pg_ctl=$(find_bin pg_ctl)
if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then echo "postgresql install failed" >&2; exit 1; fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --home-dir /nonexistent postgres; fi

dir=$(mktemp -d /tmp/sanctuary-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
as_user "$initdb" -D "$dir/data" -U atlas --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
as_user "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-c listen_addresses=127.0.0.1 -c port=$port -k $dir -c fsync=off" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
echo "export TEST_DATABASE_URL=postgres://atlas@127.0.0.1:$port/postgres"
echo "export PG_TEMP_DIR=$dir"
