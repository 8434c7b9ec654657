-- strategy-api's reads and writes beyond the basics: full-text search, public templates, state
-- transitions, manual run requests, market prices for portfolio valuation, and the indexes the
-- statistics need.

-- Full-text search over name and description. 'simple' keeps words as typed (no stemming), so a
-- search matches names in any language the same way.
ALTER TABLE strategies
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(description, '')), 'B')) STORED,
    -- The version published as a public template (null: not published).
    ADD COLUMN published_version integer,
    ADD COLUMN published_at      timestamptz,
    ADD CONSTRAINT strategies_published_version_exists
        CHECK (published_version IS NULL OR (published_version >= 1 AND published_version <= version));

CREATE INDEX strategies_search_idx ON strategies USING gin (search);

-- Templates are searched in the version that was published, not in later private edits.
ALTER TABLE strategy_versions
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(name, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(description, '')), 'B')) STORED;

CREATE INDEX strategy_versions_search_idx ON strategy_versions USING gin (search);
CREATE INDEX strategies_tags_idx ON strategies USING gin (tags);
-- Keyset pagination of an owner's strategies by each sort order the list offers.
CREATE INDEX strategies_owner_updated_idx ON strategies (owner_id, updated_at DESC, id DESC);
CREATE INDEX strategies_owner_name_idx ON strategies (owner_id, name, id);
CREATE INDEX strategies_templates_idx ON strategies (published_at DESC, id DESC) WHERE published_version IS NOT NULL;

-- Every change of a strategy's status, in the transaction that made it.
CREATE TABLE strategy_transitions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    strategy_id  uuid        NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    owner_id     text        NOT NULL,
    from_status  text        NOT NULL,
    to_status    text        NOT NULL,
    action       text        NOT NULL,
    occurred_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX strategy_transitions_strategy_idx ON strategy_transitions (strategy_id, id DESC);

-- "Run now" requests. strategy-api inserts one with the execution id the run will have; executor-worker
-- claims them like due strategies (FOR UPDATE SKIP LOCKED), runs the strategy's current graph with
-- trigger 'manual' and scheduled_for = requested_at, and deletes the request in the transaction that
-- records the execution.
CREATE TABLE run_requests (
    execution_id  uuid PRIMARY KEY,
    strategy_id   uuid        NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    owner_id      text        NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    -- The lease of the worker running it, as on strategies.
    lease_owner       text,
    lease_expires_at  timestamptz,
    -- One pending request per strategy and instant: scheduled_for must stay unique per strategy.
    CONSTRAINT run_requests_one_per_instant UNIQUE (strategy_id, requested_at)
);

CREATE INDEX run_requests_due_idx ON run_requests (requested_at);

-- The latest known price of each market, kept by executor-worker from its market data, so that open
-- paper positions can be valued.
CREATE TABLE market_prices (
    market_id   text PRIMARY KEY,
    price       numeric(10, 6) NOT NULL CHECK (price >= 0 AND price <= 1),
    updated_at  timestamptz    NOT NULL DEFAULT now()
);

-- Statistics: index-only scans over a strategy's executions and node logs.
CREATE INDEX executions_strategy_stats_idx ON executions (strategy_id) INCLUDE (status, duration_ms);
CREATE INDEX execution_node_logs_strategy_node_idx ON execution_node_logs (strategy_id, node_id)
    INCLUDE (node_type, status, duration_ms);
-- History filtered by status, newest first.
CREATE INDEX executions_strategy_status_started_idx ON executions (strategy_id, status, started_at DESC, id DESC);
