package io.strategos.model.http;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses new requests cleanly once a service has begun to stop: 503 problem+json with
 * {@code Retry-After}, which another replica (or this one, restarted) will answer, instead of
 * letting them reach beans and database connections that are about to close, which answered 500.
 *
 * <p>The rest is Quarkus' own: {@code quarkus.shutdown.delay-enabled} fires the event this listens to
 * first thing on SIGTERM (and turns readiness down for {@code quarkus.shutdown.delay}, if set), and
 * {@code quarkus.shutdown.timeout} makes the shutdown wait for the requests already taken before it
 * closes anything. Quarkus alone would hand the requests arriving meanwhile to the application.
 */
@ApplicationScoped
public class ShutdownGate {

    /** Ahead of Quarkus' own filters (CORS, authentication): a refused request costs nothing else. */
    static final int FILTER_PRIORITY = 10_000;
    /** Seconds a client should wait: by then the load balancers have dropped this instance. */
    static final String RETRY_AFTER_SECONDS = "1";
    static final String BODY = """
            {"type":"about:blank","title":"Service Unavailable","status":503,\
            "detail":"this instance is shutting down; retry the request"}""";

    private volatile boolean closed;

    void register(@Observes Filters filters) {
        filters.register(this::handle, FILTER_PRIORITY);
    }

    void close(@Observes ShutdownDelayInitiatedEvent shutdownBegins) {
        closed = true;
    }

    private void handle(RoutingContext request) {
        if (!closed) {
            request.next();
            return;
        }
        var response = request.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader("Retry-After", RETRY_AFTER_SECONDS);
        // HTTP/2 has no Connection header; there the stream ends with the response.
        if (request.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        response.end(BODY);
    }
}
