package io.strategos.executor.market;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How market history stores a fetch (V20): the per-fetch numbers as a row of arrays, real (float4) to keep it
 * compact, and the descriptions apart, once a day per market. Free of the database, so it is unit-tested alone.
 */
final class MarketHistoryFormat {

    /** Prices and momentum come back rounded to this many decimals, which undoes float4's rounding of them. */
    private static final double DECIMALS = 1e6;

    private MarketHistoryFormat() {
    }

    /** What a market's snapshot does not repeat. */
    record Description(String question, String category, Instant endDate) {

        static Description of(Market market) {
            return new Description(market.question(), market.category(), market.endDate());
        }
    }

    /** A snapshot's markets as the columns of its row, in its order. */
    record Columns(String[] ids, Float[] prices, Float[] volumes24h, Float[] liquidity, Float[] momentum) {

        static Columns of(List<Market> markets) {
            int n = markets.size();
            Columns columns = new Columns(new String[n], new Float[n], new Float[n], new Float[n], new Float[n]);
            for (int i = 0; i < n; i++) {
                Market market = markets.get(i);
                columns.ids[i] = market.id();
                columns.prices[i] = (float) market.price();
                columns.volumes24h[i] = (float) market.volume24h();
                columns.liquidity[i] = (float) market.liquidity();
                columns.momentum[i] = (float) market.momentum();
            }
            return columns;
        }

        /** The markets back, each described by {@code describe} (a market it cannot describe gets empty texts). */
        List<Market> markets(Function<String, Description> describe) {
            List<Market> markets = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                Description description = describe.apply(ids[i]);
                if (description == null) {
                    description = new Description("", "", null);
                }
                markets.add(new Market(ids[i], description.question(), description.category(), decimals(prices[i]), volumes24h[i],
                        liquidity[i], decimals(momentum[i]), description.endDate()));
            }
            return markets;
        }
    }

    /**
     * The fetch interval a fetch falls in, counted from its UTC midnight, so an interval never spans two
     * days' partitions. The key that keeps one snapshot per interval whichever replica fetched.
     */
    static Instant periodStart(Instant fetchedAt, Duration period) {
        Instant midnight = LocalDate.ofInstant(fetchedAt, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        long sinceMidnight = Duration.between(midnight, fetchedAt).toMillis();
        return midnight.plusMillis(sinceMidnight - sinceMidnight % Math.max(1, period.toMillis()));
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static double decimals(float value) {
        return Math.round(value * DECIMALS) / DECIMALS;
    }

    /**
     * Which descriptions a replica has written to the current day's partition, so each snapshot writes only
     * the markets new that day or whose description changed. Another replica may have written some of them
     * too: a day then holds a description twice, which readers tolerate (the latest at the snapshot wins).
     */
    static final class Ledger {

        private LocalDate day;
        private final Map<String, Description> written = new HashMap<>();

        /** The markets of a snapshot fetched at {@code fetchedAt} whose description its day does not hold yet, each once. */
        List<Market> unwritten(Instant fetchedAt, List<Market> markets) {
            LocalDate fetchDay = day(fetchedAt);
            if (!fetchDay.equals(day)) {
                day = fetchDay;
                written.clear();
            }
            Map<String, Market> missing = new LinkedHashMap<>();
            for (Market market : markets) {
                if (!Description.of(market).equals(written.get(market.id()))) {
                    missing.putIfAbsent(market.id(), market);
                }
            }
            return List.copyOf(missing.values());
        }

        /** Once the snapshot's transaction committed. */
        void written(List<Market> markets) {
            for (Market market : markets) {
                written.put(market.id(), Description.of(market));
            }
        }
    }
}
