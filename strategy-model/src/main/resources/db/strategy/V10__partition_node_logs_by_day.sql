-- Node logs are the largest table by far (one row per node per run). Partitioned by day on
-- started_at, retention drops whole partitions instead of deleting rows. executor-worker's
-- retention job creates partitions ahead and drops the expired ones; the default partition only
-- catches rows for days that have no partition yet.

ALTER TABLE execution_node_logs RENAME TO execution_node_logs_before_partitioning;

CREATE TABLE execution_node_logs (
    execution_id  uuid        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    seq           integer     NOT NULL,
    strategy_id   uuid        NOT NULL,
    node_id       text        NOT NULL,
    node_type     text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('success', 'error', 'skipped')),
    output        jsonb,
    error         text,
    started_at    timestamptz NOT NULL,
    completed_at  timestamptz NOT NULL,
    duration_ms   integer     NOT NULL,
    PRIMARY KEY (execution_id, seq, started_at)
) PARTITION BY RANGE (started_at);

CREATE TABLE execution_node_logs_default PARTITION OF execution_node_logs DEFAULT;

INSERT INTO execution_node_logs SELECT * FROM execution_node_logs_before_partitioning;
DROP TABLE execution_node_logs_before_partitioning;

-- What V3 and V4 gave the old table: the statistics index, row-level security and the API's grant.
CREATE INDEX execution_node_logs_strategy_node_idx ON execution_node_logs (strategy_id, node_id)
    INCLUDE (node_type, status, duration_ms);
ALTER TABLE execution_node_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY execution_node_logs_owner ON execution_node_logs
    USING (EXISTS (SELECT 1 FROM executions e
                    WHERE e.id = execution_node_logs.execution_id AND e.owner_id = current_setting('app.user_id', true)))
    WITH CHECK (EXISTS (SELECT 1 FROM executions e
                         WHERE e.id = execution_node_logs.execution_id AND e.owner_id = current_setting('app.user_id', true)));
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strategos_api') THEN
        GRANT SELECT ON execution_node_logs TO strategos_api;
    END IF;
END
$$;


-- Retention deletes executions by age.
CREATE INDEX executions_started_idx ON executions (started_at);
