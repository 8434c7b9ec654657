package io.strategos.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How fast PostgreSQL alone can record what Strategos records per run, on the schema as migrated: the
 * ceiling any executor on this database and machine works under. One SQL statement per batch of 100
 * due strategies claims them (FOR UPDATE SKIP LOCKED), advances their run state, and inserts their
 * executions with their three node logs (output of the size the executor logs) and the outbox events
 * (JSON text with the run's traceparent). A second statement, after the batch has committed, announces
 * the batch's users on the run-change channel, as executor-worker does (V24).
 * pgbench runs the two from 4 clients, as prepared statements, until every strategy has run once.
 */
final class DatabaseCeiling {

    static final int BATCH = 100;
    static final int CLIENTS = 4;

    // A node log's output as the executor writes it for a 20-market step.
    private static final String NODE_OUTPUT = "{\"inputCount\": 20, \"outputCount\": 20, \"marketIds\": ["
            + String.join(", ", IntStream.range(0, 20).mapToObj(i -> "\"sim-" + (100 + i) + "\"").toList())
            + "]}";

    // A run's three node logs, in the format executor-worker writes them (V22).
    private static final String NODE_LOGS = IntStream.rangeClosed(1, 3)
            .mapToObj(seq -> "{\"seq\": " + seq + ", \"nodeId\": \"node-" + seq + "\", \"nodeType\": \"filter\", "
                    + "\"status\": \"success\", \"output\": " + NODE_OUTPUT + ", \"error\": null, "
                    + "\"startedAtEpochMs\": 1764594000001, \"durationMs\": 1}")
            .collect(Collectors.joining(", ", "[", "]"));

    // UUIDv7 in SQL (PostgreSQL 15 has no uuidv7()): a random UUID whose first 48 bits become the epoch
    // milliseconds and whose version nibble goes from 4 to 7.
    private static final String UUID_V7 = """
            CREATE OR REPLACE FUNCTION bench_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
                SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                           PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                           FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
            $$""";

    private static final String BATCH_STATEMENT = """
            WITH due AS (
                SELECT strategy_id, owner_id, next_run_at
                  FROM strategy_run_state
                 WHERE next_run_at <= now() AND (lease_expires_at IS NULL OR lease_expires_at < now())
                 ORDER BY next_run_at
                 LIMIT %d
                   FOR UPDATE SKIP LOCKED
            ), advanced AS (
                UPDATE strategy_run_state rs
                   SET next_run_at = due.next_run_at + interval '1 day',
                       total_executions = rs.total_executions + 1,
                       successful_executions = rs.successful_executions + 1,
                       consecutive_errors = 0,
                       avg_duration_ms = (coalesce(rs.avg_duration_ms, 0) * rs.total_executions + 2) / (rs.total_executions + 1),
                       last_executed_at = now()
                  FROM due
                 WHERE rs.strategy_id = due.strategy_id
                RETURNING rs.strategy_id, rs.owner_id, due.next_run_at AS slot
            ), recorded AS (
                INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at,
                                        completed_at, status, nodes_executed, duration_ms, node_logs, node_ids,
                                        node_types, node_statuses, node_durations_ms)
                SELECT bench_uuidv7(), strategy_id, owner_id, 1, 'interval', slot, now(), now(), 'success', 3, 2,
                       '%s'::json, '{node-1,node-2,node-3}', '{filter,filter,filter}', '{success,success,success}',
                       '{1,1,1}'
                  FROM advanced
                ON CONFLICT DO NOTHING
                RETURNING id, strategy_id, owner_id
            )
            INSERT INTO outbox_events (message_key, event_type, traceparent, payload)
            SELECT strategy_id::text, 'execution_completed', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00',
                   jsonb_build_object('specversion', '1.0', 'type', 'strategos.execution_completed', 'id', id,
                                      'source', '/strategos/executor-worker', 'subject', strategy_id, 'time', now(),
                                      'data', jsonb_build_object('userId', owner_id, 'strategyId', strategy_id,
                                                                 'strategyName', 'bench', 'executionId', id,
                                                                 'status', 'success', 'durationMs', 2))
              FROM recorded;
            """.formatted(BATCH, NODE_LOGS);

    // On strategy-model's RunChangeChannel; the seeded strategies' owners are user-0 to user-999
    // (ExecutorThroughput.seed), so a batch of 100 has about 95 users.
    private static final String ANNOUNCE = """
            SELECT pg_notify('strategos_runs', 'user-' || (random() * 999)::int) FROM generate_series(1, %d);
            """.formatted(BATCH);

    private DatabaseCeiling() {
    }

    static void run(int strategies) throws Exception {
        try (BenchEnvironment env = new BenchEnvironment(false)) {
            double perSecond = measure(env, strategies);
            System.out.printf("database ceiling: %.0f runs/s%n", perSecond);
        }
    }

    /** On a fresh environment without Kafka: the schema migrated, N strategies due, pgbench until each ran once. */
    static double measure(BenchEnvironment env, int strategies) throws Exception {
        if (strategies % (BATCH * CLIENTS) != 0) {
            throw new IllegalArgumentException("strategies must be a multiple of " + BATCH * CLIENTS);
        }
        env.migrate();
        env.execute(UUID_V7);
        ExecutorThroughput.seed(env, strategies, Instant.now().minusSeconds(1), ExecutorThroughput.DAILY);

        Path script = env.home().resolve("ceiling.sql");
        Files.writeString(script, BATCH_STATEMENT.replace("\n", " ").strip() + "\n" + ANNOUNCE.strip() + "\n");
        long postgresBefore = CpuTime.postgresTicks();
        // Prepared statements, as the executor's client uses them: planned once per connection.
        ProcessBuilder pgbench = new ProcessBuilder("pgbench", "--no-vacuum", "--protocol=prepared", "--client=" + CLIENTS, "--jobs=2",
                "--transactions=" + strategies / BATCH / CLIENTS, "--file=" + script,
                "--host=" + env.postgres.host(), "--port=" + env.postgres.port(), "--username=" + env.postgres.user(),
                BenchEnvironment.DATABASE)
                .redirectErrorStream(true);
        pgbench.environment().putAll(Map.of("PGPASSWORD", env.postgres.password()));
        Process process;
        try {
            process = pgbench.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the ceiling needs pgbench (Debian: apt-get install postgresql-client)", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        long postgresTicks = CpuTime.postgresTicks() - postgresBefore;
        long recorded = env.count("SELECT count(*) FROM executions");
        if (recorded != strategies) {
            throw new IllegalStateException("pgbench recorded " + recorded + " of " + strategies + " runs:\n" + output);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench's output:\n" + output);
        }
        double perSecond = Double.parseDouble(tps.group(1)) * BATCH;
        System.out.printf("ceiling: pgbench, %d clients, one statement per batch of %d, %d runs recorded; "
                        + "PostgreSQL CPU per run %.3f ms%n", CLIENTS, BATCH, recorded, CpuTime.msPerRun(postgresTicks, recorded));
        return perSecond;
    }
}
