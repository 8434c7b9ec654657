package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.localstack.JwtKeys;
import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database with run history at the previous release's schema (V21: node logs in a day-partitioned
 * table of their own), upgraded by the new strategy-api's start-up migration (V22: node logs in the
 * execution row). The history reads as it did: each run's node logs with their output and error, and the
 * per-node statistics.
 */
class NodeLogsUpgradeIT {

    private static final String DATABASE = TestDatabases.name("strategos_node_logs_upgrade");
    private static final String STRATEGY = "00000000-0000-0000-0000-0000000000a1";
    private static final String FIRST_RUN = "00000000-0000-7000-8000-000000000001";
    private static final String SECOND_RUN = "00000000-0000-7000-8000-000000000002";
    private static final String USER = "upgrade-user";

    private ReplicaTestBed bed;

    @AfterEach
    void stopEverything() throws Exception {
        bed.close();
    }

    @Test
    void runHistoryRecordedBeforeTheUpgradeReadsTheSameAfterIt() throws Exception {
        bed = new ReplicaTestBed(DATABASE);
        bed.migrateStrategySchemaTo("21");
        try (Connection c = bed.connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO strategies (id, owner_id, name, graph, status)
                    VALUES ('%1$s', '%2$s', 'upgraded', '{"nodes": [], "edges": []}', 'paused');
                    INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at,
                                            completed_at, status, nodes_executed, error, duration_ms)
                    VALUES ('%3$s', '%1$s', '%2$s', 1, 'interval', '2026-11-30 10:00Z', '2026-11-30 10:00:00.010Z',
                            '2026-11-30 10:00:00.050Z', 'failed', 2, 'boom', 40),
                           ('%4$s', '%1$s', '%2$s', 1, 'interval', '2026-11-30 10:01Z', '2026-11-30 10:01:00.010Z',
                            '2026-11-30 10:01:00.030Z', 'success', 2, NULL, 20);
                    INSERT INTO execution_node_logs (execution_id, seq, strategy_id, node_id, node_type, status, output, error,
                                                     started_at, completed_at, duration_ms)
                    VALUES ('%3$s', 2, '%1$s', 'cheap', 'filter', 'error', NULL, 'boom',
                            '2026-11-30 10:00:00.030Z', '2026-11-30 10:00:00.050Z', 20),
                           ('%3$s', 1, '%1$s', 'markets', 'polymarket-stream', 'success',
                            '{"inputCount": 0, "outputCount": 2, "marketIds": ["m1", "m2"]}', NULL,
                            '2026-11-30 10:00:00.010Z', '2026-11-30 10:00:00.030Z', 20),
                           ('%4$s', 1, '%1$s', 'markets', 'polymarket-stream', 'success',
                            '{"inputCount": 0, "outputCount": 2, "marketIds": ["m1", "m2"]}', NULL,
                            '2026-11-30 10:01:00.010Z', '2026-11-30 10:01:00.020Z', 10),
                           ('%4$s', 2, '%1$s', 'cheap', 'filter', 'success',
                            '{"inputCount": 2, "outputCount": 1, "marketIds": ["m2"]}', NULL,
                            '2026-11-30 10:01:00.020Z', '2026-11-30 10:01:00.030Z', 10);
                    """.formatted(STRATEGY, USER, FIRST_RUN, SECOND_RUN));
        }

        JwtKeys keys = JwtKeys.generate();
        Path publicKey = Files.createTempFile("node-logs-upgrade", ".pem");
        Files.writeString(publicKey, keys.publicKeyPem());
        Map<String, String> settings = new HashMap<>(bed.postgres.apiRoleEnvironment());
        settings.putAll(Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString(),
                "MP_JWT_VERIFY_ISSUER", JwtKeys.ISSUER, "MP_JWT_VERIFY_AUDIENCES", JwtKeys.AUDIENCE));
        ServiceProcess api = bed.start("strategy-api", "upgraded-api", settings);
        String token = keys.token(USER, Duration.ofHours(1));

        JsonNode failed = get(api.baseUrl() + "/api/v1/executions/" + FIRST_RUN, token);
        assertThat(failed.path("nodes")).hasSize(2);
        JsonNode markets = failed.path("nodes").get(0);
        assertThat(markets.path("seq").asInt()).isEqualTo(1);
        assertThat(markets.path("nodeId").asText()).isEqualTo("markets");
        assertThat(markets.path("output").path("marketIds").toString()).isEqualTo("[\"m1\",\"m2\"]");
        assertThat(markets.path("startedAt").asText()).isEqualTo("2026-11-30T10:00:00.010Z");
        assertThat(markets.path("completedAt").asText()).isEqualTo("2026-11-30T10:00:00.030Z");
        assertThat(markets.path("durationMs").asInt()).isEqualTo(20);
        JsonNode cheap = failed.path("nodes").get(1);
        assertThat(cheap.path("nodeId").asText()).isEqualTo("cheap");
        assertThat(cheap.path("status").asText()).isEqualTo("error");
        assertThat(cheap.path("error").asText()).isEqualTo("boom");
        assertThat(cheap.path("output").isNull() || cheap.path("output").isMissingNode()).isTrue();

        JsonNode stats = get(api.baseUrl() + "/api/v1/strategies/" + STRATEGY + "/stats", token);
        assertThat(stats.path("nodes").findValuesAsText("nodeId")).containsExactly("cheap", "markets");
        JsonNode cheapStats = stats.path("nodes").get(0);
        assertThat(cheapStats.path("nodeType").asText()).isEqualTo("filter");
        assertThat(cheapStats.path("runs").asInt()).isEqualTo(2);
        assertThat(cheapStats.path("errors").asInt()).isEqualTo(1);
        assertThat(cheapStats.path("avgDurationMs").asDouble()).isEqualTo(15.0);

        assertThat(bed.count("SELECT count(*) FROM pg_class WHERE relname LIKE 'execution_node_logs%'"))
                .as("the node-log table and its partitions are gone").isZero();
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
