-- strategy-api's two most frequent reads, one strategy and a page of the caller's list (or search), as
-- one statement each. In a transaction of their own they took four: BEGIN, set_config('app.user_id')
-- for the row-level security policies, the SELECT, COMMIT. The functions below name the caller with a
-- setting local to the transaction of the statement that calls them, which strategy-api sends on its
-- own (autocommit), so the setting ends with that statement and never reaches the connection's next
-- user; then they read as the caller (SECURITY INVOKER, the default), under the same policies. pgbench
-- as strategos_api (prepared, 2 clients, 100 strategies per user): 2.2-2.7x the GETs per second and
-- 1.8x the searches of the four-statement form (BENCHMARKS.md, "strategy-api at 2,000 requests/s").

-- A strategy with its run state, as strategy-api maps it (jsonb as text). security_invoker: read with
-- the caller's privileges and policies, not the view owner's (who owns the tables and so bypasses them).
CREATE VIEW strategy_rows WITH (security_invoker = true) AS
SELECT s.id, s.owner_id, s.name, s.description, s.tags, s.folder, s.favorite, s.version, s.graph::text AS graph,
       s.status, s.schedule::text AS schedule, s.misfire_policy, s.jitter_seconds, s.trading_mode, s.paper_bankroll_usd,
       s.auto_pause_after_errors, s.max_executions, s.expires_at, s.max_drawdown_pct,
       s.trigger_condition::text AS trigger_condition, s.published_version, s.published_at, s.deployed_at,
       rs.next_run_at, coalesce(rs.total_executions, 0) AS total_executions,
       coalesce(rs.successful_executions, 0) AS successful_executions,
       coalesce(rs.failed_executions, 0) AS failed_executions,
       coalesce(rs.consecutive_errors, 0) AS consecutive_errors, rs.avg_duration_ms, rs.last_executed_at,
       s.created_at, s.updated_at, s.search
  FROM strategies s
  LEFT JOIN strategy_run_state rs ON rs.strategy_id = s.id;

-- The caller's strategy, or no row.
CREATE FUNCTION owned_strategy(caller_id text, wanted uuid) RETURNS SETOF strategy_rows
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('app.user_id', caller_id, true);
    RETURN QUERY SELECT * FROM strategy_rows s WHERE s.id = wanted AND s.owner_id = caller_id;
END
$$;

-- The caller's strategies that every non-null filter admits, unordered. A plain SQL function, so that
-- PostgreSQL inlines it into each query of owned_strategies below and plans it with their ORDER BY and
-- LIMIT (each sort order has its index, V3). The search text becomes a tsquery once per statement, in a
-- sub-select: with a generic plan a function of a parameter is evaluated again for every row it filters.
CREATE FUNCTION strategies_admitted(caller_id text, words text, tag_name text, folder_name text, status_name text,
                                    favorite_flag boolean, archived_flag boolean) RETURNS SETOF strategy_rows
    LANGUAGE sql STABLE AS $$
    SELECT * FROM strategy_rows s
     WHERE s.owner_id = caller_id
       AND (words IS NULL OR s.search @@ (SELECT websearch_to_tsquery('simple', words)))
       AND (tag_name IS NULL OR s.tags @> ARRAY[tag_name])
       AND (folder_name IS NULL OR s.folder = folder_name)
       AND (status_name IS NULL OR s.status = status_name)
       AND (favorite_flag IS NULL OR s.favorite = favorite_flag)
       AND (archived_flag IS NULL OR (s.status = 'archived') = archived_flag)
$$;

-- Up to max_rows of them after the keyset (after_key, after_id) in sort_order: 'created' and 'updated'
-- newest first, 'name' alphabetical; after_key is the sort column as text, null for the first page.
CREATE FUNCTION owned_strategies(caller_id text, words text, tag_name text, folder_name text, status_name text,
                                 favorite_flag boolean, archived_flag boolean,
                                 sort_order text, after_key text, after_id uuid, max_rows integer)
    RETURNS SETOF strategy_rows
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('app.user_id', caller_id, true);
    CASE sort_order
    WHEN 'created' THEN
        RETURN QUERY SELECT * FROM strategies_admitted(caller_id, words, tag_name, folder_name, status_name,
                                                       favorite_flag, archived_flag) s
                      WHERE after_key IS NULL OR (s.created_at, s.id) < (after_key::timestamptz, after_id)
                      ORDER BY s.created_at DESC, s.id DESC LIMIT max_rows;
    WHEN 'updated' THEN
        RETURN QUERY SELECT * FROM strategies_admitted(caller_id, words, tag_name, folder_name, status_name,
                                                       favorite_flag, archived_flag) s
                      WHERE after_key IS NULL OR (s.updated_at, s.id) < (after_key::timestamptz, after_id)
                      ORDER BY s.updated_at DESC, s.id DESC LIMIT max_rows;
    WHEN 'name' THEN
        RETURN QUERY SELECT * FROM strategies_admitted(caller_id, words, tag_name, folder_name, status_name,
                                                       favorite_flag, archived_flag) s
                      WHERE after_key IS NULL OR (s.name, s.id) > (after_key, after_id)
                      ORDER BY s.name, s.id LIMIT max_rows;
    END CASE;
END
$$;

GRANT SELECT ON strategy_rows TO strategos_api;
