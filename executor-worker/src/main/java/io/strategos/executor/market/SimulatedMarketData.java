package io.strategos.executor.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;

/**
 * Deterministic simulated markets: a fixed universe derived from a seed, each price a random walk
 * whose steps are derived from (seed, market, step number). Every replica computes the same prices
 * at the same time, and a test can predict them. The default provider for the local stack and tests
 * (see {@link MarketDataProviders}).
 */
public class SimulatedMarketData implements MarketDataProvider {

    private static final String[] CATEGORIES = {"politics", "crypto", "sports", "economics", "science"};
    private static final String[] SUBJECTS = {"the incumbent", "Bitcoin", "the home team", "inflation", "the launch"};
    /** How many past steps make up a price: the walk forgets older steps, so prices stay bounded. */
    private static final int WALK_WINDOW = 240;
    private static final double STEP_SIZE = 0.004;

    private final long seed;
    private final int universeSize;
    private final Duration step;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public SimulatedMarketData(long seed, int universeSize, Duration step, Clock clock) {
        this.seed = seed;
        this.universeSize = universeSize;
        this.step = step;
        this.clock = clock;
    }

    @Override
    public List<Market> markets(MarketQuery query) {
        return current().markets.stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public Map<String, Market> quotes(Collection<String> marketIds) {
        Map<String, Market> byId = new HashMap<>();
        for (Market market : current().markets) {
            if (marketIds.contains(market.id())) {
                byId.put(market.id(), market);
            }
        }
        return byId;
    }

    /** Markets for the current step, computed once per step and shared by every run in it. */
    private Snapshot current() {
        long stepNumber = clock.millis() / step.toMillis();
        Snapshot cached = snapshot;
        if (cached == null || cached.stepNumber != stepNumber) {
            cached = new Snapshot(stepNumber, computeMarkets(stepNumber));
            snapshot = cached;
        }
        return cached;
    }

    private List<Market> computeMarkets(long stepNumber) {
        List<Market> markets = new ArrayList<>(universeSize);
        Instant now = Instant.ofEpochMilli(stepNumber * step.toMillis());
        for (int i = 0; i < universeSize; i++) {
            double base = 0.05 + 0.9 * unit(i, -1);
            double price = clamp(base + walk(i, stepNumber));
            double earlier = clamp(base + walk(i, stepNumber - 6));
            double volume = Math.round(500 + 200_000 * Math.pow(unit(i, -2), 2) * (0.8 + 0.4 * unit(i, stepNumber)));
            double liquidity = Math.round(1_000 + 500_000 * Math.pow(unit(i, -3), 2));
            String category = CATEGORIES[i % CATEGORIES.length];
            String question = "Will " + SUBJECTS[i % SUBJECTS.length] + " reach milestone " + i + "?";
            Instant endDate = now.plus(Duration.ofDays(1 + (long) (unit(i, -4) * 180)));
            markets.add(new Market("sim-" + i, question, category, round(price), volume, liquidity, round(price - earlier), endDate));
        }
        markets.sort(Comparator.comparingDouble(Market::volume24h).reversed());
        return List.copyOf(markets);
    }

    /** Sum of the last {@link #WALK_WINDOW} steps, each in [-STEP_SIZE, +STEP_SIZE]. */
    private double walk(int market, long stepNumber) {
        double sum = 0;
        for (long k = stepNumber - WALK_WINDOW + 1; k <= stepNumber; k++) {
            sum += (2 * unit(market, k) - 1) * STEP_SIZE;
        }
        return sum;
    }

    /** A deterministic value in [0, 1) for (seed, market, salt): SplitMix64 finaliser. */
    private double unit(int market, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + market * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static double clamp(double price) {
        return Math.max(0.01, Math.min(0.99, price));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private record Snapshot(long stepNumber, List<Market> markets) {
    }
}
