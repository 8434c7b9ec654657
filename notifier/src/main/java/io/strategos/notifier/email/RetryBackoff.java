package io.strategos.notifier.email;

import java.time.Duration;

/** How long to wait before retrying an email: doubling from a first delay, capped. */
public record RetryBackoff(Duration firstDelay, Duration maxDelay) {

    /** @param failedAttempts how many attempts have failed so far, at least 1 */
    public Duration after(int failedAttempts) {
        Duration delay = firstDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
