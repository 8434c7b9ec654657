package io.strategos.e2e;

import io.strategos.localstack.EmbeddedPostgresServer;
import io.strategos.localstack.KafkaBroker;
import io.strategos.localstack.Ports;
import io.strategos.localstack.PostgresServer;
import io.strategos.localstack.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * What a replica test runs on: PostgreSQL (the machine's on 5432, else an embedded one) with a fresh
 * database, a Kafka broker, and services started from their packaged jars in their own JVMs, as
 * operators run them.
 */
final class ReplicaTestBed implements AutoCloseable {

    final PostgresServer postgres;
    final KafkaBroker kafka;
    private final String database;
    private final Path home;
    private final EmbeddedPostgresServer embedded;
    private final List<ServiceProcess> services = new ArrayList<>();

    ReplicaTestBed(String database) throws Exception {
        this.database = database;
        home = Files.createTempDirectory(repository().resolve("end-to-end-tests/target"), "replicas");
        PostgresServer local = new PostgresServer("127.0.0.1", 5432, "strategos", "strategos");
        embedded = local.isUsable() ? null : EmbeddedPostgresServer.start(Ports.free(), null);
        postgres = embedded == null ? local : embedded.server();
        postgres.recreateDatabase(database);
        kafka = new KafkaBroker(home.resolve("kafka"), Ports.free(), Ports.free()).start();
    }

    private static Path repository() {
        return Path.of(System.getProperty("strategos.repository", "..")).toAbsolutePath().normalize();
    }

    /** Starts a replica of {@code module} on this bed's database and broker and waits until it is ready. */
    ServiceProcess start(String module, String name, Map<String, String> settings) throws Exception {
        ServiceProcess service = launch(module, name, settings);
        service.awaitReady();
        return service;
    }

    /** Starts a replica of {@code module} on this bed's database and broker, without waiting for it. */
    ServiceProcess launch(String module, String name, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(postgres.ownerEnvironment(database));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.putAll(settings);
        ServiceProcess service = ServiceProcess.start(name, repository().resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                Ports.free(), env, log(name));
        services.add(service);
        return service;
    }

    /** What the replica called {@code name} wrote to its standard output and error. */
    Path log(String name) {
        return home.resolve("logs").resolve(name + ".log");
    }

    /** This bed's database at an earlier release's strategy schema (its migrations up to {@code version}), as an upgrade starts from. */
    void migrateStrategySchemaTo(String version) throws SQLException {
        postgres.ensureApiRole();
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(database), postgres.user(), postgres.password())
                .locations("classpath:db/strategy")
                .target(version)
                .load()
                .migrate();
    }

    Connection connect() throws SQLException {
        return postgres.connect(database);
    }

    long count(String sql) throws SQLException {
        return postgres.queryForLong(database, sql);
    }

    @Override
    public void close() throws Exception {
        services.forEach(ServiceProcess::close);
        kafka.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
