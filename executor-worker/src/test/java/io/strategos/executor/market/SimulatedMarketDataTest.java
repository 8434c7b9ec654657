package io.strategos.executor.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedMarketDataTest {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final MarketQuery ALL = new MarketQuery(null, null, 0, 0, 50);

    private static List<Market> markets(long seed, Clock clock) {
        return new SimulatedMarketData(seed, 50, Duration.ofSeconds(10), clock).markets(ALL);
    }

    @Test
    void theSameSeedAndTimeGiveTheSameMarkets() {
        assertThat(markets(7, NOON)).isEqualTo(markets(7, NOON)).hasSize(50);
        assertThat(markets(7, NOON)).isNotEqualTo(markets(8, NOON));
    }

    @Test
    void pricesWalkOverTimeWithinBounds() {
        List<Double> now = markets(7, NOON).stream().map(Market::price).toList();
        List<Double> later = markets(7, Clock.offset(NOON, Duration.ofMinutes(5))).stream().map(Market::price).toList();
        assertThat(later).isNotEqualTo(now);
        assertThat(markets(7, NOON)).allSatisfy(m -> assertThat(m.price()).isBetween(0.01, 0.99));
    }

    @Test
    void queriesFilterByCategoryKeywordAndThresholds() {
        var query = new MarketQuery(List.of("crypto"), List.of("bitcoin"), 2_000, 0, 10);
        List<Market> found = new SimulatedMarketData(7, 200, Duration.ofSeconds(10), NOON).markets(query);
        assertThat(found).isNotEmpty().hasSizeLessThanOrEqualTo(10).allSatisfy(m -> {
            assertThat(m.category()).isEqualTo("crypto");
            assertThat(m.question()).containsIgnoringCase("bitcoin");
            assertThat(m.liquidity()).isGreaterThanOrEqualTo(2_000);
        });
        assertThat(found).isSortedAccordingTo((a, b) -> Double.compare(b.volume24h(), a.volume24h()));
    }

    @Test
    void aReplayGivesEveryPastInstantExactlyAsALiveRunSawIt() {
        var history = new SimulatedMarketData(7, 50, Duration.ofSeconds(10), NOON).replay();
        Instant start = NOON.instant().minus(Duration.ofDays(3));
        // Rolled forward one minute at a time, then a jump, then backwards: the same as computed afresh.
        for (Instant at : List.of(start, start.plusSeconds(60), start.plusSeconds(125), start.plusSeconds(3600),
                start.plus(Duration.ofDays(1)), start.plusSeconds(30))) {
            assertThat(history.at(at).markets()).isEqualTo(markets(7, Clock.fixed(at, ZoneOffset.UTC)));
        }
    }
}
