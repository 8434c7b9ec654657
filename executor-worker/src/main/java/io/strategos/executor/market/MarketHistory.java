package io.strategos.executor.market;

import java.time.Instant;

/** Market data as it was at past instants, for backtests. */
public interface MarketHistory {

    /**
     * A reader for one backtest, which asks for instants in increasing order; it may keep state
     * between calls to answer the next instant cheaply. Not shared between threads.
     */
    Replay replay();

    interface Replay {

        /**
         * The markets as they were at {@code instant}.
         *
         * @throws Missing when no history reaches back to {@code instant}
         */
        MarketSnapshot at(Instant instant);
    }

    /** No market history reaches back to an instant a backtest asked for; the message says which. */
    final class Missing extends RuntimeException {

        public Missing(String message) {
            super(message);
        }
    }
}
