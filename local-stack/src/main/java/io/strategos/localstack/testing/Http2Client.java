package io.strategos.localstack.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends one request over cleartext HTTP/2, on a connection of its own, either by prior knowledge (the
 * client speaks HTTP/2 from the first byte) or by upgrading an HTTP/1.1 request (h2c): the two ways a
 * client reaches a service over HTTP/2 without TLS. The services' HTTP/2 tests share it.
 */
public final class Http2Client implements AutoCloseable {

    public enum Mode {
        PRIOR_KNOWLEDGE, UPGRADE
    }

    /** How a body goes out: with its Content-Length, or in DATA frames with no length declared. */
    public enum Body {
        DECLARED, STREAMED
    }

    public record Answer(int status, HttpVersion version, MultiMap headers, String body) {
    }

    private final Vertx vertx = Vertx.vertx();

    public Answer send(Mode mode, HttpMethod method, URI uri, Map<String, String> headers, String body, Body how)
            throws Exception {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(mode == Mode.UPGRADE));
        try {
            RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(uri.toString());
            headers.forEach(options::putHeader);
            return client.request(options)
                    .compose(request -> send(request, body, how))
                    .compose(response -> response.body().map(bytes -> answer(response, bytes)))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private static io.vertx.core.Future<HttpClientResponse> send(HttpClientRequest request, String body, Body how) {
        if (body == null) {
            return request.send();
        }
        Buffer bytes = Buffer.buffer(body.getBytes(StandardCharsets.UTF_8));
        if (how == Body.DECLARED) {
            return request.send(bytes);
        }
        // No Content-Length: the body goes out in pieces and its end is only known when the stream ends.
        request.setChunked(true);
        int piece = 64 * 1024;
        for (int start = 0; start < bytes.length(); start += piece) {
            request.write(bytes.getBuffer(start, Math.min(bytes.length(), start + piece)));
        }
        request.end();
        return request.response();
    }

    private static Answer answer(HttpClientResponse response, Buffer body) {
        return new Answer(response.statusCode(), response.version(), response.headers(), body.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        vertx.close();
    }
}
