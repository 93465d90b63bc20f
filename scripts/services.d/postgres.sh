#!/usr/bin/env bash
# A PostgreSQL server for the Postgres store tests (tests/postgres), idempotently:
#   - installs Debian's `postgresql` package when no server binary is present;
#   - creates a dedicated cluster "dateline" (not the distribution's "main") listening on
#     127.0.0.1 only, port $DATELINE_PG_PORT (default 54329, away from the usual 5432),
#     tuned for throw-away test data (fsync off);
#   - starts it, and makes a role "dateline" (password "dateline", CREATEDB: every test module
#     makes its own database; pg_signal_backend: dropping one may stop autovacuum in it) and a
#     database "dateline";
#   - prints the URL: postgresql://dateline:dateline@127.0.0.1:54329/dateline
# Fast when the cluster already runs (a status check and one query). Needs root (or sudo) the
# first time; the server runs as the `postgres` user.
set -euo pipefail

PORT="${DATELINE_PG_PORT:-54329}"
CLUSTER=dateline
ROLE=dateline
PASSWORD=dateline
URL="postgresql://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/dateline"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    # not root: fine when the cluster is already up and reachable
    if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p "$PORT"; then
      echo "$URL"; exit 0
    fi
    echo "postgres.sh: not root and no sudo; start a server on 127.0.0.1:$PORT or run as root" >&2
    exit 1
  fi
fi

as_postgres() { $SUDO runuser -u postgres -- "$@"; }

# 1. the package
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_createcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends postgresql postgresql-contrib
fi
VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"

# 2. the cluster (created once; never touches other clusters)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  $SUDO pg_createcluster --port "$PORT" --start-conf=manual "$VERSION" "$CLUSTER" \
    -- --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  CONF="/etc/postgresql/$VERSION/$CLUSTER/conf.d/dateline-tests.conf"
  $SUDO tee "$CONF" >/dev/null <<EOF
# dateline test cluster: local only, throw-away data (durability off for speed)
listen_addresses = '127.0.0.1'
port = $PORT
max_connections = 100
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
fi

# 3. running
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start
fi
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.2
done
pg_isready -q -h 127.0.0.1 -p "$PORT"

# 4. role and database
as_postgres psql -q -X -v ON_ERROR_STOP=1 -p "$PORT" -d postgres >/dev/null <<EOF
SET client_min_messages = warning;
SELECT 'CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD ''$PASSWORD'''
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
SELECT 'CREATE DATABASE dateline OWNER $ROLE'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'dateline') \gexec
-- dropping a test database WITH (FORCE) may have to stop an autovacuum worker in it
GRANT pg_signal_backend TO $ROLE;
EOF

echo "$URL"
