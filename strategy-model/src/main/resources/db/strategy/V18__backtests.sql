-- The strategy lab's backtests (issue 13): strategy-api inserts a request, executor-worker claims it
-- (FOR UPDATE SKIP LOCKED and a lease, like runs), replays the strategy's schedule over [range_from,
-- range_to) in memory, and checkpoints: next_slot and checkpoint (the simulated paper account and the
-- metrics so far) move together with the runs and trades written since the last checkpoint (V19), in one
-- transaction, so a replica that takes over an expired lease resumes exactly where the last one stopped.

CREATE TABLE backtests (
    id                uuid PRIMARY KEY,
    owner_id          text        NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 128),
    strategy_id       uuid        NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    strategy_version  integer     NOT NULL CHECK (strategy_version >= 1),
    range_from        timestamptz NOT NULL,
    range_to          timestamptz NOT NULL,
    -- The schedule replayed (the deployment's unless the request gave one), as strategies.schedule.
    schedule          jsonb       NOT NULL,
    -- paperBankrollUsd, feeBps and slippageBps (null: the executor's), maxDrawdownPct, triggerCondition.
    settings          jsonb       NOT NULL,
    status            text        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    -- Share of [range_from, range_to) replayed, in percent.
    progress_pct      numeric(5, 2) NOT NULL DEFAULT 0 CHECK (progress_pct BETWEEN 0 AND 100),
    slots_done        bigint      NOT NULL DEFAULT 0,
    -- The next slot to run and the state after the slot before it; null until the first checkpoint.
    next_slot         timestamptz,
    checkpoint        jsonb,
    -- The metrics and the buy-and-hold baseline, once completed.
    result            jsonb,
    error             text,
    lease_owner       text,
    lease_expires_at  timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    completed_at      timestamptz,
    CHECK (range_to > range_from)
);

-- A user's list, newest first (keyset on created_at, id).
CREATE INDEX backtests_owner_idx ON backtests (owner_id, created_at DESC, id DESC);
-- The claim: unfinished backtests, oldest first.
CREATE INDEX backtests_claim_idx ON backtests (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX backtests_strategy_idx ON backtests (strategy_id);

ALTER TABLE backtests ENABLE ROW LEVEL SECURITY;
CREATE POLICY backtests_owner ON backtests
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

-- strategy-api submits, reads, and cancels (an UPDATE of status); executor-worker, the owner, does the rest.
GRANT SELECT, INSERT, UPDATE ON backtests TO strategos_api;
