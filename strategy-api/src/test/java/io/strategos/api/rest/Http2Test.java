package io.strategos.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.strategos.localstack.testing.Http2Client;
import io.strategos.localstack.testing.Http2Client.Answer;
import io.strategos.localstack.testing.Http2Client.Body;
import io.strategos.localstack.testing.Http2Client.Mode;
import io.strategos.localstack.testing.JwtTestResource;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every endpoint answers over HTTP/2 as over HTTP/1.1: by prior knowledge and by h2c upgrade. */
@QuarkusTest
class Http2Test {

    private static final Http2Client CLIENT = new Http2Client();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/strategies")
    URI strategies;

    private final String user = Fixtures.newUser();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + JwtTestResource.token(user), "Content-Type", "application/json");
    }

    private static String strategy(String description) {
        return "{\"name\": \"Over h2\", \"description\": \"" + description + "\", \"graph\": " + Fixtures.GRAPH + "}";
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aListIsRead(Mode mode) throws Exception {
        Fixtures.create(user, "Listed");
        Answer answer = CLIENT.send(mode, HttpMethod.GET, strategies, headers(), null, Body.DECLARED);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(JSON.readTree(answer.body()).path("items").get(0).path("name").asText()).isEqualTo("Listed");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void oneStrategyIsReadWithItsETag(Mode mode) throws Exception {
        String id = Fixtures.create(user, "One");
        Answer answer = CLIENT.send(mode, HttpMethod.GET, strategies.resolve("strategies/" + id), headers(), null,
                Body.DECLARED);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().get("ETag")).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aStrategyIsCreatedByPriorKnowledge(Body how) throws Exception {
        assertCreated(CLIENT.send(Mode.PRIOR_KNOWLEDGE, HttpMethod.POST, strategies, headers(), strategy("h2"), how));
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aStrategyIsCreatedOverAnUpgradedConnection(Body how) throws Exception {
        assertCreated(CLIENT.send(Mode.UPGRADE, HttpMethod.POST, strategies, headers(), strategy("h2c"), how));
    }

    private static void assertCreated(Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers().get("Location")).contains("/api/v1/strategies/");
        assertThat(JSON.readTree(answer.body()).path("name").asText()).isEqualTo("Over h2");
    }

    /** Padded with whitespace to near the limit: a body within it reaches the resource whole. */
    @ParameterizedTest
    @EnumSource(Body.class)
    void aBodyNearTheLimitIsServed(Body how) throws Exception {
        Answer answer = CLIENT.send(Mode.PRIOR_KNOWLEDGE, HttpMethod.POST, strategies, headers(),
                strategy("near") + " ".repeat(1_000_000), how);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aBodyOverTheLimitIsRefusedByPriorKnowledge(Body how) throws Exception {
        assertTooLarge(CLIENT.send(Mode.PRIOR_KNOWLEDGE, HttpMethod.POST, strategies, headers(),
                strategy("x".repeat(1_100_000)), how));
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aBodyOverTheLimitIsRefusedOverAnUpgradedConnection(Body how) throws Exception {
        assertTooLarge(CLIENT.send(Mode.UPGRADE, HttpMethod.POST, strategies, headers(),
                strategy("x".repeat(1_100_000)), how));
    }

    /** Far past the limit, with no length declared: still refused in problem+json, counted as it is read. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStreamedBodyFarOverTheLimitIsRefused(Mode mode) throws Exception {
        assertTooLarge(CLIENT.send(mode, HttpMethod.POST, strategies, headers(), strategy("x".repeat(3_000_000)),
                Body.STREAMED));
    }

    private static void assertTooLarge(Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
    }
}
