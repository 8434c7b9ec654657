package io.strategos.benchmarks;

import io.strategos.localstack.KafkaBroker;
import io.strategos.localstack.Packaging;
import io.strategos.localstack.Ports;
import io.strategos.localstack.PostgresServer;
import io.strategos.localstack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL on 127.0.0.1:5432 (a fresh database), a Kafka broker, and services from their
 * packaged jars or native executables ({@code --packaging native}): the same processes operators run,
 * on this machine.
 */
final class BenchEnvironment implements AutoCloseable {

    /** Dropped and created again by every run; {@code -Dbench.database} keeps two runs on one server apart. */
    static final String DATABASE = System.getProperty("bench.database", "strategos_bench");

    /** How the services run; {@code benchmarks/run <benchmark> --packaging native} sets it once, before any environment starts. */
    static volatile Packaging packaging = Packaging.JVM;

    /**
     * SQL applied right after migrating (an index dropped, a trigger changed), to measure a schema change
     * before writing its migration; {@code --schema-variant} sets it. Null: the schema as migrated.
     */
    static volatile String schemaVariant;

    final PostgresServer postgres = new PostgresServer("127.0.0.1", 5432,
            System.getProperty("bench.pg.user", "strategos"), System.getProperty("bench.pg.password", "strategos"));
    private final Path home;
    private final KafkaBroker kafka;
    private final List<ServiceProcess> services = new ArrayList<>();

    BenchEnvironment() throws Exception {
        this(true);
    }

    /** @param withKafka false when nothing measured uses Kafka, so an idle broker takes no CPU from the run */
    BenchEnvironment(boolean withKafka) throws Exception {
        if (!postgres.isUsable()) {
            throw new IllegalStateException("benchmarks need PostgreSQL on 127.0.0.1:5432 with role strategos (bash .ci/ensure-postgres.sh)");
        }
        postgres.ensureApiRole();
        postgres.recreateDatabase(DATABASE);
        home = Files.createTempDirectory(repository().resolve("benchmarks/target"), "run");
        kafka = withKafka ? new KafkaBroker(home.resolve("kafka"), Ports.free(), Ports.free()).start() : null;
    }

    static Path repository() {
        return Path.of(System.getProperty("strategos.repository", ".")).toAbsolutePath();
    }

    Path home() {
        return home;
    }

    /** Starts {@code count} executor replicas and waits until each is ready (the first one migrates). */
    List<ServiceProcess> startExecutors(int count, int batchSize) throws Exception {
        return startExecutors(count, batchSize, 2);
    }

    /** As above, each replica working on {@code pipelines} batches at once. */
    List<ServiceProcess> startExecutors(int count, int batchSize, int pipelines) throws Exception {
        List<ServiceProcess> executors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            executors.add(startService("executor-worker", "executor-" + i, Map.of(
                    "STRATEGOS_EXECUTOR_BATCH_SIZE", Integer.toString(batchSize),
                    "STRATEGOS_EXECUTOR_PIPELINES", Integer.toString(pipelines),
                    "STRATEGOS_EXECUTOR_WORKER_NAME", "bench-" + i)));
        }
        return executors;
    }

    /** Migrates the strategy schema the way deploy/'s Job does: executor-worker started to run Flyway and exit. */
    void migrate() throws Exception {
        Path artifact = packaging.artifact(repository(), "executor-worker");
        Map<String, String> env = new HashMap<>(postgres.ownerEnvironment(DATABASE));
        env.put("QUARKUS_INIT_AND_EXIT", "true");
        ServiceProcess migration = ServiceProcess.start("migrate", artifact, Ports.free(), env, home.resolve("migrate.log"));
        if (migration.awaitExit(Duration.ofMinutes(2)) != 0) {
            throw new IllegalStateException("the migration failed; see " + home.resolve("migrate.log"));
        }
        if (schemaVariant != null) {
            execute(schemaVariant);
        }
    }

    /**
     * Starts one service from its packaged jar or native executable, on this environment's database (as
     * the owner) and broker; {@code settings} override that.
     */
    ServiceProcess startService(String module, String name, Map<String, String> settings) throws Exception {
        Path artifact = packaging.artifact(repository(), module);
        Map<String, String> env = new HashMap<>(postgres.ownerEnvironment(DATABASE));
        if (kafka != null) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        // To profile the services a benchmark starts, e.g. "-XX:StartFlightRecording=filename=/tmp/NAME.jfr"
        // (NAME becomes each process's name); BENCHMARKS.md shows how.
        if (System.getenv("BENCH_SERVICE_JAVA_TOOL_OPTIONS") != null) {
            env.put("JAVA_TOOL_OPTIONS", System.getenv("BENCH_SERVICE_JAVA_TOOL_OPTIONS").replace("NAME", name));
        }
        env.putAll(settings);
        ServiceProcess service = ServiceProcess.start(name, artifact, Ports.free(), env, home.resolve(name + ".log"));
        services.add(service);
        service.awaitReady();
        return service;
    }

    /** The services this environment started, in order. */
    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    long kafkaPid() {
        return kafka.pid();
    }

    /** A check the benchmark polls for; it may query the database. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} every {@code poll} until it holds or {@code timeout} passes. The
     * benchmarks observe the services only through the database, so polling is how they measure.
     */
    static void awaitUntil(Condition condition, Duration timeout, Duration poll) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds() && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(poll.toMillis());
        }
    }

    Connection connect() throws SQLException {
        return postgres.connect(DATABASE);
    }

    long count(String sql) throws SQLException {
        return postgres.queryForLong(DATABASE, sql);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
    }
}
