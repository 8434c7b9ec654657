package io.strategos.model.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The largest request body a service takes, {@code strategos.http.max-body-size}; a bigger one is a 413
 * in problem+json.
 *
 * <p>A body declared larger (Content-Length) is refused here, before anything reads it. A body of
 * undeclared length (HTTP/1.1 chunked, or HTTP/2 DATA frames without a length) is counted as the REST
 * layer reads it ({@link BodySizeInterceptor}): nothing here reads a body, because over HTTP/2 a request
 * whose body was read ahead of the REST layer cannot be handed to it ("Request has already been read").
 *
 * <p>{@code quarkus.http.limits.max-body-size} stays above this limit, as a backstop for routes that are
 * not REST endpoints: Quarkus answers it with an empty 413, and, when it equals this limit, would win the
 * race against the count here for undeclared bodies.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    BodySizeLimit(@ConfigProperty(name = "strategos.http.max-body-size", defaultValue = "1M") MemorySize limit) {
        this.maxBytes = limit.asLongValue();
    }

    public long maxBytes() {
        return maxBytes;
    }

    String detail() {
        return "the request body is over the " + maxBytes / 1024 + " KiB limit";
    }

    void refuseDeclaredOverLimit(@Observes Router router) {
        String problem = """
                {"type":"about:blank","title":"Content Too Large","status":413,"detail":"%s"}""".formatted(detail());
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared)) {
                closeAfterResponse(context);
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE.toString())
                        .end(problem);
            } else {
                context.next();
            }
        });
    }

    /**
     * Over HTTP/1.x the rest of an oversized body would have to be read before the next request on the
     * connection: it is closed once the answer is out instead (as Quarkus does for its own 413). Not with a
     * Connection header: an h2c upgrade request is HTTP/1.1 but is answered over HTTP/2, which forbids it.
     * Over HTTP/2 the stream ends with the response and the connection serves other streams.
     */
    static void closeAfterResponse(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() != HttpVersion.HTTP_2) {
            context.addEndHandler(ended -> request.connection().close());
        }
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
