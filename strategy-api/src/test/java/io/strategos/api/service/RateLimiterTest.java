package io.strategos.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(30), now::get);

    @Test
    void aUserGetsTheCapacityAtOnceThenOneTokenPerPeriodOverCapacity() {
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isEqualTo(10);
        assertThat(limiter.tryAcquire("b")).as("buckets are per user").isZero();

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(limiter.tryAcquire("a")).isEqualTo(6);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isEqualTo(10);
    }

    @Test
    void refilledBucketsAreForgotten() {
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        limiter.tryAcquire("b");
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        limiter.forgetFull();
        assertThat(limiter.tracked()).isEqualTo(1);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        limiter.forgetFull();
        assertThat(limiter.tracked()).isZero();
    }
}
