package io.strategos.notifier.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock every decision in time reads (quiet hours, collapse windows, retries, releases), so
 * that the database is always given the same "now" the decision was made with.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
