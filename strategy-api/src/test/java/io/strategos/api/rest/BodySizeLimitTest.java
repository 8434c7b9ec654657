package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strategos.localstack.testing.JwtTestResource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** quarkus.http.limits.max-body-size (1 MiB): a bigger body is 413 in problem+json, however it is sent. */
@QuarkusTest
class BodySizeLimitTest {

    /** HTTP/1.1 without an upgrade to HTTP/2, so a body of unknown length goes out as Transfer-Encoding: chunked. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/api/v1/strategies")
    URI strategies;

    private final String user = Fixtures.newUser();

    private static String strategy(String description) {
        return "{\"name\": \"Big\", \"description\": \"" + description + "\", \"graph\": " + Fixtures.GRAPH + "}";
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefused() {
        as(user).body(strategy("x".repeat(1_100_000))).post("/api/v1/strategies").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
    }

    /** An input stream of unknown length: the client sends it chunked, with no Content-Length. */
    private HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(strategies)
                .header("Authorization", "Bearer " + JwtTestResource.token(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(ints = {1_100_000, 3_000_000})
    void aChunkedBodyOverTheLimitIsRefused(int size) throws Exception {
        HttpResponse<String> response = postChunked(strategy("x".repeat(size)));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("title").asText()).isEqualTo("Content Too Large");
    }

    /** Padded with whitespace, which JSON ignores, to near the limit: the body read here reaches the resource whole. */
    @Test
    void aChunkedBodyWithinTheLimitIsServed() throws Exception {
        HttpResponse<String> response = postChunked(strategy("within") + " ".repeat(1_000_000));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(new ObjectMapper().readTree(response.body()).path("description").asText()).isEqualTo("within");
    }
}
