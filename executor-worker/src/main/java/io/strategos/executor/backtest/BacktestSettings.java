package io.strategos.executor.backtest;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** How this replica works on backtests; each is documented in application.properties. */
@ConfigMapping(prefix = "strategos.backtest")
public interface BacktestSettings {

    /** Backtests this replica works on at once. */
    int maxConcurrent();

    /** How often an idle replica looks for a backtest (read by the {@code @Scheduled} claim). */
    Duration pollInterval();

    /** How long a claimed backtest is hidden from other replicas unless its worker checkpoints. */
    Duration lease();

    /** How often a running backtest writes its runs, trades and state, and renews its lease. */
    Duration checkpointInterval();

    /** Scheduled runs come first: no backtest is claimed or advanced while a strategy is this much overdue. */
    Duration yieldWhenOverdue();

    /** At most this many slots value the buy-and-hold baseline (evenly spaced, first and last included). */
    int baselinePoints();

    /** Days a finished backtest is kept after it ended; then the retention job deletes it with its runs and trades. */
    int retentionDays();
}
