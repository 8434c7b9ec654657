package io.strategos.api.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body larger than {@code quarkus.http.limits.max-body-size} with a 413 in problem+json.
 * Quarkus enforces the same limit itself, but answers with an empty body.
 *
 * <p>A body declared larger (Content-Length) is refused before it is read. A chunked body declares
 * no length, so it is read here, up to the limit, by Vert.x's body handler, which fails the request
 * with 413 the moment the limit is passed; the REST layer then takes the body this handler read
 * instead of reading it again (whole, as {@code quarkus.rest.input-buffer-size} is the same limit).
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final String PROBLEM = """
            {"type":"about:blank","title":"Content Too Large","status":413,"detail":"the request body is over the %s limit"}""";

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long maxBytes = limit.asLongValue();
        String problem = PROBLEM.formatted(maxBytes / 1024 + " KiB");
        // No file uploads: nothing is ever written to disk (the root filesystem is read-only in Kubernetes).
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(Integer.MIN_VALUE)
                .handler(context -> {
                    String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (declared != null) {
                        if (isOver(declared, maxBytes)) {
                            refuse(context, problem);
                        } else {
                            context.next();
                        }
                    } else if (hasUndeclaredBody(context.request())) {
                        chunked.handle(context);
                    } else {
                        context.next();
                    }
                })
                .failureHandler(context -> {
                    if (context.statusCode() == 413 && !context.response().headWritten()) {
                        refuse(context, problem);
                    } else {
                        context.next();
                    }
                });
    }

    /**
     * HTTP/1.1 says so with Transfer-Encoding (chunked). HTTP/2 has no such header: a request that has
     * not ended with its headers has a body to come.
     */
    private static boolean hasUndeclaredBody(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_2
                ? !request.isEnded()
                : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /**
     * Over HTTP/1.x, closes the connection afterwards: the rest of an oversized body is never read.
     * HTTP/2 forbids the header; there the stream ends with the response.
     */
    private static void refuse(RoutingContext context, String problem) {
        HttpServerResponse response = context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json");
        if (context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(problem);
    }

    private static boolean isOver(String declared, long maxBytes) {
        try {
            return Long.parseLong(declared.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
