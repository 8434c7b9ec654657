-- Storage of one day of market history (README "Market history"), worst case: every fetch recorded and every
-- value different from the fetch before. At the defaults a fetch every 5 s (17,280 a day) of 500 markets, with
-- values of the Gamma fact sheet's shape: 6-digit ids, prices with 4 decimals, volumes and liquidity with cents.
-- Run on an empty database holding only V20:
--   createdb -h 127.0.0.1 -U strategos market_history_size
--   psql -h 127.0.0.1 -U strategos -d market_history_size -f strategy-model/src/main/resources/db/strategy/V20__market_history.sql
--   psql -h 127.0.0.1 -U strategos -d market_history_size -f benchmarks/sql/market-history-day.sql
-- For a longer strategos.market-history.interval, on another fresh database: -v interval='1 minute'.
\if :{?interval}
\else
\set interval '5 seconds'
\endif
CREATE TABLE market_snapshots_p20261201 PARTITION OF market_snapshots
    FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2026-12-02 00:00:00+00');
CREATE TABLE market_descriptions_p20261201 PARTITION OF market_descriptions
    FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2026-12-02 00:00:00+00');

INSERT INTO market_snapshots (period_start, fetched_at, market_ids, prices, volumes_24h, liquidity, momentum)
SELECT t, t + interval '180 milliseconds',
       ARRAY(SELECT (500000 + m * 37)::text FROM generate_series(1, 500) m),
       ARRAY(SELECT round((0.01 + random() * 0.98)::numeric, 4)::real FROM generate_series(1, 500)),
       ARRAY(SELECT round((random() * random() * 2000000)::numeric, 2)::real FROM generate_series(1, 500)),
       ARRAY(SELECT round((1000 + random() * 500000)::numeric, 2)::real FROM generate_series(1, 500)),
       ARRAY(SELECT round(((random() - 0.5) * 0.2)::numeric, 4)::real FROM generate_series(1, 500))
  FROM generate_series(timestamptz '2026-12-01 00:00:00+00', timestamptz '2026-12-02 00:00:00+00' - interval '1 millisecond',
                       interval :'interval') t;

-- Each market described once that day, with the day's first snapshot.
INSERT INTO market_descriptions (recorded_at, market_id, question, category, end_date)
SELECT timestamptz '2026-12-01 00:00:00.18+00', (500000 + m * 37)::text,
       'Will ' || md5(m::text) || ' happen before the end of the year?', (ARRAY['politics', 'crypto', 'sports', 'economics'])[1 + m % 4],
       timestamptz '2026-12-31 00:00:00+00'
  FROM generate_series(1, 500) m;

VACUUM ANALYZE market_snapshots_p20261201, market_descriptions_p20261201;

SELECT relation, pg_size_pretty(bytes) AS size_per_day, bytes
  FROM (VALUES ('market_snapshots', pg_total_relation_size('market_snapshots_p20261201')),
               ('market_descriptions', pg_total_relation_size('market_descriptions_p20261201'))) AS s(relation, bytes);
