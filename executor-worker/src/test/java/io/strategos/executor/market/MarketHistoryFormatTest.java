package io.strategos.executor.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketHistoryFormatTest {

    private static final Instant END = Instant.parse("2026-12-18T00:00:00Z");
    private static final Market FED = new Market("501", "Will the Fed cut rates in December?", "economics", 0.62, 182_000.5, 95_000,
            0.03, END);
    private static final Market ELECTION = new Market("504", "Will the incumbent win the election?", "politics", 0.0015, 12_000,
            40_000, -0.0125, null);

    @Test
    void aFetchIsKeyedByItsIntervalCountedFromUtcMidnight() {
        assertThat(MarketHistoryFormat.periodStart(Instant.parse("2026-12-01T10:00:07.300Z"), Duration.ofSeconds(5)))
                .isEqualTo(Instant.parse("2026-12-01T10:00:05Z"));
        assertThat(MarketHistoryFormat.periodStart(Instant.parse("2026-12-01T10:00:05Z"), Duration.ofSeconds(5)))
                .isEqualTo(Instant.parse("2026-12-01T10:00:05Z"));
        // 7 s does not divide a day: the last interval is cut short at midnight instead of spanning two days' partitions.
        assertThat(MarketHistoryFormat.periodStart(Instant.parse("2026-12-01T23:59:59Z"), Duration.ofSeconds(7)))
                .isEqualTo(Instant.parse("2026-12-01T23:59:54Z"));
        assertThat(MarketHistoryFormat.periodStart(Instant.parse("2026-12-02T00:00:03Z"), Duration.ofSeconds(7)))
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void marketsComeBackAsFetchedThroughFloat4() {
        MarketHistoryFormat.Columns columns = MarketHistoryFormat.Columns.of(List.of(FED, ELECTION));
        Map<String, MarketHistoryFormat.Description> described = Map.of("501", MarketHistoryFormat.Description.of(FED),
                "504", MarketHistoryFormat.Description.of(ELECTION));

        assertThat(columns.markets(described::get)).containsExactly(FED, ELECTION);
    }

    @Test
    void aMarketWithoutDescriptionKeepsItsNumbers() {
        List<Market> markets = MarketHistoryFormat.Columns.of(List.of(FED)).markets(id -> null);

        assertThat(markets.getFirst()).isEqualTo(new Market("501", "", "", 0.62, 182_000.5, 95_000, 0.03, null));
    }

    @Test
    void eachDayDescribesEveryMarketOnceAndAgainWhenItChanges() {
        MarketHistoryFormat.Ledger ledger = new MarketHistoryFormat.Ledger();
        Instant morning = Instant.parse("2026-12-01T08:00:00Z");

        List<Market> first = ledger.unwritten(morning, List.of(FED, ELECTION, FED));
        assertThat(first).containsExactly(FED, ELECTION);
        // Not committed (the interval was another replica's): still to write.
        assertThat(ledger.unwritten(morning.plusSeconds(5), List.of(FED, ELECTION))).containsExactly(FED, ELECTION);
        ledger.written(first);

        Market moved = new Market("501", FED.question(), FED.category(), 0.7, 1, 1, 0, END.plusSeconds(86_400));
        assertThat(ledger.unwritten(morning.plusSeconds(10), List.of(moved, ELECTION))).containsExactly(moved);
        Market repriced = new Market("504", ELECTION.question(), ELECTION.category(), 0.2, 1, 1, 0, null);
        assertThat(ledger.unwritten(morning.plusSeconds(15), List.of(FED, repriced))).isEmpty();
        assertThat(ledger.unwritten(Instant.parse("2026-12-02T00:00:01Z"), List.of(FED, ELECTION))).containsExactly(FED, ELECTION);
    }
}
