-- Market history (issue 13): the markets executor-worker fetched from the Gamma API, so that backtests
-- replay real data. A fetch is shared by every run in its cache window, so history is one row per fetch,
-- not per run or per market. What changes from fetch to fetch (price, volume, liquidity, momentum) is a
-- row of arrays in market_snapshots; what hardly ever changes (question, category, end date) is written
-- to market_descriptions once a day per market, or when it changes, instead of into every snapshot.
-- Both are partitioned by day and kept strategos.market-history.retention-days by executor-worker's
-- retention job, which creates the coming days' partitions and drops expired ones whole, as for
-- execution_node_logs (V10). Public market data, owned by executor-worker: no row-level security, and
-- strategy-api has no access.

CREATE TABLE market_snapshots (
    -- The strategos.market-history.interval (by default the fetch interval, cache-ttl) this fetch fell in,
    -- counted from UTC midnight. The key: replicas fetch on their own, and only the first fetch of an
    -- interval is kept.
    period_start  timestamptz NOT NULL,
    -- When the fetch answered: a backtest's slot sees the latest snapshot fetched at or before it.
    fetched_at    timestamptz NOT NULL,
    -- One element per market, most traded first. Prices are the YES outcome's, momentum its change over
    -- the provider's day; real (float4) is exact to the 6 decimals prices are read back to, and keeps
    -- volumes and liquidity to 7 significant digits.
    market_ids    text[]      NOT NULL,
    prices        real[]      NOT NULL,
    volumes_24h   real[]      NOT NULL,
    liquidity     real[]      NOT NULL,
    momentum      real[]      NOT NULL,
    PRIMARY KEY (period_start),
    CHECK (fetched_at >= period_start),
    CHECK (cardinality(prices) = cardinality(market_ids) AND cardinality(volumes_24h) = cardinality(market_ids)
           AND cardinality(liquidity) = cardinality(market_ids) AND cardinality(momentum) = cardinality(market_ids))
) PARTITION BY RANGE (period_start);

CREATE TABLE market_snapshots_default PARTITION OF market_snapshots DEFAULT;

-- Each day's partition describes every market of that day's snapshots: a market's description is
-- written with the first snapshot of the day that holds it (recorded_at is that snapshot's fetched_at),
-- and again when it changes, so a day read alone is complete.
CREATE TABLE market_descriptions (
    recorded_at  timestamptz NOT NULL,
    market_id    text        NOT NULL,
    question     text        NOT NULL,
    category     text        NOT NULL,
    end_date     timestamptz,
    PRIMARY KEY (market_id, recorded_at)
) PARTITION BY RANGE (recorded_at);

CREATE TABLE market_descriptions_default PARTITION OF market_descriptions DEFAULT;
