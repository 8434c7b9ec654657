#!/usr/bin/env bash
# Makes the machine's PostgreSQL on 127.0.0.1:5432 usable by the tests: starts it when it is down
# and creates the 'strategos' role they connect as (password 'strategos', allowed to create
# databases), which owns the tables and runs the migrations, and 'strategos_api' (password
# 'strategos_api'), the role strategy-api serves as: no owner, no BYPASSRLS, so row-level security
# applies to it. The migrations grant to it, so it must exist first. Without a local server the tests
# fall back to an embedded PostgreSQL, where they create both themselves.
set -euo pipefail

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "ensure-postgres: no PostgreSQL server installed here; tests will use an embedded one"
  exit 0
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ensure-postgres: starting the local PostgreSQL"
  version=$(ls /etc/postgresql | sort -V | tail -1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ensure-postgres: the local PostgreSQL did not come up; tests will use an embedded one"
  exit 0
fi
create_role="DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategos') THEN
    CREATE ROLE strategos LOGIN PASSWORD 'strategos' CREATEDB;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strategos_api') THEN
    CREATE ROLE strategos_api LOGIN PASSWORD 'strategos_api' NOSUPERUSER NOBYPASSRLS;
  END IF;
END \$\$;"
if [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt -c "$create_role"
else
  psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt -c "$create_role"
fi
echo "ensure-postgres: PostgreSQL on 127.0.0.1:5432 is ready with roles strategos and strategos_api"
