-- A backtest's detail, written by executor-worker at each checkpoint (V18): every slot's run with the
-- equity after it (the equity curve), and every simulated trade. Deleted with their backtest.

CREATE TABLE backtest_runs (
    backtest_id  uuid        NOT NULL REFERENCES backtests (id) ON DELETE CASCADE,
    slot         timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('success', 'failed', 'condition_not_met', 'timed_out')),
    error        text,
    trades       integer     NOT NULL,
    equity       numeric(14, 2) NOT NULL,
    PRIMARY KEY (backtest_id, slot)
);

CREATE TABLE backtest_trades (
    backtest_id   uuid        NOT NULL REFERENCES backtests (id) ON DELETE CASCADE,
    seq           integer     NOT NULL,
    slot          timestamptz NOT NULL,
    market_id     text        NOT NULL,
    question      text,
    outcome       text        NOT NULL,
    action        text        NOT NULL CHECK (action IN ('buy', 'sell')),
    quantity      numeric     NOT NULL,
    price         numeric     NOT NULL,
    fee_usd       numeric     NOT NULL,
    cash_delta    numeric     NOT NULL,
    realized_pnl  numeric,
    reason        text,
    PRIMARY KEY (backtest_id, seq)
);

ALTER TABLE backtest_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE backtest_trades ENABLE ROW LEVEL SECURITY;
CREATE POLICY backtest_runs_owner ON backtest_runs
    USING (EXISTS (SELECT 1 FROM backtests b
                    WHERE b.id = backtest_runs.backtest_id AND b.owner_id = current_setting('app.user_id', true)));
CREATE POLICY backtest_trades_owner ON backtest_trades
    USING (EXISTS (SELECT 1 FROM backtests b
                    WHERE b.id = backtest_trades.backtest_id AND b.owner_id = current_setting('app.user_id', true)));

GRANT SELECT ON backtest_runs, backtest_trades TO strategos_api;
