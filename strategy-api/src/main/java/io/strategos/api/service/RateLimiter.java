package io.strategos.api.service;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per user, in this replica's memory: {@code capacity} requests at once, refilled at
 * {@code capacity} per {@code period}. With n replicas behind a load balancer a user gets up to n times
 * that; it bounds what one user costs the executors, it is not a quota. Full buckets are forgotten, so
 * memory follows the users active within a period.
 */
public final class RateLimiter {

    private final int capacity;
    private final double nanosPerToken;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int capacity, Duration period, LongSupplier nanoTime) {
        if (capacity < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive period");
        }
        this.capacity = capacity;
        this.nanosPerToken = (double) period.toNanos() / capacity;
        this.nanoTime = nanoTime;
    }

    /** @return 0 when the user may go ahead (a token is taken), else the whole seconds until a token is back */
    public long tryAcquire(String user) {
        long[] wait = {0};
        buckets.compute(user, (key, bucket) -> {
            long now = nanoTime.getAsLong();
            Bucket current = bucket == null ? new Bucket(capacity, now) : bucket.refilled(now, capacity, nanosPerToken);
            if (current.tokens >= 1) {
                return new Bucket(current.tokens - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - current.tokens) * nanosPerToken / 1e9));
            return current;
        });
        return wait[0];
    }

    /** Drops the buckets that have refilled: they are the same as no bucket. */
    public void forgetFull() {
        long now = nanoTime.getAsLong();
        buckets.entrySet().removeIf(e -> e.getValue().refilled(now, capacity, nanosPerToken).tokens >= capacity);
    }

    int tracked() {
        return buckets.size();
    }

    private record Bucket(double tokens, long at) {

        Bucket refilled(long now, int capacity, double nanosPerToken) {
            return new Bucket(Math.min(capacity, tokens + (now - at) / nanosPerToken), now);
        }
    }
}
