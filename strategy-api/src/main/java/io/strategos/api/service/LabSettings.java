package io.strategos.api.service;

import io.smallrye.config.ConfigMapping;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** The strategy lab's settings; each is documented in application.properties. */
@ConfigMapping(prefix = "strategos.lab")
public interface LabSettings {

    /** executor-worker's base URL, where test runs go (read by the REST client's configuration). */
    String executorUrl();

    /** The token executor-worker expects on test runs; unset, test runs answer 503. */
    Optional<String> internalToken();

    /** The bankroll of a test run when the strategy has no deployment. */
    BigDecimal defaultBankrollUsd();

    /** At most this many nodes, orders, events and watchlist additions in a test run's answer. */
    int maxItems();

    /** Error and message texts of a test run's answer are cut to this many characters. */
    int maxText();

    /** A backtest may replay at most this many slots (a cron counts as one a minute). */
    long backtestMaxSlots();

    TestRuns testRuns();

    interface TestRuns {
        /** Test runs one user may start in a window of {@link #period()}, across all replicas. */
        int perUser();

        /** The window, from the first test run in it. */
        Duration period();
    }
}
