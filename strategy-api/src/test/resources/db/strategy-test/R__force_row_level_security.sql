-- Tests only: the tests connect as the tables' owner, which row-level security exempts unless the
-- table FORCEs it. Forcing it makes every strategy-api test run under the V4 policies, as
-- strategy-api does in production under its own non-owner role.
ALTER TABLE strategies           FORCE ROW LEVEL SECURITY;
ALTER TABLE strategy_versions    FORCE ROW LEVEL SECURITY;
ALTER TABLE strategy_transitions FORCE ROW LEVEL SECURITY;
ALTER TABLE run_requests         FORCE ROW LEVEL SECURITY;
ALTER TABLE executions           FORCE ROW LEVEL SECURITY;
ALTER TABLE execution_node_logs  FORCE ROW LEVEL SECURITY;
ALTER TABLE watchlist_entries    FORCE ROW LEVEL SECURITY;
ALTER TABLE paper_portfolios     FORCE ROW LEVEL SECURITY;
ALTER TABLE paper_positions      FORCE ROW LEVEL SECURITY;
ALTER TABLE paper_trades         FORCE ROW LEVEL SECURITY;
