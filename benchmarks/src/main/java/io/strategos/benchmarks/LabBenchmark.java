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
import java.sql.Statement;
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
 * 30), timed from the backtest row's started_at to its completed_at, alone and again while {@code strategies}
 * scheduled strategies, each due again as soon as it has run, keep the same worker busy: their runs/s during
 * the backtest next to their runs/s without one, and the worker's peak resident memory.
 */
final class LabBenchmark {

    static final String TRADING_GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                       {"id": "cheap", "type": "filter", "config": {"conditions": [{"field": "price", "operator": "lt", "value": 0.6}]}},
                       {"id": "trade", "type": "orchestrator",
                        "config": {"positionSizePct": 5, "maxOpenPositions": 5, "takeProfitPct": 3, "stopLossPct": 3}}],
             "edges": [{"source": "markets", "target": "cheap"}, {"source": "cheap", "target": "trade"}]}""";

    private static final Duration WARM_UP = Duration.ofSeconds(10);
    /** The span the scheduled runs' rate without a backtest is measured over, about as long as a backtest takes. */
    private static final Duration BASELINE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

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

    /** A finished backtest as its row tells it. */
    private record BacktestRun(String status, long slots, Instant started, Instant completed, String trades, String totalReturn,
                               String error) {

        double seconds() {
            return Duration.between(started, completed).toNanos() / 1e9;
        }

        String describe(int days) {
            return "one-minute cron over %d days: %s, %,d slots in %.1f s (%,.0f slots/s), %s trades, return %s %%%s".formatted(
                    days, status, slots, seconds(), slots / seconds(), trades, totalReturn, error == null ? "" : " (" + error + ")");
        }
    }

    /** The scheduled runs recorded in a span of time: how many a second, and how late they started. */
    private record Throughput(long runs, double seconds, double lagP50, double lagP99) {

        double perSecond() {
            return runs / seconds;
        }

        @Override
        public String toString() {
            return "%,.0f runs/s (%,d in %.1f s), schedule lag p50 %.2f s, p99 %.2f s".formatted(perSecond(), runs, seconds, lagP50, lagP99);
        }
    }

    /**
     * The scheduled runs' rate without a backtest, a backtest alone, then the same backtest again while the
     * scheduled strategies keep running, and their rate meanwhile: what a backtest costs the schedule, and the
     * schedule the backtest. The worker always has due work (see {@link Feeder}), so both rates are what it can do.
     */
    private static void backtest(BenchEnvironment env, ServiceProcess executor, int days, int strategies) throws Exception {
        ExecutorThroughput.seed(env, strategies, Instant.now(), ExecutorThroughput.DAILY);
        System.out.printf("seeded %,d strategies, each due again as soon as its run is recorded%n", strategies);
        Throughput alone;
        try (Feeder feeder = new Feeder(env)) {
            // The JIT compiles the scheduled runs' path first; then as long a span as a backtest takes.
            TimeUnit.SECONDS.sleep(WARM_UP.toSeconds());
            Instant from = Instant.now();
            TimeUnit.SECONDS.sleep(BASELINE.toSeconds());
            alone = throughput(env, from, Instant.now());
        }
        System.out.printf("scheduled runs without a backtest: %s%n", alone);
        // The runs in flight when the feeder stopped finish, so the backtest below runs alone.
        BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM strategy_run_state WHERE next_run_at <= now() + interval '1 hour'") == 0,
                Duration.ofMinutes(1), POLL);

        // The first backtest also compiles the backtests' path; the one after it is the one compared.
        System.out.printf("first backtest (JIT warm-up), %s%n", awaitBacktest(env, submitBacktest(env, days)).describe(days));
        BacktestRun solo = awaitBacktest(env, submitBacktest(env, days));
        System.out.printf("backtest alone, %s%n", solo.describe(days));

        BacktestRun shared;
        try (Feeder feeder = new Feeder(env)) {
            TimeUnit.SECONDS.sleep(2);
            shared = awaitBacktest(env, submitBacktest(env, days));
        }
        System.out.printf("backtest while the scheduled strategies run, %s%n", shared.describe(days));
        Throughput during = throughput(env, shared.started(), shared.completed());
        System.out.printf("scheduled runs during the backtest: %s%n", during);
        System.out.printf("scheduled runs/s during the backtest against without one: %,.0f against %,.0f (%.0f %%); "
                        + "the backtest took %.1f s against %.1f s alone%n",
                during.perSecond(), alone.perSecond(), 100 * during.perSecond() / alone.perSecond(), shared.seconds(), solo.seconds());
        System.out.printf("executor-worker peak resident memory: %s%n", peakMemory(executor.pid()));
    }

    /**
     * Keeps the worker busy with scheduled runs until closed: every {@link #POLL} it sets due again the seeded
     * strategies whose run was recorded (which moved their next slot a day on). At most {@code strategies} are due
     * at once, so none waits long enough to be overdue by the backtests' {@code yield-when-overdue} (5 s) unless
     * the worker runs fewer than strategies / 5 a second.
     */
    private static final class Feeder implements AutoCloseable {

        private final Thread thread;
        private volatile boolean stopped;
        private volatile Exception failure;

        Feeder(BenchEnvironment env) {
            thread = Thread.ofVirtual().start(() -> {
                try (Connection c = env.connect(); Statement statement = c.createStatement()) {
                    while (!stopped) {
                        statement.executeUpdate("UPDATE strategy_run_state SET next_run_at = now() WHERE next_run_at > now() + interval '1 hour'");
                        TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
                    }
                } catch (Exception e) {
                    failure = e;
                }
            });
        }

        @Override
        public void close() throws Exception {
            stopped = true;
            thread.join();
            if (failure != null) {
                throw new IllegalStateException("the feeder failed", failure);
            }
        }
    }

    private static Throughput throughput(BenchEnvironment env, Instant from, Instant to) throws Exception {
        try (Connection c = env.connect(); PreparedStatement query = c.prepareStatement("""
                SELECT count(*) AS runs,
                       percentile_cont(0.50) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS lag_p50,
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)) AS lag_p99
                  FROM executions WHERE completed_at > ?::timestamptz AND completed_at <= ?::timestamptz""")) {
            query.setString(1, from.toString());
            query.setString(2, to.toString());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Throughput(row.getLong("runs"), Duration.between(from, to).toNanos() / 1e9, row.getDouble("lag_p50"),
                        row.getDouble("lag_p99"));
            }
        }
    }

    /** Queues a backtest of a new strategy with the trading graph, on a one-minute cron over the {@code days} before today. */
    private static UUID submitBacktest(BenchEnvironment env, int days) throws Exception {
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
        return backtest;
    }

    private static BacktestRun awaitBacktest(BenchEnvironment env, UUID backtest) throws Exception {
        BenchEnvironment.awaitUntil(() -> env.count("SELECT count(*) FROM backtests WHERE id = '" + backtest
                + "' AND status IN ('completed', 'failed')") == 1, Duration.ofMinutes(30), POLL);
        try (Connection c = env.connect(); ResultSet row = c.createStatement().executeQuery("""
                SELECT status, slots_done, started_at, completed_at, result->>'trades' AS trades,
                       result->>'totalReturnPct' AS total_return, error
                  FROM backtests WHERE id = '%s'""".formatted(backtest))) {
            row.next();
            return new BacktestRun(row.getString("status"), row.getLong("slots_done"), row.getTimestamp("started_at").toInstant(),
                    row.getTimestamp("completed_at").toInstant(), row.getString("trades"), row.getString("total_return"),
                    row.getString("error"));
        }
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
