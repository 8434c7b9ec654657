package io.strategos.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.TestRunBody;
import io.strategos.api.repository.LabQueries;
import io.strategos.model.graph.GraphValidator;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.lab.TestRunReport;
import io.strategos.model.lab.TestRunRequest;
import io.strategos.model.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The strategy lab's test runs: a graph, saved or not, run once by executor-worker in its own pipeline
 * and never recorded. This service validates, scopes to the caller, limits the rate per user and the
 * size of the answer, and turns the executor's failures into problems a client can act on.
 */
@ApplicationScoped
public class TestRunService {

    private static final Logger LOG = Logger.getLogger(TestRunService.class);
    /** How long a client should wait when the executors cannot be reached: about a pod restart's readiness. */
    static final long EXECUTOR_RETRY_AFTER_SECONDS = 5;

    private final ExecutorLabClient executor;
    private final LabQueries queries;
    private final RequestValidator validator;
    private final TestRunRateLimit rateLimit;
    private final LabSettings settings;
    private final ObjectMapper json;

    public TestRunService(@RestClient ExecutorLabClient executor, LabQueries queries, RequestValidator validator,
                          TestRunRateLimit rateLimit, LabSettings settings, ObjectMapper json) {
        this.executor = executor;
        this.queries = queries;
        this.validator = validator;
        this.rateLimit = rateLimit;
        this.settings = settings;
        this.json = json;
    }

    /** An unsaved graph, validated exactly as a create validates it, run from an empty paper account. */
    public Uni<TestRunReport> runGraph(String caller, TestRunBody body) {
        validator.check(body, body == null ? List.of() : GraphValidator.validate(body.graph(), "/graph"));
        return limit(caller).flatMap(allowed -> run(new TestRunRequest(caller, null, 0, "unsaved graph", body.graph(),
                body.paperBankrollUsd() == null ? settings.defaultBankrollUsd() : body.paperBankrollUsd(),
                body.maxDrawdownPct(), null)));
    }

    /** A saved version (the current one unless {@code version} is given), with its deployment's settings and paper account. */
    public Uni<TestRunReport> runSaved(String caller, UUID id, Integer version) {
        return limit(caller).flatMap(allowed -> queries.find(caller, id, version)).flatMap(strategy -> {
            if (strategy == null) {
                throw new NotFoundException("no strategy " + id);
            }
            if (strategy.graph() == null) {
                throw new NotFoundException("strategy " + id + " has no version " + version);
            }
            try {
                return run(new TestRunRequest(caller, id, strategy.version(), strategy.name(),
                        json.readValue(strategy.graph(), StrategyGraph.class),
                        strategy.paperBankrollUsd() == null ? settings.defaultBankrollUsd() : strategy.paperBankrollUsd(),
                        strategy.maxDrawdownPct(),
                        strategy.triggerCondition() == null ? null : json.readTree(strategy.triggerCondition())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("strategy " + id + " has an unreadable graph", e);
            }
        });
    }

    /** Counts a test run against the caller's limit; fails with 429 when it is over. */
    private Uni<Void> limit(String caller) {
        return rateLimit.tryAcquire(caller).invoke(wait -> {
            if (wait > 0) {
                throw new RetryLaterException(429, "too many test runs; at most " + settings.testRuns().perUser() + " per "
                        + settings.testRuns().period().toSeconds() + " s", wait);
            }
        }).replaceWithVoid();
    }

    private Uni<TestRunReport> run(TestRunRequest request) {
        if (settings.internalToken().isEmpty()) {
            return Uni.createFrom().failure(new RetryLaterException(503,
                    "test runs are not configured here (strategos.lab.internal-token)", 60));
        }
        return executor.run(settings.internalToken().get(), request)
                .map(report -> report.limitedTo(settings.maxItems(), settings.maxText()))
                .onFailure().transform(TestRunService::explain);
    }

    /** The executor refused or could not be reached: 503 with Retry-After, or 502 for an answer it should never give. */
    private static Throwable explain(Throwable failure) {
        if (failure instanceof WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            if (status == 503) {
                String retryAfter = refused.getResponse().getHeaderString("Retry-After");
                return new RetryLaterException(503, "the executors are not taking test runs right now",
                        retryAfter == null ? EXECUTOR_RETRY_AFTER_SECONDS : Long.parseLong(retryAfter.strip()));
            }
            LOG.errorf("executor-worker refused a test run with %d (is strategos.lab.internal-token the same on both?)", status);
            return new WebApplicationException(Problem.response(502, "Bad Gateway", "the executor refused the test run", null));
        }
        LOG.warnf("executor-worker unreachable for a test run: %s", failure.toString());
        return new RetryLaterException(503, "the executors cannot be reached; try again shortly", EXECUTOR_RETRY_AFTER_SECONDS);
    }
}
