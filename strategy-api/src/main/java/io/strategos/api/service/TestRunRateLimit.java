package io.strategos.api.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The per-user limit on test runs ({@code strategos.lab.test-runs.*}), and its housekeeping. */
@ApplicationScoped
public class TestRunRateLimit {

    private final RateLimiter limiter;

    public TestRunRateLimit(LabSettings settings) {
        this.limiter = new RateLimiter(settings.testRuns().perUser(), settings.testRuns().period(), System::nanoTime);
    }

    /** @return 0 when the user may run a test now, else the seconds to wait */
    public long tryAcquire(String user) {
        return limiter.tryAcquire(user);
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetFull() {
        limiter.forgetFull();
    }
}
