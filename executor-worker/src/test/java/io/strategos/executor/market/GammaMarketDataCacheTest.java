package io.strategos.executor.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.localstack.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared fetch: one per cache window, however long the API takes to answer. */
class GammaMarketDataCacheTest {

    @Test
    void aFetchSlowerThanTheCacheWindowServesTheWindowAfterIt() {
        ObjectMapper json = new ObjectMapper();
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
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
