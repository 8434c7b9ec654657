package io.strategos.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strategos.localstack.EmbeddedPostgresServer;
import io.strategos.localstack.Ports;
import io.strategos.localstack.PostgresServer;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A real PostgreSQL for a test run: the machine's server on 127.0.0.1:5432 when it is there and
 * accepts the test role, else an embedded one. Each run gets a freshly created database, named
 * by the {@code database} init argument (see {@link TestDatabases}).
 *
 * <p>System properties {@code strategos.test.pg.host}, {@code .port}, {@code .user} and
 * {@code .password} point it elsewhere.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(PostgresTestResource.class.getName());

    private String database = "strategos_test";
    private EmbeddedPostgresServer embedded;

    @Override
    public void init(Map<String, String> initArgs) {
        database = TestDatabases.name(initArgs.getOrDefault("database", database));
    }

    @Override
    public Map<String, String> start() {
        try {
            PostgresServer server = freshServer(database);
            return Map.of(
                    "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                    "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                    "quarkus.datasource.username", server.user(),
                    "quarkus.datasource.password", server.password() == null ? "" : server.password());
        } catch (Exception e) {
            throw new IllegalStateException("cannot provide PostgreSQL for tests", e);
        }
    }

    /** The server to test against, with {@code database} dropped and created anew. */
    private PostgresServer freshServer(String database) throws Exception {
        PostgresServer local = new PostgresServer(
                System.getProperty("strategos.test.pg.host", "127.0.0.1"),
                Integer.getInteger("strategos.test.pg.port", 5432),
                System.getProperty("strategos.test.pg.user", "strategos"),
                System.getProperty("strategos.test.pg.password", "strategos"));
        PostgresServer server = local;
        if (!local.isUsable()) {
            LOG.info("No usable PostgreSQL at " + local.host() + ":" + local.port() + " for role " + local.user()
                    + "; starting an embedded one");
            embedded = EmbeddedPostgresServer.start(Ports.free(), null);
            server = embedded.server();
        }
        server.recreateDatabase(database);
        return server;
    }

    @Override
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                LOG.warning("stopping embedded PostgreSQL failed: " + e.getMessage());
            }
        }
    }
}
