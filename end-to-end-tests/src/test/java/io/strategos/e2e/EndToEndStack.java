package io.strategos.e2e;

import io.strategos.localstack.LocalStack;
import io.strategos.localstack.Packaging;
import io.strategos.localstack.Ports;
import io.strategos.localstack.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three services as separate processes, as {@code ./strategos up} runs them, for a test class:
 * on the machine's PostgreSQL when it is there (an embedded one otherwise), a database of the test's
 * own, a Kafka broker of its own, every port free.
 */
final class EndToEndStack {

    private EndToEndStack() {
    }

    static Path repository() {
        return Path.of(System.getProperty("strategos.repository", "..")).toAbsolutePath().normalize();
    }

    /**
     * @param folder      under end-to-end-tests/target, emptied first: the stack's data and logs
     * @param environment added to every service's environment
     */
    static LocalStack start(String folder, Packaging packaging, String database, Map<String, String> environment)
            throws Exception {
        Path home = repository().resolve("end-to-end-tests/target").resolve(folder);
        deleteRecursively(home);
        return new LocalStack(options(home, packaging, database, environment)).start();
    }

    /** A stack's options with its data and logs in {@code home}, on a fresh {@code database}. */
    static LocalStack.Options options(Path home, Packaging packaging, String database, Map<String, String> environment)
            throws SQLException {
        PostgresServer local = new PostgresServer("127.0.0.1", 5432, "strategos", "strategos");
        PostgresServer postgres = local.isUsable() ? local : null;
        if (postgres != null) {
            postgres.recreateDatabase(database);
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        LocalStack.SERVICES.forEach(service -> ports.put(service, Ports.free()));
        return new LocalStack.Options(home, repository(), postgres, Ports.free(), database, Ports.free(), ports, environment,
                packaging);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
