package io.strategos.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/** A PostgreSQL server to use, and the few administrative steps the local stack and tests need. */
public record PostgresServer(String host, int port, String user, String password) {

    /**
     * The role strategy-api's runtime traffic connects as. It owns no table, so PostgreSQL applies the
     * row-level security policies to it (V4); V11 grants it exactly what the API runs. Migrations run
     * as the owner. It must exist before the migrations do.
     */
    public static final String API_ROLE = "strategos_api";
    /** Its password wherever this code creates it: the local stack and the tests, never a deployment. */
    public static final String API_ROLE_PASSWORD = "strategos_api";

    /** Two servers starting at once may race to create the role; either outcome is the role existing. */
    private static final String CREATE_API_ROLE = """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                    CREATE ROLE %1$s LOGIN PASSWORD '%2$s' NOSUPERUSER NOBYPASSRLS;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END
            $$""".formatted(API_ROLE, API_ROLE_PASSWORD);

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * The environment a service needs to use {@code database} as this server's user, the tables'
     * owner: what executor-worker and notifier run as, and what every service migrates as.
     */
    public Map<String, String> ownerEnvironment(String database) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(database),
                "QUARKUS_DATASOURCE_REACTIVE_URL", reactiveUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", user,
                "QUARKUS_DATASOURCE_PASSWORD", password == null ? "" : password);
    }

    /**
     * What strategy-api sets on top of {@link #ownerEnvironment}: it serves as {@link #API_ROLE},
     * under row-level security, and migrates as the owner.
     */
    public Map<String, String> apiRoleEnvironment() {
        return Map.of(
                "QUARKUS_DATASOURCE_USERNAME", API_ROLE,
                "QUARKUS_DATASOURCE_PASSWORD", API_ROLE_PASSWORD,
                "QUARKUS_FLYWAY_USERNAME", user,
                "QUARKUS_FLYWAY_PASSWORD", password == null ? "" : password);
    }

    /** The first column of a query's first row, such as a count. */
    public long queryForLong(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** True when the server answers and accepts our credentials. */
    public boolean isUsable() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + identifier(database) + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + identifier(database) + "\"");
        }
    }

    /**
     * Creates strategy-api's role ({@link #API_ROLE}) unless the server has it. Needs a role allowed to
     * create roles when it is missing; on the machine's server {@code .ci/ensure-postgres.sh} creates it.
     */
    public void ensureApiRole() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(CREATE_API_ROLE);
        } catch (SQLException e) {
            throw new SQLException("role " + API_ROLE + " is missing on " + host + ":" + port + " and " + user
                    + " cannot create it; run bash .ci/ensure-postgres.sh (or CREATE ROLE " + API_ROLE
                    + " LOGIN PASSWORD '...' as a superuser)", e.getSQLState(), e);
        }
    }

    /** Drops {@code database} if it exists (closing its connections) and creates it empty. */
    public void recreateDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + identifier(database) + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + identifier(database) + "\"");
        }
    }

    /** Database names here come from our own code, never from users; this guards against typos. */
    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        return name;
    }
}
