-- The executions' trigger keeps logging each recorded run in run_changes but no longer NOTIFYs: a
-- transaction that NOTIFYs holds a database-wide lock from just before its commit until the commit is
-- flushed, so every batch recorded, by any replica, waited for every other batch's commit. Measured with
-- `benchmarks/run ceiling --schema-variant` (BENCHMARKS.md): on a machine whose cores were busy, the
-- NOTIFY took about a quarter of the database's throughput; on an idle one it made no difference. More
-- replicas means more commits queued on that one lock. executor-worker now NOTIFYs the batch's users in
-- a statement of its own once the batch has committed (RunChangeNotices); strategy-api's streams also
-- catch up on a timer, for a notice lost between the two. Status changes, which are few, still notify
-- from their own transaction.
CREATE OR REPLACE FUNCTION log_run_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF TG_TABLE_NAME = 'executions' THEN
        INSERT INTO run_changes (owner_id, strategy_id, execution_id)
        SELECT owner_id, strategy_id, id FROM changed ORDER BY id;
    ELSE
        INSERT INTO run_changes (owner_id, strategy_id, transition_id)
        SELECT owner_id, strategy_id, id FROM changed ORDER BY id;
        PERFORM pg_notify('strategos_runs', owner_id) FROM (SELECT DISTINCT owner_id FROM changed) AS owners;
    END IF;
    RETURN NULL;
END
$$;
