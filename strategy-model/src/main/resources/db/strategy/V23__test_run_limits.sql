-- The strategy lab's per-user limit on test runs (issue 13), shared by every strategy-api replica rather
-- than kept in each one's memory: a user's row holds the start of their current window and the test runs
-- started in it. strategy-api counts a run with one INSERT ... ON CONFLICT DO UPDATE ... RETURNING
-- (TestRunRateLimit), which starts a new window at now() once the last one has ended; concurrent requests
-- of one user queue on the row's lock, so replicas never let more through than the limit between them.
-- One row per user who ever ran a test, a few dozen bytes each: nothing deletes them.

CREATE TABLE test_run_limits (
    owner_id      text        PRIMARY KEY CHECK (length(owner_id) BETWEEN 1 AND 128),
    window_start  timestamptz NOT NULL,
    -- Test runs asked for in the window, refused ones included (those over the limit are refused).
    used          integer     NOT NULL CHECK (used >= 1)
);

-- As every user-owned table (V4): a row exists only for its owner.
ALTER TABLE test_run_limits ENABLE ROW LEVEL SECURITY;
CREATE POLICY test_run_limits_owner ON test_run_limits
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

-- The upsert and its RETURNING (V11's rule: exactly the statements strategy-api runs).
GRANT SELECT, INSERT, UPDATE ON test_run_limits TO strategos_api;
