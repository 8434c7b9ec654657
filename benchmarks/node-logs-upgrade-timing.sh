#!/usr/bin/env bash
# Times the V22 migration (node logs into the execution row) on a V21 database holding N executions with three
# node logs each, on the local PostgreSQL (127.0.0.1:5432, role strategos). Usage: benchmarks/node-logs-upgrade-timing.sh [N]
# Applies V1-V21 with psql (not Flyway: only the SQL is timed), seeds, then times V22. Drops its database after.
set -euo pipefail
N=${1:-300000}
DB=v22_timing
M="$(cd "$(dirname "$0")/.." && pwd)"/strategy-model/src/main/resources/db/strategy
psql -q -h 127.0.0.1 -U strategos -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
# V11 grants on Flyway's own table, which psql does not create.
psql -q -X -h 127.0.0.1 -U strategos -d $DB -c "CREATE TABLE flyway_schema_history (installed_rank int)"
for v in $(ls $M | sed 's/^V\([0-9]*\)__.*/\1/' | sort -n); do
  [ "$v" -gt 21 ] && break
  psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U strategos -d $DB -f $M/V${v}__*.sql > /dev/null
done
psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U strategos -d $DB <<SQL
CREATE TABLE execution_node_logs_p$(date -u +%Y%m%d) PARTITION OF execution_node_logs FOR VALUES FROM ('$(date -u +%F) 00:00:00+00') TO ('$(date -u -d tomorrow +%F) 00:00:00+00');
INSERT INTO strategies (id, owner_id, name, graph) SELECT ('00000000-0000-0000-0000-' || lpad(to_hex(g), 12, '0'))::uuid, 'u' || (g % 1000), 's', '{}' FROM generate_series(1, 1000) g;
INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at, completed_at, status, nodes_executed, duration_ms)
SELECT gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad(to_hex(1 + g % 1000), 12, '0'))::uuid, 'u' || ((1 + g % 1000) % 1000), 1, 'interval',
       now() - make_interval(secs => g), now() - make_interval(secs => g), now() - make_interval(secs => g), 'success', 3, 3
  FROM generate_series(1, $N) g;
INSERT INTO execution_node_logs (execution_id, seq, strategy_id, node_id, node_type, status, output, started_at, completed_at, duration_ms)
SELECT e.id, n, e.strategy_id, 'node-' || n, 'filter', 'success',
       '{"inputCount": 20, "outputCount": 20, "marketIds": ["sim-100", "sim-101", "sim-102", "sim-103", "sim-104", "sim-105", "sim-106", "sim-107", "sim-108", "sim-109", "sim-110", "sim-111", "sim-112", "sim-113", "sim-114", "sim-115", "sim-116", "sim-117", "sim-118", "sim-119"]}',
       greatest(e.started_at, date_trunc('day', now())), greatest(e.started_at, date_trunc('day', now())), 1
  FROM executions e, generate_series(1, 3) n;
VACUUM ANALYZE executions, execution_node_logs;
SQL
echo "before: $(psql -Atq -h 127.0.0.1 -U strategos -d $DB -c "SELECT pg_size_pretty(pg_total_relation_size('executions') + coalesce((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'execution_node_logs'::regclass), 0))")"
start=$(date +%s.%N)
psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U strategos -d $DB -f $M/V22__*.sql
end=$(date +%s.%N)
echo "V22 on $N executions ($((3*N)) node logs): $(echo "$end - $start" | bc) s"
psql -Atq -h 127.0.0.1 -U strategos -d $DB -c "VACUUM ANALYZE executions" -c "SELECT 'after: ' || pg_size_pretty(pg_total_relation_size('executions'))"
psql -q -h 127.0.0.1 -U strategos -d postgres -c "DROP DATABASE $DB"
