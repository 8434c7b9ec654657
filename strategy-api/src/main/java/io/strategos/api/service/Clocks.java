package io.strategos.api.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The service's clock. */
@ApplicationScoped
public class Clocks {

    private final Clock clock = Clock.systemUTC();

    /** Microseconds, as PostgreSQL stores them, so what we return equals what we stored. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
