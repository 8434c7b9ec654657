-- Row-level security on the user-owned tables, keyed on the per-transaction setting app.user_id
-- (strategy-api runs SELECT set_config('app.user_id', <token sub>, true) first in every transaction).
-- A query that forgets its owner condition still sees only the caller's rows; without the setting
-- it sees none.
--
-- Who is subject to it: PostgreSQL exempts a table's owner unless the table FORCEs row security.
-- The owner role (strategos) runs the migrations and executor-worker, which works across users and
-- so must bypass it. strategy-api is protected when it connects as a role that does not own the
-- tables; if a role named strategos_api exists when this runs, it gets exactly the privileges
-- strategy-api needs (create it beforehand: CREATE ROLE strategos_api LOGIN PASSWORD ...).
-- strategy-api's tests FORCE row security on these tables, so every API test runs under the policies.

ALTER TABLE strategies           ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategy_versions    ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategy_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_requests         ENABLE ROW LEVEL SECURITY;
ALTER TABLE executions           ENABLE ROW LEVEL SECURITY;
ALTER TABLE execution_node_logs  ENABLE ROW LEVEL SECURITY;
ALTER TABLE watchlist_entries    ENABLE ROW LEVEL SECURITY;
ALTER TABLE paper_portfolios     ENABLE ROW LEVEL SECURITY;
ALTER TABLE paper_positions      ENABLE ROW LEVEL SECURITY;
ALTER TABLE paper_trades         ENABLE ROW LEVEL SECURITY;

-- current_setting(..., true) is null when the setting is absent, and null never equals an owner.
CREATE POLICY strategies_owner ON strategies
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));
-- Templates are the one shared read.
CREATE POLICY strategies_published ON strategies FOR SELECT
    USING (published_version IS NOT NULL);

CREATE POLICY strategy_versions_owner ON strategy_versions
    USING (EXISTS (SELECT 1 FROM strategies s
                    WHERE s.id = strategy_versions.strategy_id AND s.owner_id = current_setting('app.user_id', true)))
    WITH CHECK (EXISTS (SELECT 1 FROM strategies s
                         WHERE s.id = strategy_versions.strategy_id AND s.owner_id = current_setting('app.user_id', true)));
CREATE POLICY strategy_versions_published ON strategy_versions FOR SELECT
    USING (EXISTS (SELECT 1 FROM strategies s WHERE s.id = strategy_versions.strategy_id AND s.published_version = strategy_versions.version));

CREATE POLICY strategy_transitions_owner ON strategy_transitions
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

CREATE POLICY run_requests_owner ON run_requests
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

CREATE POLICY executions_owner ON executions
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

CREATE POLICY execution_node_logs_owner ON execution_node_logs
    USING (EXISTS (SELECT 1 FROM executions e
                    WHERE e.id = execution_node_logs.execution_id AND e.owner_id = current_setting('app.user_id', true)))
    WITH CHECK (EXISTS (SELECT 1 FROM executions e
                         WHERE e.id = execution_node_logs.execution_id AND e.owner_id = current_setting('app.user_id', true)));

CREATE POLICY watchlist_entries_owner ON watchlist_entries
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

CREATE POLICY paper_portfolios_owner ON paper_portfolios
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

CREATE POLICY paper_positions_owner ON paper_positions
    USING (EXISTS (SELECT 1 FROM paper_portfolios p
                    WHERE p.strategy_id = paper_positions.strategy_id AND p.owner_id = current_setting('app.user_id', true)))
    WITH CHECK (EXISTS (SELECT 1 FROM paper_portfolios p
                         WHERE p.strategy_id = paper_positions.strategy_id AND p.owner_id = current_setting('app.user_id', true)));

CREATE POLICY paper_trades_owner ON paper_trades
    USING (owner_id = current_setting('app.user_id', true))
    WITH CHECK (owner_id = current_setting('app.user_id', true));

-- strategy-api's own role, when there is one: what it reads and writes, nothing more.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strategos_api') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON strategies, strategy_versions, watchlist_entries TO strategos_api;
        GRANT SELECT, INSERT ON strategy_transitions, run_requests TO strategos_api;
        GRANT SELECT ON executions, execution_node_logs, paper_portfolios, paper_positions, paper_trades, market_prices
            TO strategos_api;
        GRANT INSERT ON outbox_events TO strategos_api;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO strategos_api;
    END IF;
END
$$;
