-- A strategy's run state moves out of the wide strategies row into a narrow table of its own.
--
-- Why: every run used to update its strategies row. That row carries nine indexes (two GIN) and a
-- stored tsvector, so no update could be HOT: each run rewrote the tuple, recomputed the search
-- vector and inserted into every index. The run state (next slot, lease, counters) now lives in
-- strategy_run_state, with one index besides its key, and the executor never writes strategies
-- except to change a status (auto-pause, kill switch, completion).
--
-- Invariant: next_run_at is set exactly while the strategy is running. strategy-api sets it when it
-- starts, resumes or deploys a running strategy, and clears it when it pauses, stops or archives one;
-- executor-worker advances it after each run and clears it when it stops a strategy. So the claim
-- reads this table alone.
--
-- Upgrade: a strategy keeps its slot, lease and counters (copied over below), so what was running
-- runs on. The old columns are dropped here, not kept for a release: an old replica scheduling from
-- them would act on stale state. So replicas of the previous version are stopped first (deploy/README.md,
-- Migrations); a slot still runs once whatever happens (executions_one_run_per_slot).

CREATE TABLE strategy_run_state (
    strategy_id            uuid PRIMARY KEY REFERENCES strategies (id) ON DELETE CASCADE,
    owner_id               text             NOT NULL,
    -- The slot the strategy runs at next; null while it is not running.
    next_run_at            timestamptz,
    -- The replica running the current slot, until when (renewed by its heartbeat while it runs).
    lease_owner            text,
    lease_expires_at       timestamptz,
    total_executions       bigint           NOT NULL DEFAULT 0,
    successful_executions  bigint           NOT NULL DEFAULT 0,
    failed_executions      bigint           NOT NULL DEFAULT 0,
    consecutive_errors     integer          NOT NULL DEFAULT 0,
    avg_duration_ms        double precision,
    last_executed_at       timestamptz
) WITH (fillfactor = 70);
-- fillfactor: the claim only sets the lease (no indexed column), which PostgreSQL can then write as
-- a HOT update in the same page.

-- The claim's one index: running strategies in due order.
CREATE INDEX strategy_run_state_due_idx ON strategy_run_state (next_run_at) WHERE next_run_at IS NOT NULL;

INSERT INTO strategy_run_state (strategy_id, owner_id, next_run_at, lease_owner, lease_expires_at, total_executions,
                                successful_executions, failed_executions, consecutive_errors, avg_duration_ms,
                                last_executed_at)
SELECT id, owner_id, CASE WHEN status = 'running' THEN next_execution_at END, lease_owner, lease_expires_at,
       total_executions, successful_executions, failed_executions, consecutive_errors, avg_duration_ms,
       last_executed_at
  FROM strategies;

DROP INDEX strategies_due_idx;
ALTER TABLE strategies
    DROP COLUMN next_execution_at,
    DROP COLUMN lease_owner,
    DROP COLUMN lease_expires_at,
    DROP COLUMN total_executions,
    DROP COLUMN successful_executions,
    DROP COLUMN failed_executions,
    DROP COLUMN consecutive_errors,
    DROP COLUMN avg_duration_ms,
    DROP COLUMN last_executed_at;

-- Executions: three B-tree indexes instead of six. The key (time-ordered UUIDv7 ids from now on, so
-- inserts append instead of landing on random pages), one run per slot, and the history index,
-- which also covers the statistics (status and duration included) and, filtering on its included
-- status, the history by status. Retention finds old rows through a BRIN index on started_at, which
-- costs an insert next to nothing.
DROP INDEX executions_strategy_started_idx;
DROP INDEX executions_strategy_stats_idx;
DROP INDEX executions_strategy_status_started_idx;
DROP INDEX executions_started_idx;
CREATE INDEX executions_history_idx ON executions (strategy_id, started_at DESC, id DESC) INCLUDE (status, duration_ms);
CREATE INDEX executions_started_brin ON executions USING brin (started_at);

-- History without per-row foreign-key checks. Each execution row checked its strategy and each node
-- log its execution through a trigger that looks the parent up and locks it (FOR KEY SHARE, a write
-- to the wide strategies row), which cost recording more than the inserts themselves. The executor
-- only records runs of strategies it has leased, and strategy-api refuses to delete a strategy that
-- is running or leased; what the foreign keys' cascades did on delete, a trigger does instead.
DO $$
DECLARE
    fk record;
BEGIN
    FOR fk IN SELECT conname, conrelid::regclass AS on_table FROM pg_constraint
               WHERE contype = 'f' AND conrelid IN ('executions'::regclass, 'execution_node_logs'::regclass) LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.on_table, fk.conname);
    END LOOP;
END
$$;

-- Runs as the tables' owner (strategy-api's role may not delete history), as the cascades did.
CREATE FUNCTION delete_strategy_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM execution_node_logs WHERE strategy_id = OLD.id;
    DELETE FROM executions WHERE strategy_id = OLD.id;
    RETURN OLD;
END
$$;
CREATE TRIGGER strategies_delete_history AFTER DELETE ON strategies
    FOR EACH ROW EXECUTE FUNCTION delete_strategy_history();

-- Row-level security and strategy-api's grants, as for the other user-owned tables (V4, V11).
ALTER TABLE strategy_run_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY strategy_run_state_owner ON strategy_run_state
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));
-- strategy-api creates the row when it deploys, sets or clears the next slot, resets the error count.
GRANT SELECT, INSERT, UPDATE ON strategy_run_state TO strategos_api;
