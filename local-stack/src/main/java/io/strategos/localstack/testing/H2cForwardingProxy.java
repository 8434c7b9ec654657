package io.strategos.localstack.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.1 forward proxy that sends every request on over cleartext HTTP/2 by prior knowledge
 * (h2c, no upgrade), so that tests written with an HTTP/1.1 client (rest-assured) exercise a service's
 * HTTP/2 path unchanged. Bodies stream both ways. An answer that did not come over HTTP/2 is a 502,
 * so a test cannot pass over the wrong protocol.
 */
public final class H2cForwardingProxy implements AutoCloseable {

    /** Connection-specific headers, which HTTP/2 forbids (RFC 9113, 8.2.2); the authority replaces Host. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "upgrade", "te", "host", "proxy-authorization");

    private final Vertx vertx;
    private final HttpClient client;
    private final HttpServer server;

    private H2cForwardingProxy(Vertx vertx, HttpClient client, HttpServer server) {
        this.vertx = vertx;
        this.client = client;
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1. */
    public static H2cForwardingProxy start() throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false), new PoolOptions().setHttp2MaxSize(4));
        HttpServer server = vertx.createHttpServer();
        H2cForwardingProxy proxy = new H2cForwardingProxy(vertx, client, server);
        server.requestHandler(proxy::forward);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return proxy;
    }

    public int port() {
        return server.actualPort();
    }

    private void forward(HttpServerRequest in) {
        in.pause();
        // A proxied request names its target in full: GET http://localhost:8081/path?query HTTP/1.1
        URI target = URI.create(in.uri());
        if (target.getHost() == null) {
            in.response().setStatusCode(400).end("not a proxy request: " + in.uri());
            return;
        }
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(target.getHost())
                .setPort(target.getPort()).setURI(path);
        in.headers().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                options.addHeader(name, value);
            }
        });
        client.request(options)
                .compose(out -> out.send(in))
                .onSuccess(answer -> relay(in, answer))
                .onFailure(failure -> fail(in.response(), "forwarding over HTTP/2 failed: " + failure));
    }

    private static void relay(HttpServerRequest in, HttpClientResponse answer) {
        HttpServerResponse out = in.response();
        if (answer.version() != HttpVersion.HTTP_2) {
            fail(out, "the service answered over " + answer.version() + ", not HTTP/2");
            return;
        }
        out.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
        MultiMap headers = answer.headers();
        headers.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                out.headers().add(name, value);
            }
        });
        boolean bodiless = in.method() == HttpMethod.HEAD || answer.statusCode() == 204 || answer.statusCode() == 304;
        if (!bodiless && !headers.contains("content-length")) {
            // HTTP/2 needs no length; HTTP/1.1 does, or chunks.
            out.setChunked(true);
        }
        answer.pipeTo(out);
    }

    private static void fail(HttpServerResponse out, String why) {
        if (!out.headWritten()) {
            out.setStatusCode(502).putHeader("content-type", "text/plain").end(why);
        } else {
            out.reset();
        }
    }

    @Override
    public void close() {
        vertx.close();
    }
}
