package io.strategos.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system on one machine: PostgreSQL, a Kafka broker and the three services, each in a
 * process of its own. Used by {@code ./strategos up} and by the end-to-end tests.
 *
 * <p>Standard Quarkus/MicroProfile environment variables in this process's environment reach the
 * services unchanged; the stack only fills in what is not set. A database URL
 * ({@code QUARKUS_DATASOURCE_JDBC_URL}) or Kafka address ({@code KAFKA_BOOTSTRAP_SERVERS}) given
 * that way is used instead of starting the embedded one.
 */
public final class LocalStack implements AutoCloseable {

    public static final String DATABASE = "strategos";
    public static final List<String> SERVICES = List.of("strategy-api", "executor-worker", "notifier");

    /**
     * @param home              where data, keys and logs live
     * @param repository        the repository root, to find the services' jars or executables
     * @param postgres          a server to use; {@code null} to start the embedded one
     * @param postgresPort      the embedded server's port
     * @param database          the database the services use
     * @param kafkaPort         the broker's client port (its controller port is the next one)
     * @param servicePorts      HTTP port of each service
     * @param extraEnvironment  further settings for every service (tests shorten intervals)
     * @param packaging         whether the services run from their jars or as native executables
     */
    public record Options(Path home, Path repository, PostgresServer postgres, int postgresPort, String database,
                          int kafkaPort, Map<String, Integer> servicePorts, Map<String, String> extraEnvironment,
                          Packaging packaging) {

        public static Options defaults(Path repository) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("strategy-api", 8081);
            ports.put("executor-worker", 8082);
            ports.put("notifier", 8083);
            return new Options(repository.resolve(".strategos"), repository, null, 15432, DATABASE, 19092, ports, Map.of(),
                    Packaging.JVM);
        }

        public Options withPackaging(Packaging packaging) {
            return new Options(home, repository, postgres, postgresPort, database, kafkaPort, servicePorts, extraEnvironment, packaging);
        }
    }

    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private JwtKeys keys;
    private boolean acceptsLocalTokens;

    public LocalStack(Options options) {
        this.options = options;
    }

    public LocalStack start() throws IOException, InterruptedException, SQLException {
        Files.createDirectories(options.home());
        // Before anything starts: a missing build is the user's next step, not a half-started stack.
        Map<String, Path> artifacts = new LinkedHashMap<>();
        for (String name : SERVICES) {
            artifacts.put(name, options.packaging().artifact(options.repository(), name));
        }
        keys = JwtKeys.loadOrCreate(options.home().resolve("jwt"));
        Map<String, String> env = new HashMap<>(options.extraEnvironment());
        defaultTo(env, "MP_JWT_VERIFY_PUBLICKEY_LOCATION", options.home().resolve("jwt/public-key.pem").toString());
        defaultTo(env, "MP_JWT_VERIFY_ISSUER", JwtKeys.ISSUER);
        String audiences = effective(env, "MP_JWT_VERIFY_AUDIENCES");
        acceptsLocalTokens = options.home().resolve("jwt/public-key.pem").toString().equals(effective(env, "MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
                && JwtKeys.ISSUER.equals(effective(env, "MP_JWT_VERIFY_ISSUER"))
                && (audiences == null || List.of(audiences.split("\\s*,\\s*")).contains(JwtKeys.AUDIENCE));
        // The lab's test runs: strategy-api calls this stack's executor, with a token only these processes know.
        defaultTo(env, "STRATEGOS_LAB_INTERNAL_TOKEN", UUID.randomUUID().toString());
        Map<String, String> apiEnv = startPostgres(env);
        startKafka(env);
        for (String name : SERVICES) {
            Map<String, String> serviceEnv = env;
            if (name.equals("strategy-api")) {
                serviceEnv = new HashMap<>(env);
                serviceEnv.putAll(apiEnv);
                defaultTo(serviceEnv, "STRATEGOS_LAB_EXECUTOR_URL", "http://127.0.0.1:" + options.servicePorts().get("executor-worker"));
            }
            ServiceProcess service = ServiceProcess.start(name, artifacts.get(name), options.servicePorts().get(name), serviceEnv,
                    options.home().resolve("logs").resolve(name + ".log"));
            started.add(service);
            services.put(name, service);
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady();
        }
        return this;
    }

    /**
     * Fills in the database settings every service shares (the owner role), and returns what
     * strategy-api sets on top: it serves as {@link PostgresServer#API_ROLE}, under row-level security,
     * and migrates as the owner. With a database given in the environment, that environment decides.
     */
    private Map<String, String> startPostgres(Map<String, String> env) throws IOException, SQLException {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        PostgresServer server = options.postgres();
        if (server == null) {
            EmbeddedPostgresServer embedded = EmbeddedPostgresServer.start(options.postgresPort(), options.home().resolve("postgres"));
            started.add(embedded);
            server = embedded.server();
        }
        server.ensureApiRole();
        server.ensureDatabase(options.database());
        env.putAll(server.ownerEnvironment(options.database()));
        return server.apiRoleEnvironment();
    }

    private void startKafka(Map<String, String> env) throws IOException, InterruptedException {
        if (System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null) {
            return;
        }
        // The controller listens next to the broker when it can; a test stack's random broker port may
        // have a neighbour already taken.
        int controllerPort = Ports.freeOr(options.kafkaPort() + 1);
        KafkaBroker broker = new KafkaBroker(options.home().resolve("kafka"), options.kafkaPort(), controllerPort).start();
        started.add(broker);
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    }

    /** A setting as the services see it: the stack's own, else this process's environment, which they inherit. */
    private static String effective(Map<String, String> env, String name) {
        return env.containsKey(name) ? env.get(name) : System.getenv(name);
    }

    private static void defaultTo(Map<String, String> env, String name, String value) {
        if (System.getenv(name) == null) {
            env.putIfAbsent(name, value);
        }
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    /**
     * Whether the services verify tokens with this stack's own key, issuer and audience, so that
     * {@link #token} signs tokens they accept. Not when {@code MP_JWT_VERIFY_*} point them at another
     * identity provider.
     */
    public boolean acceptsLocalTokens() {
        return acceptsLocalTokens;
    }

    public String token(String userId) {
        return keys.token(userId, Duration.ofHours(12));
    }

    /** Stops what this stack started, services first, in reverse order of starting. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i) + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }
}
