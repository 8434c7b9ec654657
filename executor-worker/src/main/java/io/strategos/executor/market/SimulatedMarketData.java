package io.strategos.executor.market;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.List;

/**
 * Deterministic simulated markets: a fixed universe derived from a seed, each price a random walk
 * whose steps are derived from (seed, market, step number). Every replica computes the same prices
 * at the same time, and a test can predict them. The default provider for the local stack and tests
 * (see {@link MarketDataProviders}), and, since any instant can be computed again, its own market
 * history for backtests.
 */
public class SimulatedMarketData implements MarketDataProvider, MarketHistory {

    private static final String[] CATEGORIES = {"politics", "crypto", "sports", "economics", "science"};
    private static final String[] SUBJECTS = {"the incumbent", "Bitcoin", "the home team", "inflation", "the launch"};
    /** How many past steps make up a price: the walk forgets older steps, so prices stay bounded. */
    private static final int WALK_WINDOW = 240;
    /** Momentum is the change over this many steps. */
    private static final int MOMENTUM_STEPS = 6;
    private static final double STEP_SIZE = 0.004;
    /** A replay further ahead than this recomputes the walk instead of rolling it forward step by step. */
    private static final long MAX_ROLL = 2L * WALK_WINDOW;
    /** Volumes are below 500 + 200,000 x 1.2 < 2^18; with the index in the low bits a sort key fits a long. */
    private static final long MAX_VOLUME = 1L << 18;
    private static final int INDEX_BITS = 24;

    private final long seed;
    private final int universeSize;
    private final Duration step;
    private final Clock clock;
    /** What does not change over time, per market: computed once, as a backtest asks for thousands of instants. */
    private final Fixed[] fixed;
    private volatile MarketSnapshotAt snapshot;

    public SimulatedMarketData(long seed, int universeSize, Duration step, Clock clock) {
        this.seed = seed;
        this.universeSize = universeSize;
        this.step = step;
        this.clock = clock;
        if (universeSize >= 1 << INDEX_BITS) {
            throw new IllegalArgumentException("at most " + ((1 << INDEX_BITS) - 1) + " simulated markets");
        }
        this.fixed = new Fixed[universeSize];
        for (int i = 0; i < universeSize; i++) {
            fixed[i] = new Fixed("sim-" + i, "Will " + SUBJECTS[i % SUBJECTS.length] + " reach milestone " + i + "?",
                    CATEGORIES[i % CATEGORIES.length], 0.05 + 0.9 * unit(i, -1), 200_000 * Math.pow(unit(i, -2), 2),
                    Math.round(1_000 + 500_000 * Math.pow(unit(i, -3), 2)), Duration.ofDays(1 + (long) (unit(i, -4) * 180)));
        }
    }

    @Override
    public List<Market> markets(MarketQuery query) {
        return current().markets(query);
    }

    @Override
    public Map<String, Market> quotes(Collection<String> marketIds) {
        return current().quotes(marketIds);
    }

    /** Markets for the current step, computed once per step and shared by every run in it. */
    private MarketSnapshot current() {
        long stepNumber = Math.floorDiv(clock.millis(), step.toMillis());
        MarketSnapshotAt cached = snapshot;
        if (cached == null || cached.stepNumber != stepNumber) {
            cached = new MarketSnapshotAt(stepNumber,
                    new MarketSnapshot(computeMarkets(stepNumber, walks(stepNumber), walks(stepNumber - MOMENTUM_STEPS))));
            snapshot = cached;
        }
        return cached.snapshot;
    }

