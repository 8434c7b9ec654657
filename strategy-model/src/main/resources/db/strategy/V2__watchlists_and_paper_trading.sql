-- Deployment settings the executor enforces, watchlists, and paper trading.
-- strategy-api writes the settings and hand-made watchlist entries and reads the rest;
-- executor-worker writes watchlist entries found by runs, and all paper-trading rows.

ALTER TABLE strategies
    ADD COLUMN max_executions       bigint        CHECK (max_executions >= 1),
    ADD COLUMN expires_at           timestamptz,
    ADD COLUMN max_drawdown_pct     numeric(5, 2) CHECK (max_drawdown_pct > 0 AND max_drawdown_pct <= 100),
    -- A market condition that must hold for a run to go ahead (null: always run).
    ADD COLUMN trigger_condition    jsonb,
    -- Spread strategies that share a cron over this many seconds after each slot (0: none).
    ADD COLUMN jitter_seconds       integer       NOT NULL DEFAULT 0 CHECK (jitter_seconds BETWEEN 0 AND 3600);

CREATE TABLE watchlist_entries (
    id                     uuid PRIMARY KEY,
    strategy_id            uuid        NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    owner_id               text        NOT NULL,
    market_id              text        NOT NULL,
    reason                 text,
    -- The market as it was when added.
    metadata               jsonb       NOT NULL DEFAULT '{}',
    added_at               timestamptz NOT NULL DEFAULT now(),
    -- Null when added by hand through the API.
    added_by_execution_id  uuid,
    CONSTRAINT watchlist_entries_one_per_market UNIQUE (strategy_id, market_id)
);

CREATE INDEX watchlist_entries_newest_idx ON watchlist_entries (strategy_id, added_at DESC, id);

-- One paper account per strategy. The CHECKs make overspending impossible, whatever the code does.
CREATE TABLE paper_portfolios (
    strategy_id     uuid PRIMARY KEY REFERENCES strategies (id) ON DELETE CASCADE,
    owner_id        text           NOT NULL,
    starting_cash   numeric(14, 2) NOT NULL CHECK (starting_cash > 0),
    cash            numeric(14, 2) NOT NULL CHECK (cash >= 0),
    realized_pnl    numeric(14, 2) NOT NULL DEFAULT 0,
    updated_at      timestamptz    NOT NULL DEFAULT now()
);

-- Open positions. Selling more than is held would make quantity negative: refused by the CHECK;
-- a position sold down to nothing is deleted.
CREATE TABLE paper_positions (
    strategy_id   uuid           NOT NULL REFERENCES paper_portfolios (strategy_id) ON DELETE CASCADE,
    market_id     text           NOT NULL,
    outcome       text           NOT NULL CHECK (outcome IN ('yes', 'no')),
    quantity      numeric(18, 6) NOT NULL CHECK (quantity > 0),
    avg_price     numeric(10, 6) NOT NULL CHECK (avg_price > 0 AND avg_price < 1),
    question      text,
    opened_at     timestamptz    NOT NULL DEFAULT now(),
    updated_at    timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (strategy_id, market_id, outcome)
);

CREATE TABLE paper_trades (
    id            uuid PRIMARY KEY,
    strategy_id   uuid           NOT NULL REFERENCES paper_portfolios (strategy_id) ON DELETE CASCADE,
    owner_id      text           NOT NULL,
    execution_id  uuid,
    market_id     text           NOT NULL,
    outcome       text           NOT NULL CHECK (outcome IN ('yes', 'no')),
    action        text           NOT NULL CHECK (action IN ('buy', 'sell')),
    quantity      numeric(18, 6) NOT NULL CHECK (quantity > 0),
    price         numeric(10, 6) NOT NULL CHECK (price > 0 AND price < 1),
    fee_usd       numeric(14, 4) NOT NULL DEFAULT 0 CHECK (fee_usd >= 0),
    realized_pnl  numeric(14, 2),
    reason        text,
    executed_at   timestamptz    NOT NULL DEFAULT now()
);

CREATE INDEX paper_trades_strategy_idx ON paper_trades (strategy_id, executed_at DESC, id);
