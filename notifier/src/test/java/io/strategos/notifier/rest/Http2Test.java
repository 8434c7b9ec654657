package io.strategos.notifier.rest;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every endpoint answers over HTTP/2 (prior knowledge and h2c upgrade) as over HTTP/1.1, and a body over
 * 1 MiB is a 413 in problem+json however it is sent.
 */
@QuarkusTest
class Http2Test {

    private static final Http2Client CLIENT = new Http2Client();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/notification-settings")
    URI settings;

    @TestHTTPResource("/api/v1/notifications")
    URI notifications;

    private final String user = "user-" + UUID.randomUUID();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    private Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + JwtTestResource.token(user), "Content-Type", "application/json");
    }

    private static String profile(String email) {
        return "{\"timeZone\": \"Europe/Berlin\", \"email\": \"" + email + "\"}";
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void notificationsAreRead(Mode mode) throws Exception {
        Answer answer = CLIENT.send(mode, HttpMethod.GET, notifications, headers(), null, Body.DECLARED);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(JSON.readTree(answer.body()).path("items").isArray()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPostWithoutABodyIsServed(Mode mode) throws Exception {
        Answer answer = CLIENT.send(mode, HttpMethod.POST, notifications.resolve("notifications/read-all"), headers(),
                null, Body.DECLARED);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 204);
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aProfileIsStoredByPriorKnowledge(Body how) throws Exception {
        assertStored(Mode.PRIOR_KNOWLEDGE, how);
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aProfileIsStoredOverAnUpgradedConnection(Body how) throws Exception {
        assertStored(Mode.UPGRADE, how);
    }

    private void assertStored(Mode mode, Body how) throws Exception {
        Answer put = CLIENT.send(mode, HttpMethod.PUT, settings.resolve("notification-settings/profile"), headers(),
                profile("h2@example.com"), how);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Answer get = CLIENT.send(mode, HttpMethod.GET, settings, headers(), null, Body.DECLARED);
        assertThat(JSON.readTree(get.body()).path("email").asText()).isEqualTo("h2@example.com");
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aBodyOverTheLimitIsRefusedByPriorKnowledge(Body how) throws Exception {
        assertTooLarge(CLIENT.send(Mode.PRIOR_KNOWLEDGE, HttpMethod.PUT, settings.resolve("notification-settings/profile"),
                headers(), profile("x".repeat(1_100_000)), how));
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void aBodyOverTheLimitIsRefusedOverAnUpgradedConnection(Body how) throws Exception {
        assertTooLarge(CLIENT.send(Mode.UPGRADE, HttpMethod.PUT, settings.resolve("notification-settings/profile"),
                headers(), profile("x".repeat(3_000_000)), how));
    }

    /** HTTP/1.1 with a body of unknown length: it goes out chunked. */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedOverHttp11() throws Exception {
        byte[] bytes = profile("x".repeat(1_100_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(settings.resolve("notification-settings/profile"))
                        .header("Authorization", "Bearer " + JwtTestResource.token(user))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static void assertTooLarge(Answer answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(413);
    }
}
