-- A run's node logs move into its execution row.
--
-- Why: recording a run wrote one executions row and three execution_node_logs rows, each of those with
-- two index entries (its key and the statistics index). The node logs were the most expensive statement
-- of a run (measured with pg_stat_statements, BENCHMARKS.md). Now a run is one heap row and one entry in
-- each of executions' indexes, and the logs are read only with their execution anyway.
--
-- node_logs holds what the API shows, in run order:
--   [{"seq": 1, "nodeId": "...", "nodeType": "...", "status": "success|error|skipped", "output": {...} | null,
--     "error": "..." | null, "startedAtEpochMs": 1764594000123, "durationMs": 3}, ...]
-- A node completed at startedAtEpochMs + durationMs. It is json, not jsonb: it is written on every run and
-- read whole, never searched, and json stores the text as given instead of converting it. Times are epoch
-- milliseconds because the executor writes them for every node of every run, and numbers cost it far
-- less to write than ISO-8601 text; strategy-api shows them as ISO-8601.
--
-- The per-node statistics (runs, errors, durations per node id) come from four arrays, one element per
-- node in the same order, included in the history index: the statistics read that index alone, as they
-- read execution_node_logs' covering index before. owner_id is included too, so row-level security's
-- owner check is answered from the index as well.
--
-- Retention: node logs now go with their execution (the retention job's chunked delete); the day
-- partitions of execution_node_logs go away with the table.

ALTER TABLE executions
    ADD COLUMN node_logs          json      NOT NULL DEFAULT '[]',
    ADD COLUMN node_ids           text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN node_types         text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN node_statuses      text[]    NOT NULL DEFAULT '{}',
    ADD COLUMN node_durations_ms  integer[] NOT NULL DEFAULT '{}';

-- Carry the existing logs over, in the format the executor writes.
UPDATE executions e
   SET node_logs = l.node_logs,
       node_ids = l.node_ids,
       node_types = l.node_types,
       node_statuses = l.node_statuses,
       node_durations_ms = l.node_durations_ms
  FROM (SELECT execution_id,
               json_agg(json_build_object('seq', seq, 'nodeId', node_id, 'nodeType', node_type, 'status', status,
                                          'output', output, 'error', error,
                                          'startedAtEpochMs', (extract(epoch FROM started_at) * 1000)::bigint,
                                          'durationMs', duration_ms)
                        ORDER BY seq) AS node_logs,
               array_agg(node_id ORDER BY seq)     AS node_ids,
               array_agg(node_type ORDER BY seq)   AS node_types,
               array_agg(status ORDER BY seq)      AS node_statuses,
               array_agg(duration_ms ORDER BY seq) AS node_durations_ms
          FROM execution_node_logs
         GROUP BY execution_id) l
 WHERE e.id = l.execution_id;

DROP INDEX executions_history_idx;
CREATE INDEX executions_history_idx ON executions (strategy_id, started_at DESC, id DESC)
    INCLUDE (owner_id, status, duration_ms, node_ids, node_types, node_statuses, node_durations_ms);

DROP TABLE execution_node_logs;

-- Deleting a strategy deletes its history (V12's trigger, now without the node-log table).
CREATE OR REPLACE FUNCTION delete_strategy_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM executions WHERE strategy_id = OLD.id;
    RETURN OLD;
END
$$;
