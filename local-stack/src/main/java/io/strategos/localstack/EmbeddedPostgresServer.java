package io.strategos.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * PostgreSQL from Maven Central (zonky's embedded binaries), for machines without a server.
 * With a data directory it keeps its data between runs.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** @param dataDir where the cluster lives; {@code null} for a throw-away one */
    public static EmbeddedPostgresServer start(int port, Path dataDir) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
        if (dataDir != null) {
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        return new EmbeddedPostgresServer(builder.start());
    }

    /**
     * The superuser. The cluster trusts every local connection, so any password passes; it is not
     * empty because Quarkus reads an empty setting as none, and strategy-api's Flyway credentials
     * ({@code quarkus.flyway.username} and {@code password}) only count when both are set.
     */
    public PostgresServer server() {
        return new PostgresServer("127.0.0.1", postgres.getPort(), "postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
