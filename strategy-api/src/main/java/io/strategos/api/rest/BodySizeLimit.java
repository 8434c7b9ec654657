package io.strategos.api.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body declared larger than {@code quarkus.http.limits.max-body-size} with a 413 in
 * problem+json, before it is read. Quarkus enforces the same limit itself (for chunked bodies too),
 * but answers with an empty body.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final String PROBLEM = """
            {"type":"about:blank","title":"Content Too Large","status":413,"detail":"the request body is over the %s limit"}""";

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long maxBytes = limit.asLongValue();
        String problem = PROBLEM.formatted(limit.asLongValue() / 1024 + " KiB");
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared, maxBytes)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem);
            } else {
                context.next();
            }
        });
    }

    private static boolean isOver(String declared, long maxBytes) {
        try {
            return Long.parseLong(declared.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
