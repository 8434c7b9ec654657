package io.strategos.benchmarks;

import io.strategos.localstack.JwtKeys;
import io.strategos.localstack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The strategy lab (issue 13). First, test-run latency as an editor sees it: the 3-node graph of
 * {@link ExecutorThroughput} with an orchestrator instead of the last filter, sent one after another to
 * strategy-api, which has executor-worker run it (simulated market data); p50, p90, p99 and max after a
 * warm-up. Then a backtest of that strategy on a one-minute cron over {@code days} days (43,200 slots for
 * 30), timed from the backtest row's started_at to its completed_at, while {@code strategies} strategies
 * run every 10 seconds on the same worker, whose throughput meanwhile is reported, with the worker's peak
 * resident memory.
 */
final class LabBenchmark {

    static final String TRADING_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.6}]}},
                       {"id": "trade", "type": "orchestrator",
                        "config": {"positionSizePct": 5, "maxOpenPositions": 5, "takeProfitPct": 3, "stopLossPct": 3}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "trade"}]}""";

    private LabBenchmark() {
    }

    static void run(int testRuns, int days, int strategies) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment()) {
            String labToken = UUID.randomUUID().toString();
            ServiceProcess executor = env.startService("executor-worker", "executor-0", Map.of(
                    "STRATEGOS_LAB_INTERNAL_TOKEN", labToken, "STRATEGOS_EXECUTOR_WORKER_NAME", "bench-0"));
            JwtKeys keys = JwtKeys.loadOrCreate(env.home().resolve("jwt"));
            Map<String, String> settings = new HashMap<>(env.postgres.apiRoleEnvironment());
            settings.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", env.home().resolve("jwt/public-key.pem").toString());
            settings.put("MP_JWT_VERIFY_ISSUER", JwtKeys.ISSUER);
            settings.put("STRATEGOS_LAB_INTERNAL_TOKEN", labToken);
            settings.put("STRATEGOS_LAB_EXECUTOR_URL", executor.baseUrl());
            settings.put("STRATEGOS_LAB_TEST_RUNS_PER_USER", Integer.toString(Integer.MAX_VALUE));
            ServiceProcess api = env.startService("strategy-api", "strategy-api", settings);
            testRunLatency(api, keys.token("bench-lab", Duration.ofHours(4)), testRuns);
            backtest(env, executor, days, strategies);
        }
    }

    private static void testRunLatency(ServiceProcess api, String token, int runs) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/strategies/test-runs"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"graph\": " + TRADING_GRAPH + ", \"paperBankrollUsd\": 10000}")).build();
        for (int i = 0; i < Math.max(200, runs / 5); i++) {
            send(client, request);
        }
        long[] latencies = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            send(client, request);
            latencies[i] = System.nanoTime() - start;
        }
        Arrays.sort(latencies);
        System.out.printf("test runs (3 nodes, sequential, %d after warm-up): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                runs, ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), latencies[runs - 1] / 1e6);
    }

    private static void send(HttpClient client, HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"status\":\"success\"")) {
            throw new IllegalStateException("test run answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void backtest(BenchEnvironment env, ServiceProcess executor, int days, int strategies) throws Exception {
        if (strategies > 0) {
            ExecutorThroughput.seed(env, strategies, Instant.now(), "{\"type\": \"interval\", \"everySeconds\": 10}");
            System.out.printf("seeded %d strategies running every 10 s%n", strategies);
            // Let them settle into their rhythm before the backtest starts.
            TimeUnit.SECONDS.sleep(15);
        }
        UUID strategy = UUID.randomUUID();
        UUID backtest = UUID.randomUUID();
        Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
        try (Connection c = env.connect(); PreparedStatement insert = c.prepareStatement("""
                WITH s AS (INSERT INTO strategies (id, owner_id, name, graph) VALUES (?, 'bench-lab', 'backtested', ?::jsonb)
                           RETURNING id, name, graph),
                     v AS (INSERT INTO strategy_versions (strategy_id, version, name, graph) SELECT id, 1, name, graph FROM s)
                INSERT INTO backtests (id, owner_id, strategy_id, strategy_version, range_from, range_to, schedule, settings)
                VALUES (?, 'bench-lab', ?, 1, ?::timestamptz, ?::timestamptz, '{"type": "cron", "expression": "* * * * *"}',
                        '{"paperBankrollUsd": 10000}')""")) {
            insert.setObject(1, strategy);
            insert.setString(2, TRADING_GRAPH);
            insert.setObject(3, backtest);
            insert.setObject(4, strategy);
            insert.setString(5, to.minus(Duration.ofDays(days)).toString());
            insert.setString(6, to.toString());
            insert.execute();
        }
        long executionsBefore = env.count("SELECT count(*) FROM executions");
        BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM backtests WHERE id = '" + backtest
                + "' AND status IN ('completed', 'failed')") == 1, Duration.ofMinutes(30), Duration.ofSeconds(1));
        try (Connection c = env.connect(); ResultSet row = c.createStatement().executeQuery("""
                SELECT status, slots_done, extract(epoch FROM completed_at - started_at) AS seconds, started_at, completed_at,
                       result->>'trades' AS trades, result->>'totalReturnPct' AS total_return, error
                  FROM backtests WHERE id = '%s'""".formatted(backtest))) {
            row.next();
            double seconds = row.getDouble("seconds");
            long during = env.count("SELECT count(*) FROM executions WHERE started_at BETWEEN '%s' AND '%s'"
                    .formatted(row.getTimestamp("started_at").toInstant(), row.getTimestamp("completed_at").toInstant()));
            System.out.printf("backtest, one-minute cron over %d days: %s, %,d slots in %.1f s (%,.0f slots/s), %s trades, return %s %%%s%n",
                    days, row.getString("status"), row.getLong("slots_done"), seconds, row.getLong("slots_done") / seconds,
                    row.getString("trades"), row.getString("total_return"),
                    row.getString("error") == null ? "" : " (" + row.getString("error") + ")");
            System.out.printf("scheduled runs meanwhile: %,d in %.1f s (%.0f/s; %d strategies every 10 s ask for %.0f/s); %d executions in all%n",
                    during, seconds, during / seconds, strategies, strategies / 10.0, env.count("SELECT count(*) FROM executions") - executionsBefore);
        }
        System.out.printf("executor-worker peak resident memory: %s%n", peakMemory(executor.pid()));
    }

    private static String peakMemory(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replace("VmHWM:", "").strip()).findFirst().orElse("unknown");
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
