package io.strategos.api.service;

/** A request refused for now, answered with {@code status} (429 or 503) and {@code Retry-After}. */
public class RetryLaterException extends RuntimeException {

    private final int status;
    private final long retryAfterSeconds;

    public RetryLaterException(int status, String detail, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
