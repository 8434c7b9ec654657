package io.strategos.executor.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor on the Gamma provider, against a local server serving recorded API responses. */
@QuarkusTest
@TestProfile(GammaMarketDataTest.GammaProvider.class)
class GammaMarketDataTest {

    public static class GammaProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strategos.market-data.provider", "gamma",
                    "strategos.market-data.gamma.cache-ttl", "2s",
                    "strategos.executor.run-timeout", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GammaFixtureServer.class));
        }
    }

    static final String GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 10, "minLiquidity": 20000}},
                       {"id": "likely", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "gt", "value": 0.5}]}}],
             "edges": [{"source": "markets", "target": "likely"}]}""";

    @Inject
    Pool pool;

    @AfterEach
    void fastAgain() {
        System.clearProperty(GammaFixtureServer.DELAY_PROPERTY);
    }

    /** A running paper strategy on an hourly interval, due now. */
    static UUID insertDue(Pool pool, String owner, String graph) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                        WITH s AS (
                            INSERT INTO strategies (id, owner_id, name, graph, status, schedule, trading_mode, paper_bankroll_usd,
                                                    deployed_at)
                            VALUES ($1, $2, 'gamma', $3::text::jsonb, 'running', '{"type": "interval", "everySeconds": 3600}',
                                    'paper', 1000, now())
                            RETURNING id, owner_id)
                        INSERT INTO strategy_run_state (strategy_id, owner_id, next_run_at) SELECT id, owner_id, now() FROM s""")
                .execute(Tuple.of(id, owner, graph)).await().indefinitely();
        return id;
    }

    private UUID insertDue(String owner) {
        return insertDue(pool, owner, GRAPH);
    }

    private List<Row> executions(UUID strategy) {
        var rows = pool.preparedQuery("SELECT id, status, error FROM executions WHERE strategy_id = $1")
                .execute(Tuple.of(strategy)).await().indefinitely();
        List<Row> list = new java.util.ArrayList<>();
        rows.forEach(list::add);
        return list;
    }

    @Test
    void runsOnRecordedGammaMarketsAndSharesOneFetch() {
        int requestsBefore = Integer.getInteger(GammaFixtureServer.REQUESTS_PROPERTY, 0);
        List<UUID> strategies = List.of(insertDue("gamma-a"), insertDue("gamma-b"), insertDue("gamma-c"));

        await().atMost(Duration.ofSeconds(20)).until(() -> strategies.stream().allMatch(s -> executions(s).size() == 1));
        for (UUID strategy : strategies) {
            Row execution = executions(strategy).getFirst();
            assertThat(execution.getString("status")).isEqualTo("success");
            String output = pool.preparedQuery("""
                            SELECT (l->'output')::text AS o FROM executions, json_array_elements(node_logs) AS l
                             WHERE id = $1 AND l->>'nodeId' = 'likely'""")
                    .execute(Tuple.of(execution.getUUID("id"))).await().indefinitely().iterator().next().getString("o");
            // 501 (0.62, liquidity 95,000) passes; 502 fails the liquidity floor; 504 is cheap; 503 and 505 are unreadable.
            assertThat(output).contains("\"501\"").doesNotContain("\"502\"").doesNotContain("\"504\"");
        }
        // Three strategies in one claim batch: one fetch (first page, then the empty second page).
        assertThat(Integer.getInteger(GammaFixtureServer.REQUESTS_PROPERTY, 0) - requestsBefore).isLessThanOrEqualTo(2);
    }

    @Test
    void aRunThatOutlivesTheTimeoutIsRecordedAsTimedOut() {
        System.setProperty(GammaFixtureServer.DELAY_PROPERTY, "4000");
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // let the shared snapshot expire
        UUID strategy = insertDue("gamma-slow");

        await().atMost(Duration.ofSeconds(30)).until(() -> executions(strategy).size() == 1);
        Row execution = executions(strategy).getFirst();
        assertThat(execution.getString("status")).isEqualTo("timed_out");
        assertThat(execution.getString("error")).contains("did not finish within 2 s");
    }
}
