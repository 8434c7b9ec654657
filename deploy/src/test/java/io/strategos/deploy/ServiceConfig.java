package io.strategos.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a service really configures, read from the repository: its application.properties (profile-free
 * keys), the Quarkus extensions in its pom.xml, and the REST paths its resources serve.
 */
record ServiceConfig(String name, Map<String, String> properties, Set<String> artifactIds, Set<String> restPaths) {

    static final List<String> SERVICES = List.of("strategy-api", "executor-worker", "notifier");

    private static final Map<String, ServiceConfig> CACHE = new LinkedHashMap<>();
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern CLASS_PATH = Pattern.compile("@Path\\(\"(/api/[^\"]*)\"\\)");

    static synchronized ServiceConfig of(String service) {
        return CACHE.computeIfAbsent(service, ServiceConfig::read);
    }

    private static ServiceConfig read(String service) {
        Path module = Manifests.repositoryRoot().resolve(service);
        try {
            Properties raw = new Properties();
            try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"))) {
                raw.load(reader);
            }
            Map<String, String> properties = new LinkedHashMap<>();
            raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).sorted()
                    .forEach(k -> properties.put(k, raw.getProperty(k)));
            Set<String> artifacts = ARTIFACT_ID.matcher(Files.readString(module.resolve("pom.xml"))).results()
                    .map(m -> m.group(1)).collect(Collectors.toSet());
            Set<String> paths;
            try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                paths = sources.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                    try {
                        Matcher m = CLASS_PATH.matcher(Files.readString(p));
                        return m.results().map(r -> r.group(1));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).collect(Collectors.toSet());
            }
            return new ServiceConfig(service, properties, artifacts, paths);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration of " + service, e);
        }
    }

    /** The environment variable MicroProfile Config maps onto a property: non-alphanumerics to _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    boolean hasEnvProperty(String envVar) {
        return properties.keySet().stream().anyMatch(p -> envName(p).equals(envVar));
    }

    boolean hasExtension(String artifactId) {
        return artifactIds.contains(artifactId);
    }

    String property(String key, String defaultValue) {
        return properties.getOrDefault(key, defaultValue);
    }

    int httpPort() {
        return Integer.parseInt(property("quarkus.http.port", "8080"));
    }

    /** /q/health with Quarkus' defaults, unless the service moved the non-application root or health root. */
    String healthRoot() {
        return nonApplicationRoot() + "/" + strip(property("quarkus.smallrye-health.root-path", "health"));
    }

    String metricsPath() {
        return nonApplicationRoot() + "/" + strip(property("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    private String nonApplicationRoot() {
        return "/" + strip(property("quarkus.http.non-application-root-path", "q"));
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    Set<String> flywayLocations() {
        return hasExtension("quarkus-flyway")
                ? Set.of(property("quarkus.flyway.locations", "db/migration").split(","))
                : Set.of();
    }

    Duration shutdownTimeout() {
        String value = property("quarkus.shutdown.timeout", "0s");
        return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
    }
}
