package io.strategos.executor.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared fetch: one per cache window, however long the API takes to answer. */
class GammaMarketDataCacheTest {

    /** A clock the test moves, as a slow fetch would. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aFetchSlowerThanTheCacheWindowServesTheWindowAfterIt() {
        ObjectMapper json = new ObjectMapper();
        ManualClock clock = new ManualClock();
        AtomicInteger fetches = new AtomicInteger();
        GammaClient slowApi = (limit, offset, active, closed, order, ascending) -> {
            fetches.incrementAndGet();
            clock.advance(Duration.ofSeconds(8));
            return json.createArrayNode();
        };
        GammaMarketData markets = new GammaMarketData(slowApi, json, 500, Duration.ofSeconds(5), clock, (at, fetched) -> { });
        MarketQuery all = new MarketQuery(null, null, 0, 0, 10);

        markets.markets(all);
        clock.advance(Duration.ofSeconds(4));
        markets.markets(all);
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        markets.markets(all);
        assertThat(fetches).hasValue(2);
    }
}
