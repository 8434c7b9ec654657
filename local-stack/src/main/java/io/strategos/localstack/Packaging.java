package io.strategos.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the local stack runs a service: from its packaged jar on this JVM's java, or as the native
 * executable the Quarkus native build writes ({@code target/<service>-<version>-runner}), the way the
 * Kubernetes images run it.
 */
public enum Packaging {
    JVM {
        @Override
        public Path artifact(Path repository, String service) throws IOException {
            Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IOException(jar + " is missing: build first (./mvnw package -DskipTests)");
            }
            return jar;
        }
    },
    NATIVE {
        @Override
        public Path artifact(Path repository, String service) throws IOException {
            Path target = repository.resolve(service).resolve("target");
            // The version is in the name; the glob spares this module from knowing it.
            try (Stream<Path> runners = Files.exists(target) ? Files.list(target) : Stream.empty()) {
                List<Path> found = runners.filter(p -> p.getFileName().toString().endsWith("-runner") && Files.isRegularFile(p) && Files.isExecutable(p)).toList();
                if (found.size() == 1) {
                    return found.getFirst();
                }
                throw new IOException((found.isEmpty() ? "no native executable of " + service : "more than one native executable " + found)
                        + " in " + target + ": build it with a GraalVM or Mandrel in GRAALVM_HOME (deploy/README.md):\n"
                        + "  ./mvnw -B -ntp package -Dnative -DskipTests -pl " + service + " -am");
            }
        }
    };

    /** The jar or executable of {@code service}; an {@link IOException} saying how to build it when there is none. */
    public abstract Path artifact(Path repository, String service) throws IOException;

    /**
     * The command that starts {@code artifact}: {@code java -jar} for a jar, the executable itself otherwise.
     * Both get the same 384 MiB heap ceiling, so that the two packagings are compared on equal terms.
     */
    static List<String> command(Path artifact) {
        return artifact.getFileName().toString().endsWith(".jar")
                ? List.of(Jvm.javaBinary(), "-Xmx384m", "-jar", artifact.toString())
                : List.of(artifact.toString(), "-Xmx384m");
    }
}
