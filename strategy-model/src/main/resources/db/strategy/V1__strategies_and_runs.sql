-- Strategies, their runs and the event outbox.
-- strategy-api owns strategies and strategy_versions; executor-worker owns executions,
-- execution_node_logs and the run-related columns of strategies; both write outbox_events.

CREATE TABLE strategies (
    id                        uuid PRIMARY KEY,
    owner_id                  text        NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 128),
    name                      text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description               text,
    tags                      text[]      NOT NULL DEFAULT '{}',
    folder                    text,
    favorite                  boolean     NOT NULL DEFAULT false,
    version                   integer     NOT NULL DEFAULT 1 CHECK (version >= 1),
    graph                     jsonb       NOT NULL,
    status                    text        NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'stopped', 'running', 'paused', 'error', 'completed', 'archived')),

    -- Deployment settings (null until deployed).
    schedule                  jsonb,
    misfire_policy            text        NOT NULL DEFAULT 'run_once' CHECK (misfire_policy IN ('run_once', 'skip')),
    trading_mode              text        CHECK (trading_mode IN ('paper', 'live')),
    paper_bankroll_usd        numeric(12, 2) CHECK (paper_bankroll_usd BETWEEN 100 AND 1000000),
    auto_pause_after_errors   integer     NOT NULL DEFAULT 3 CHECK (auto_pause_after_errors >= 1),
    deployed_at               timestamptz,

    -- Scheduling: the next slot, and the lease of the worker running it.
    next_execution_at         timestamptz,
    lease_owner               text,
    lease_expires_at          timestamptz,

    -- Run statistics, kept by executor-worker.
    total_executions          bigint      NOT NULL DEFAULT 0,
    successful_executions     bigint      NOT NULL DEFAULT 0,
    failed_executions         bigint      NOT NULL DEFAULT 0,
    consecutive_errors        integer     NOT NULL DEFAULT 0,
    avg_duration_ms           double precision,
    last_executed_at          timestamptz,

    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);

-- The claim query's index: only running strategies, in due order.
CREATE INDEX strategies_due_idx ON strategies (next_execution_at) WHERE status = 'running';
CREATE INDEX strategies_owner_idx ON strategies (owner_id, created_at DESC, id);

CREATE TABLE strategy_versions (
    strategy_id  uuid        NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    version      integer     NOT NULL,
    name         text        NOT NULL,
    description  text,
    graph        jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (strategy_id, version)
);

CREATE TABLE executions (
    id                uuid PRIMARY KEY,
    strategy_id       uuid        NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    owner_id          text        NOT NULL,
    strategy_version  integer     NOT NULL,
    trigger           text        NOT NULL CHECK (trigger IN ('cron', 'interval', 'once', 'manual')),
    scheduled_for     timestamptz NOT NULL,
    started_at        timestamptz NOT NULL,
    completed_at      timestamptz NOT NULL,
    status            text        NOT NULL
        CHECK (status IN ('success', 'failed', 'skipped', 'condition_not_met', 'timed_out')),
    nodes_executed    integer     NOT NULL DEFAULT 0,
    error             text,
    duration_ms       integer     NOT NULL,
    -- A run slot runs once, however replicas race or leases expire.
    CONSTRAINT executions_one_run_per_slot UNIQUE (strategy_id, scheduled_for)
);

CREATE INDEX executions_strategy_started_idx ON executions (strategy_id, started_at DESC, id);

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
    PRIMARY KEY (execution_id, seq)
);

-- Transactional outbox: events are written in the same transaction as the change they describe
-- and published to Kafka by executor-worker's relay. Rows are deleted once Kafka has them.
CREATE TABLE outbox_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_key   text        NOT NULL,
    event_type    text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
