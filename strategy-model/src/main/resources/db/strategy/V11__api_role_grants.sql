-- strategy-api's own role, strategos_api: what the API runs, nothing more. strategy-api serves every
-- request as this role, which owns no table, so the row-level security policies of V4 (and V10) hold
-- for all its traffic; Flyway migrates as the owner. V4 and V10 granted to the role only when it
-- happened to exist; from here on it must exist before the migrations run (.ci/ensure-postgres.sh,
-- the local stack, the tests' PostgreSQL and deploy/ create it), and this migration fails otherwise.

-- Refuse a role that would make the policies moot.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strategos_api' AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'role strategos_api must be neither SUPERUSER nor BYPASSRLS: row-level security would not apply to it';
    END IF;
END
$$;

-- Start from nothing, whatever V4 and V10 granted, then grant statement by statement what the
-- API runs (its repositories and Hibernate entities).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM strategos_api;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM strategos_api;
GRANT USAGE ON SCHEMA public TO strategos_api;

-- Definitions: create, read, replace, lock (SELECT ... FOR UPDATE needs UPDATE), hard delete.
-- Deleting a strategy cascades to its runs, versions and paper account through foreign keys, which
-- PostgreSQL runs as the tables' owner, so the API needs no DELETE on those.
GRANT SELECT, INSERT, UPDATE, DELETE ON strategies TO strategos_api;
-- Versions are written once and never changed.
GRANT SELECT, INSERT ON strategy_versions TO strategos_api;
-- The record of status changes: appended, and read for the strategy's view.
GRANT SELECT, INSERT ON strategy_transitions TO strategos_api;
-- Hand-made watchlist entries; adding one is INSERT ... ON CONFLICT DO UPDATE ... RETURNING.
GRANT SELECT, INSERT, UPDATE, DELETE ON watchlist_entries TO strategos_api;
-- Queued for executor-worker, which claims and deletes them; the API never reads them back.
GRANT INSERT ON run_requests TO strategos_api;
-- Events in the transaction of their change; executor-worker's relay reads and deletes them. The id
-- is an identity column, which needs no privilege on its sequence.
GRANT INSERT ON outbox_events TO strategos_api;
-- What executor-worker records, read for history, statistics and the portfolio.
GRANT SELECT ON executions, execution_node_logs, paper_portfolios, paper_positions, paper_trades, market_prices
    TO strategos_api;
-- Replicas check at start-up that the schema has every migration they were built with (Flyway
-- validate, deploy/k8s/base/strategy-api.yaml), as this role.
GRANT SELECT ON flyway_schema_history TO strategos_api;