    /**
     * Any past instant, exactly as a live run saw it then: the walk is an exact integer sum, so rolling
     * it forward one step at a time gives the same numbers as computing it afresh.
     */
    @Override
    public Replay replay() {
        return new Replay() {
            /** The walk of every market at the last {@link #MOMENTUM_STEPS} + 1 steps, by step modulo that. */
            private final long[][] ring = new long[MOMENTUM_STEPS + 1][];
            private long last = Long.MIN_VALUE;

            @Override
            public MarketSnapshot at(Instant instant) {
                long target = Math.floorDiv(instant.toEpochMilli(), step.toMillis());
                if (last == Long.MIN_VALUE || target < last || target - last > MAX_ROLL) {
                    for (long k = target - MOMENTUM_STEPS; k <= target; k++) {
                        ring[slot(k)] = walks(k);
                    }
                } else {
                    for (long k = last + 1; k <= target; k++) {
                        long[] previous = ring[slot(k - 1)];
                        long[] next = new long[universeSize];
                        for (int i = 0; i < universeSize; i++) {
                            next[i] = previous[i] + stepUnits(i, k) - stepUnits(i, k - WALK_WINDOW);
                        }
                        ring[slot(k)] = next;
                    }
                }
                last = target;
                return new MarketSnapshot(computeMarkets(target, ring[slot(target)], ring[slot(target - MOMENTUM_STEPS)]));
            }

            private int slot(long stepNumber) {
                return (int) Math.floorMod(stepNumber, (long) MOMENTUM_STEPS + 1);
            }
        };
    }

    private List<Market> computeMarkets(long stepNumber, long[] walkNow, long[] walkEarlier) {
        Instant now = Instant.ofEpochMilli(stepNumber * step.toMillis());
        // Most traded first, ties by index: sorted as primitive keys (a backtest sorts a snapshot per slot).
        long[] order = new long[universeSize];
        long[] volumes = new long[universeSize];
        for (int i = 0; i < universeSize; i++) {
            volumes[i] = Math.round(500 + fixed[i].volumeScale * (0.8 + 0.4 * unit(i, stepNumber)));
            order[i] = (MAX_VOLUME - volumes[i]) << INDEX_BITS | i;
        }
        java.util.Arrays.sort(order);
        Market[] markets = new Market[universeSize];
        for (int k = 0; k < universeSize; k++) {
            int i = (int) (order[k] & ((1L << INDEX_BITS) - 1));
            Fixed market = fixed[i];
            double price = clamp(market.base + walk(walkNow[i]));
            double earlier = clamp(market.base + walk(walkEarlier[i]));
            markets[k] = new Market(market.id, market.question, market.category, round(price), volumes[i], market.liquidity,
                    round(price - earlier), now.plus(market.lifetime));
        }
        return List.of(markets);
    }

    /** Every market's walk at {@code stepNumber}: the sum of its last {@link #WALK_WINDOW} steps, in units of 2^-53. */
    private long[] walks(long stepNumber) {
        long[] walks = new long[universeSize];
        for (int i = 0; i < universeSize; i++) {
            long sum = 0;
            for (long k = stepNumber - WALK_WINDOW + 1; k <= stepNumber; k++) {
                sum += stepUnits(i, k);
            }
            walks[i] = sum;
        }
        return walks;
    }

    /** A walk in price: each step is in [-STEP_SIZE, +STEP_SIZE). At most 240 x 2^53 < 2^61 units, so no overflow. */
    private static double walk(long units) {
        return units * 0x1.0p-53 * STEP_SIZE;
    }

    /** One step of a market's walk, 2 x unit - 1 in units of 2^-53. */
    private long stepUnits(int market, long stepNumber) {
        return 2 * bits(market, stepNumber) - (1L << 53);
    }

    /** A deterministic value in [0, 1) for (seed, market, salt). */
    private double unit(int market, long salt) {
        return bits(market, salt) * 0x1.0p-53;
    }

    /** 53 deterministic bits for (seed, market, salt): SplitMix64 finaliser. */
    private long bits(int market, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + market * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z >>> 11;
    }

    private static double clamp(double price) {
        return Math.max(0.01, Math.min(0.99, price));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private record Fixed(String id, String question, String category, double base, double volumeScale, double liquidity,
                         Duration lifetime) {
    }

    private record MarketSnapshotAt(long stepNumber, MarketSnapshot snapshot) {
    }
}
