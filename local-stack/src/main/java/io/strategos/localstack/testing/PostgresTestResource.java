package io.strategos.localstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.strategos.localstack.EmbeddedPostgresServer;
import io.strategos.localstack.Ports;
import io.strategos.localstack.PostgresServer;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A real PostgreSQL for a test run: the machine's server on 127.0.0.1:5432 when it is there and
 * accepts the test role, else an embedded one. Each run gets a freshly created database, named
 * by the {@code database} init argument (see {@link TestDatabases}). The server always has
 * strategy-api's role ({@link PostgresServer#API_ROLE}), which the strategy migrations grant to; with
 * the init argument {@code api-role=true} the service connects as it, while Flyway migrates as the
 * owner ({@code quarkus.flyway.username}), as strategy-api runs in production.
 *
 * <p>System properties {@code strategos.test.pg.host}, {@code .port}, {@code .user} and
 * {@code .password} point it elsewhere.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(PostgresTestResource.class.getName());

    private String database = "strategos_test";
    private boolean apiRole;
    private EmbeddedPostgresServer embedded;

    @Override
    public void init(Map<String, String> initArgs) {
        database = TestDatabases.name(initArgs.getOrDefault("database", database));
        apiRole = Boolean.parseBoolean(initArgs.getOrDefault("api-role", "false"));
    }

    @Override
    public Map<String, String> start() {
        try {
            PostgresServer server = freshServer(database);
            String ownerPassword = server.password() == null ? "" : server.password();
            Map<String, String> config = new HashMap<>(Map.of(
                    "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                    "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                    "quarkus.datasource.username", server.user(),
                    "quarkus.datasource.password", ownerPassword));
            if (apiRole) {
                config.put("quarkus.datasource.username", PostgresServer.API_ROLE);
                config.put("quarkus.datasource.password", PostgresServer.API_ROLE_PASSWORD);
                config.put("quarkus.flyway.username", server.user());
                config.put("quarkus.flyway.password", ownerPassword);
            }
            return config;
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
        server.ensureApiRole();
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
