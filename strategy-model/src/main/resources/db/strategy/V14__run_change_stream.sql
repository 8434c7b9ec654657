-- Live updates (strategy-api's GET /api/v1/strategies/stream): one ordered log of each user's run and
-- status changes, whichever service records them. Triggers append to it in the recording transaction
-- (executor-worker's batch of executions, strategy-api's status change), so no writer's code changes,
-- and NOTIFY the users concerned, which PostgreSQL delivers to every listening replica on commit.
-- run_changes.id is the stream's event id: a client that reconnects with Last-Event-ID replays
-- with a keyset query on (owner_id, id). Rows only point at what changed; the stream reads the
-- execution or transition itself.
CREATE TABLE run_changes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id       text        NOT NULL,
    strategy_id    uuid        NOT NULL,
    execution_id   uuid,
    transition_id  bigint,
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((execution_id IS NULL) <> (transition_id IS NULL))
);

CREATE INDEX run_changes_owner_idx ON run_changes (owner_id, id);
CREATE INDEX run_changes_recorded_brin ON run_changes USING brin (recorded_at);

ALTER TABLE run_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_changes_owner ON run_changes
    USING (owner_id = current_setting('app.user_id', true));
GRANT SELECT ON run_changes TO strategos_api;

-- Statement-level, over the statement's new rows: one insert and one NOTIFY per user per statement,
-- however many executions a batch records. SECURITY DEFINER: strategos_api, which inserts
-- transitions, may only read run_changes.
CREATE FUNCTION log_run_changes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
    IF TG_TABLE_NAME = 'executions' THEN
        INSERT INTO run_changes (owner_id, strategy_id, execution_id)
        SELECT owner_id, strategy_id, id FROM changed ORDER BY id;
    ELSE
        INSERT INTO run_changes (owner_id, strategy_id, transition_id)
        SELECT owner_id, strategy_id, id FROM changed ORDER BY id;
    END IF;
    PERFORM pg_notify('strategos_runs', owner_id) FROM (SELECT DISTINCT owner_id FROM changed) AS owners;
    RETURN NULL;
END
$$;

CREATE TRIGGER executions_log_changes AFTER INSERT ON executions
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION log_run_changes();
CREATE TRIGGER strategy_transitions_log_changes AFTER INSERT ON strategy_transitions
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION log_run_changes();

-- The log is kept for the replay window only; strategy-api's retention job calls this (as
-- strategos_api, which may not delete from run_changes itself).
CREATE FUNCTION prune_run_changes(keep interval) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
    WITH pruned AS (DELETE FROM run_changes WHERE recorded_at < now() - keep RETURNING 1)
    SELECT count(*) FROM pruned;
$$;
REVOKE ALL ON FUNCTION prune_run_changes(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION prune_run_changes(interval) TO strategos_api;
