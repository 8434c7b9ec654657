package io.strategos.deploy;

import static io.strategos.deploy.Manifests.allContainers;
import static io.strategos.deploy.Manifests.at;
import static io.strategos.deploy.Manifests.describe;
import static io.strategos.deploy.Manifests.list;
import static io.strategos.deploy.Manifests.map;
import static io.strategos.deploy.Manifests.name;
import static io.strategos.deploy.Manifests.named;
import static io.strategos.deploy.Manifests.ofKind;
import static io.strategos.deploy.Manifests.podLabels;
import static io.strategos.deploy.Manifests.podSpec;
import static io.strategos.deploy.Manifests.selects;
import static io.strategos.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What the manifests must agree on with the services themselves, read from the repository: ports,
 * health and metrics paths, configuration properties, migrations, shutdown timing, REST paths, Kafka
 * topics and metric names; and what every workload must have (native image, hardening, resources).
 */
class DeploymentInvariantsTest {

    /**
     * Environment variables the manifests may set although the service's application.properties does not
     * name the property: standard properties of extensions the service has, each with the reason it is set.
     */
    private record Allowed(String envVar, String extension, Set<String> services, String why) {
    }

    private static final List<Allowed> ALLOWED = List.of(
            new Allowed("QUARKUS_INIT_AND_EXIT", "quarkus-core", Set.of("strategy-api", "notifier"),
                    "quarkus.init-and-exit: the migration Job runs the start-up tasks (Flyway) and exits"),
            // quarkus-mailer's properties, for notifier's e-mail notifications (SMTP settings being added).
            new Allowed("QUARKUS_MAILER_HOST", null, Set.of("notifier"), "SMTP server"),
            new Allowed("QUARKUS_MAILER_PORT", null, Set.of("notifier"), "SMTP port"),
            new Allowed("QUARKUS_MAILER_START_TLS", null, Set.of("notifier"), "STARTTLS on the submission port"),
            new Allowed("QUARKUS_MAILER_FROM", null, Set.of("notifier"), "sender address"),
            new Allowed("QUARKUS_MAILER_USERNAME", null, Set.of("notifier"), "SMTP user, from the strategos-smtp Secret"),
            new Allowed("QUARKUS_MAILER_PASSWORD", null, Set.of("notifier"), "SMTP password, from the strategos-smtp Secret"),
            // A secret has no default to write down: application.properties documents it in a comment.
            new Allowed("STRATEGOS_LAB_INTERNAL_TOKEN", null, Set.of("strategy-api", "executor-worker"),
                    "strategos.lab.internal-token, the test-run token both read from the strategos-lab Secret"));

    /** quarkus.log.* (levels, categories, console format) is Quarkus core and may be tuned per overlay. */
    private static final String ALLOWED_LOG_PREFIX = "QUARKUS_LOG_";

    /** The metrics the services publish (or are about to); the dashboard and the alerts use no others. */
    private static final Set<String> STRATEGOS_METRICS = Set.of(
            "strategos_executor_due_backlog",
            "strategos_outbox_backlog",
            "strategos_executor_runs_total",
            "strategos_executor_run_duration_seconds_bucket",
            "strategos_executor_schedule_lag_seconds_bucket",
            "strategos_executor_auto_paused_total",
            "strategos_notifier_events_total",
            "strategos_notifier_event_lag_seconds_bucket");

    private static final String DUE_BACKLOG_QUERY =
            "SELECT count(*) FROM strategy_run_state WHERE next_run_at <= now()";

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void everyServiceRunsTheNativeImage(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        assertThat(ofKind(objects, "Deployment").map(Manifests::name))
                .containsExactlyInAnyOrderElementsOf(ServiceConfig.SERVICES);
        Pattern nativeImage = Pattern.compile("[^:@]+/(" + String.join("|", ServiceConfig.SERVICES) + "):[^:]*native");
        for (Map<String, Object> workload : workloads(objects)) {
            for (Map<String, Object> container : allContainers(podSpec(workload))) {
                assertThat(string(container, "image")).as("image of %s in %s", container.get("name"), describe(workload))
                        .matches(nativeImage);
            }
        }
        for (Map<String, Object> deployment : ofKind(objects, "Deployment").toList()) {
            assertThat(list(podSpec(deployment), "containers")).singleElement()
                    .satisfies(c -> assertThat(service(c)).isEqualTo(name(deployment)));
        }
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void probesAndMetricsUseTheServicesRealEndpoints(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        for (Map<String, Object> deployment : ofKind(objects, "Deployment").toList()) {
            Map<String, Object> container = list(podSpec(deployment), "containers").getFirst();
            ServiceConfig config = ServiceConfig.of(service(container));
            assertThat(config.hasExtension("quarkus-smallrye-health")).as("%s serves health checks", config.name()).isTrue();
            int port = httpPort(config, environment(container, objects));
            Map<String, Integer> ports = containerPorts(container);
            assertThat(ports).as("ports of %s", config.name()).containsEntry("http", port);
            Map<String, String> expected = Map.of("startupProbe", "/started", "livenessProbe", "/live", "readinessProbe", "/ready");
            expected.forEach((probe, suffix) -> {
                assertThat(string(container, probe, "httpGet", "path")).as("%s of %s", probe, config.name())
                        .isEqualTo(config.healthRoot() + suffix);
                assertThat(resolvePort(at(container, probe, "httpGet", "port"), ports)).as("%s port of %s", probe, config.name())
                        .isEqualTo(port);
            });

            Map<String, Object> service = named(objects, "Service", config.name());
            assertThat(selects(Map.of("matchLabels", map(service, "spec", "selector")), podLabels(deployment)))
                    .as("Service %s selects its pods", config.name()).isTrue();
            for (Map<String, Object> servicePort : list(service, "spec", "ports")) {
                assertThat(resolvePort(servicePort.get("targetPort"), ports)).as("targetPort of Service %s", config.name())
                        .isEqualTo(port);
            }
            Map<String, Object> monitor = named(objects, "ServiceMonitor", config.name());
            assertThat(config.hasExtension("quarkus-micrometer-registry-prometheus")).isTrue();
            assertThat(selects(map(monitor, "spec", "selector"), map(service, "metadata", "labels")))
                    .as("ServiceMonitor %s selects its Service", config.name()).isTrue();
            for (Map<String, Object> endpoint : list(monitor, "spec", "endpoints")) {
                assertThat(string(endpoint, "path")).isEqualTo(config.metricsPath());
                assertThat(list(service, "spec", "ports")).extracting(p -> p.get("name")).contains(endpoint.get("port"));
            }
        }
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void everyEnvironmentVariableMapsToARealConfigProperty(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        List<String> unmapped = new ArrayList<>();
        for (Map<String, Object> workload : workloads(objects)) {
            for (Map<String, Object> container : allContainers(podSpec(workload))) {
                ServiceConfig config = ServiceConfig.of(service(container));
                for (String variable : environment(container, objects).keySet()) {
                    if (!config.hasEnvProperty(variable) && !allowed(config, variable)) {
                        unmapped.add(describe(workload) + " " + container.get("name") + ": " + variable);
                    }
                }
            }
        }
        assertThat(unmapped).as("environment variables that map to no property of their service "
                + "(add the property to application.properties, or justify it in ALLOWED)").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void everySecretReferenceIsDeclared(String overlay) throws Exception {
        Map<String, Set<String>> declared = declaredSecrets();
        for (Map.Entry<String, Set<String>> reference : secretReferences(Manifests.render(overlay)).entrySet()) {
            assertThat(declared).as("Secrets table in deploy/README.md").containsKey(reference.getKey());
            assertThat(declared.get(reference.getKey())).as("keys of Secret %s in deploy/README.md", reference.getKey())
                    .containsAll(reference.getValue());
        }
    }

    @Test
    void everyDeclaredSecretIsUsed() throws Exception {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        for (String overlay : Manifests.OVERLAYS) {
            secretReferences(Manifests.render(overlay)).forEach((name, keys) -> used.computeIfAbsent(name, n -> new TreeSet<>()).addAll(keys));
        }
        assertThat(used).as("Secrets referenced by some overlay").isEqualTo(declaredSecrets());
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void everyPodIsHardenedAndSized(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        for (Map<String, Object> workload : workloads(objects)) {
            Map<String, Object> pod = podSpec(workload);
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as("runAsNonRoot of %s", describe(workload)).isEqualTo(true);
            assertThat(at(pod, "automountServiceAccountToken")).as("token of %s", describe(workload)).isEqualTo(false);
            for (Map<String, Object> container : allContainers(pod)) {
                String what = describe(workload) + " " + container.get("name");
                assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).as("read-only root of %s", what).isEqualTo(true);
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as("escalation of %s", what).isEqualTo(false);
                assertThat(at(container, "securityContext", "capabilities", "drop")).as("capabilities of %s", what).isEqualTo(List.of("ALL"));
                for (String bound : List.of("requests", "limits")) {
                    assertThat(map(container, "resources", bound)).as("resources.%s of %s", bound, what).containsKeys("cpu", "memory");
                }
            }
        }
        for (Map<String, Object> deployment : ofKind(objects, "Deployment").toList()) {
            List<Map<String, Object>> antiAffinity = list(podSpec(deployment), "affinity", "podAntiAffinity",
                    "preferredDuringSchedulingIgnoredDuringExecution");
            assertThat(antiAffinity).as("anti-affinity of %s", describe(deployment)).anySatisfy(term -> {
                assertThat(string(term, "podAffinityTerm", "topologyKey")).isEqualTo("kubernetes.io/hostname");
                assertThat(selects(map(term, "podAffinityTerm", "labelSelector"), podLabels(deployment))).isTrue();
            });
            assertThat(at(deployment, "spec", "replicas")).as("%s leaves its replica count to its autoscaler", describe(deployment)).isNull();
        }
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void migrationsRunInTheJobAndNeverInReplicas(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        Set<String> needed = new TreeSet<>();
        for (Map<String, Object> deployment : ofKind(objects, "Deployment").toList()) {
            Map<String, Object> container = list(podSpec(deployment), "containers").getFirst();
            ServiceConfig config = ServiceConfig.of(service(container));
            Map<String, String> env = environment(container, objects);
            if (!config.flywayLocations().isEmpty()) {
                needed.addAll(config.flywayLocations());
                assertThat(env).as("Flyway settings of %s", describe(deployment))
                        .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
            }
        }
        Map<String, Object> job = named(objects, "Job", "strategos-migrate");
        assertThat(string(job, "spec", "template", "spec", "restartPolicy")).isEqualTo("Never");
        Set<String> migrated = new TreeSet<>();
        for (Map<String, Object> container : allContainers(podSpec(job))) {
            ServiceConfig config = ServiceConfig.of(service(container));
            Map<String, String> env = environment(container, objects);
            assertThat(env).as("%s of the migration Job", container.get("name")).containsEntry("QUARKUS_INIT_AND_EXIT", "true");
            assertThat(env.getOrDefault("QUARKUS_FLYWAY_MIGRATE_AT_START", config.property("quarkus.flyway.migrate-at-start", "false")))
                    .isEqualTo("true");
            migrated.addAll(config.flywayLocations());
        }
        assertThat(migrated).as("migration locations the Job runs").isEqualTo(needed);
        assertThat(ofKind(objects, "Job").count()).isOne();
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void executorTerminationCoversItsGracefulShutdown(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        Map<String, Object> executor = named(objects, "Deployment", "executor-worker");
        Map<String, String> env = environment(list(podSpec(executor), "containers").getFirst(), objects);
        ServiceConfig config = ServiceConfig.of("executor-worker");
        Duration shutdown = config.shutdownTimeout();
        Duration runTimeout = duration(env, config, "strategos.executor.run-timeout");
        Duration lease = duration(env, config, "strategos.executor.lease");
        Duration heartbeat = duration(env, config, "strategos.executor.heartbeat-interval");
        long grace = ((Number) at(podSpec(executor), "terminationGracePeriodSeconds")).longValue();
        // A live worker renews its leases, so a run may outlast one; a beat or two may be late without
        // the lease lapsing. Shutdown waits for the runs held, bounded by run-timeout, and Kubernetes
        // waits for shutdown before it kills the pod.
        assertThat(heartbeat.multipliedBy(2)).as("two heartbeats within a lease").isLessThan(lease);
        assertThat(shutdown).as("executor-worker's quarkus.shutdown.timeout covers a run").isGreaterThan(runTimeout);
        assertThat(grace).as("terminationGracePeriodSeconds of executor-worker").isGreaterThan(shutdown.toSeconds());
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void ingressRoutesEveryServedPathToItsService(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        List<Map<String, Object>> paths = ofKind(objects, "Ingress")
                .flatMap(i -> list(i, "spec", "rules").stream())
                .flatMap(r -> list(r, "http", "paths").stream()).toList();
        Map<String, String> routes = new LinkedHashMap<>();
        for (Map<String, Object> path : paths) {
            assertThat(string(path, "pathType")).isEqualTo("Prefix");
            String backend = string(path, "backend", "service", "name");
            Map<String, Object> service = named(objects, "Service", backend);
            assertThat(list(service, "spec", "ports")).extracting(p -> p.get("name"))
                    .contains(at(path, "backend", "service", "port", "name"));
            routes.put(string(path, "path"), backend);
        }
        assertThat(routes).containsEntry("/api/v1/notifications", "notifier")
                .containsEntry("/api/v1/notification-settings", "notifier")
                .containsEntry("/api/v1", "strategy-api");
        for (String service : List.of("strategy-api", "notifier")) {
            for (String served : ServiceConfig.of(service).restPaths()) {
                assertThat(route(routes, served)).as("the Ingress backend for %s, served by %s", served, service).isEqualTo(service);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void networkPoliciesLetEachServiceReachOnlyWhatItNeeds(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        List<Map<String, Object>> policies = ofKind(objects, "NetworkPolicy").toList();
        for (Map<String, Object> workload : workloads(objects)) {
            Map<String, Object> labels = podLabels(workload);
            List<Map<String, Object>> applying = policies.stream()
                    .filter(p -> selects(map(p, "spec", "podSelector"), labels)).toList();
            Set<Object> types = applying.stream().flatMap(p -> ((List<?>) at(p, "spec", "policyTypes")).stream()).collect(Collectors.toSet());
            assertThat(types).as("policy types isolating %s", describe(workload)).contains("Ingress", "Egress");

            Map<String, String> env = new LinkedHashMap<>();
            allContainers(podSpec(workload)).forEach(c -> env.putAll(environment(c, objects)));
            assertThat(egressPorts(applying)).as("egress ports of %s", describe(workload))
                    .isEqualTo(expectedEgress(env));
        }
        for (String exposed : List.of("strategy-api", "notifier")) {
            Map<String, Object> labels = podLabels(named(objects, "Deployment", exposed));
            assertThat(policies).as("ingress-controller access to %s", exposed).anySatisfy(p -> {
                assertThat(selects(map(p, "spec", "podSelector"), labels)).isTrue();
                assertThat(list(p, "spec", "ingress")).isNotEmpty();
            });
        }
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void autoscalersTargetTheRightWorkloads(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        assertThat(ofKind(objects, "HorizontalPodAutoscaler").map(h -> string(h, "spec", "scaleTargetRef", "name")))
                .containsExactlyInAnyOrder("strategy-api", "notifier");
        Map<String, Object> scaledObject = named(objects, "ScaledObject", "executor-worker");
        assertThat(string(scaledObject, "spec", "scaleTargetRef", "name")).isEqualTo("executor-worker");
        Map<String, Object> trigger = list(scaledObject, "spec", "triggers").getFirst();
        assertThat(string(trigger, "type")).isEqualTo("postgresql");
        assertThat(string(trigger, "metadata", "query")).isEqualTo(DUE_BACKLOG_QUERY);
        named(objects, "TriggerAuthentication", string(trigger, "authenticationRef", "name"));

        // Consumers beyond the partition count would sit idle (12 for external Kafka, as deploy/README.md asks).
        int partitions = ofKind(objects, "KafkaTopic").filter(t -> "strategy-events".equals(string(t, "spec", "topicName")))
                .map(t -> ((Number) at(t, "spec", "partitions")).intValue()).findFirst().orElse(12);
        assertThat(((Number) at(named(objects, "HorizontalPodAutoscaler", "notifier"), "spec", "maxReplicas")).intValue())
                .isLessThanOrEqualTo(partitions);
        for (Map<String, Object> budget : ofKind(objects, "PodDisruptionBudget").toList()) {
            assertThat(at(budget, "spec", "maxUnavailable")).as("%s allows draining a single replica", describe(budget)).isEqualTo(1);
        }
    }

    @Test
    void devRunsOneReplicaOfEachService() throws Exception {
        List<Map<String, Object>> objects = Manifests.render("dev");
        ofKind(objects, "HorizontalPodAutoscaler").forEach(h -> {
            assertThat(at(h, "spec", "minReplicas")).as("%s", describe(h)).isEqualTo(1);
            assertThat(at(h, "spec", "maxReplicas")).as("%s", describe(h)).isEqualTo(1);
        });
        Map<String, Object> scaledObject = named(objects, "ScaledObject", "executor-worker");
        assertThat(at(scaledObject, "spec", "minReplicaCount")).isEqualTo(1);
        assertThat(at(scaledObject, "spec", "maxReplicaCount")).isEqualTo(1);
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void kafkaTopicsAreTheOnesTheServicesUse(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        ServiceConfig notifier = ServiceConfig.of("notifier");
        Set<String> topics = ofKind(objects, "KafkaTopic").map(t -> string(t, "spec", "topicName")).collect(Collectors.toSet());
        if (ofKind(objects, "Kafka").findAny().isEmpty()) {
            assertThat(topics).as("topics of an overlay on an external Kafka").isEmpty();
            return;
        }
        assertThat(topics).containsExactlyInAnyOrder(
                notifier.property("mp.messaging.incoming.strategy-events.topic", null),
                notifier.property("mp.messaging.outgoing.strategy-events-dlq.topic", null));
        Set<String> clusters = ofKind(objects, "Kafka").map(Manifests::name).collect(Collectors.toSet());
        Stream.concat(ofKind(objects, "KafkaTopic"), ofKind(objects, "KafkaNodePool")).forEach(o ->
                assertThat(clusters).as("cluster of %s", describe(o)).contains(string(o, "metadata", "labels", "strimzi.io/cluster")));
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void dashboardAndAlertsUseTheServicesMetrics(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        String dashboard = string(named(objects, "ConfigMap", "strategos-grafana-dashboard"), "data", "strategos-dashboard.json");
        assertThat(JsonParser.parseString(dashboard).getAsJsonObject().getAsJsonArray("panels")).isNotEmpty();
        StringBuilder expressions = new StringBuilder(dashboard);
        ofKind(objects, "PrometheusRule").flatMap(r -> list(r, "spec", "groups").stream())
                .flatMap(g -> list(g, "rules").stream()).forEach(rule -> expressions.append('\n').append(rule.get("expr")));
        Matcher metric = Pattern.compile("strategos_[a-z_]+").matcher(expressions);
        Set<String> used = new TreeSet<>();
        while (metric.find()) {
            used.add(metric.group());
        }
        assertThat(STRATEGOS_METRICS).as("metrics the dashboard and alerts use").containsAll(used);
        assertThat(used).containsAll(STRATEGOS_METRICS);
    }

    // --- helpers

    private static List<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
        return Stream.concat(ofKind(objects, "Deployment"), ofKind(objects, "Job")).toList();
    }

    /** The service whose image a container runs: the image's last path segment, without tag. */
    private static String service(Map<String, Object> container) {
        String image = string(container, "image");
        String repository = image.substring(image.lastIndexOf('/') + 1).split("[:@]")[0];
        assertThat(ServiceConfig.SERVICES).as("service of image %s", image).contains(repository);
        return repository;
    }

    /** A container's environment: envFrom ConfigMaps (which must exist) and env, value or null when from a Secret. */
    private static Map<String, String> environment(Map<String, Object> container, List<Map<String, Object>> objects) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> source : list(container, "envFrom")) {
            assertThat(source).as("envFrom of %s: only ConfigMaps, so every variable name is visible here", container.get("name"))
                    .containsOnlyKeys("configMapRef");
            map(named(objects, "ConfigMap", string(source, "configMapRef", "name")), "data")
                    .forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        for (Map<String, Object> variable : list(container, "env")) {
            String configMap = string(variable, "valueFrom", "configMapKeyRef", "name");
            if (configMap != null) {
                assertThat(map(named(objects, "ConfigMap", configMap), "data")).containsKey(string(variable, "valueFrom", "configMapKeyRef", "key"));
            }
            env.put(string(variable, "name"), string(variable, "value"));
        }
        return env;
    }

    /** A duration property as the container gets it: its environment variable if set, else application.properties. */
    private static Duration duration(Map<String, String> env, ServiceConfig config, String property) {
        String value = env.getOrDefault(ServiceConfig.envName(property), config.property(property, null));
        assertThat(value).as(property).isNotNull();
        return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
    }

    private static boolean allowed(ServiceConfig config, String variable) {
        if (variable.startsWith(ALLOWED_LOG_PREFIX)) {
            return true;
        }
        return ALLOWED.stream().anyMatch(a -> a.envVar().equals(variable) && a.services().contains(config.name())
                && (a.extension() == null || a.extension().equals("quarkus-core") || config.hasExtension(a.extension())));
    }

    private static int httpPort(ServiceConfig config, Map<String, String> env) {
        String override = env.get("QUARKUS_HTTP_PORT");
        return override != null ? Integer.parseInt(override) : config.httpPort();
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        list(container, "ports").forEach(p -> ports.put(string(p, "name"), ((Number) p.get("containerPort")).intValue()));
        return ports;
    }

    private static Integer resolvePort(Object port, Map<String, Integer> ports) {
        return port instanceof Number n ? Integer.valueOf(n.intValue()) : ports.get(String.valueOf(port));
    }

    /** The longest Prefix path matching whole segments, as the Ingress spec defines it. */
    private static String route(Map<String, String> routes, String path) {
        return routes.entrySet().stream()
                .filter(r -> path.equals(r.getKey()) || path.startsWith(r.getKey() + "/"))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue).orElse(null);
    }

    /** Egress ports the policies allow beyond DNS. */
    private static Set<String> egressPorts(List<Map<String, Object>> policies) {
        Set<String> allowed = new TreeSet<>();
        for (Map<String, Object> policy : policies) {
            for (Map<String, Object> rule : list(policy, "spec", "egress")) {
                for (Map<String, Object> port : list(rule, "ports")) {
                    if (!Integer.valueOf(53).equals(port.get("port"))) {
                        allowed.add(String.valueOf(port.get("port")));
                    }
                }
            }
        }
        return allowed;
    }

    /** What a pod's configuration says it talks to: PostgreSQL if it has a datasource, Kafka if it has brokers. */
    private static Set<String> expectedEgress(Map<String, String> env) {
        Set<String> expected = new TreeSet<>();
        if (env.containsKey("QUARKUS_DATASOURCE_REACTIVE_URL") || env.containsKey("QUARKUS_DATASOURCE_JDBC_URL")) {
            expected.add("5432");
        }
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            expected.add("9092");
        }
        if (env.containsKey("STRATEGOS_LAB_EXECUTOR_URL")) {
            expected.add("8082");
        }
        return expected;
    }

    /** Every Secret the overlay references, with the keys it reads. */
    private static Map<String, Set<String>> secretReferences(List<Map<String, Object>> objects) {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        BiConsumer<String, String> add = (name, key) -> references.computeIfAbsent(name, n -> new TreeSet<>()).add(key);
        for (Map<String, Object> workload : workloads(objects)) {
            for (Map<String, Object> container : allContainers(podSpec(workload))) {
                for (Map<String, Object> variable : list(container, "env")) {
                    Map<String, Object> ref = map(variable, "valueFrom", "secretKeyRef");
                    if (!ref.isEmpty()) {
                        add.accept(string(ref, "name"), string(ref, "key"));
                    }
                }
            }
            for (Map<String, Object> volume : list(podSpec(workload), "volumes")) {
                Map<String, Object> secret = map(volume, "secret");
                if (!secret.isEmpty()) {
                    assertThat(list(secret, "items")).as("volume %s names the keys it mounts", volume.get("name")).isNotEmpty();
                    list(secret, "items").forEach(i -> add.accept(string(secret, "secretName"), string(i, "key")));
                }
            }
        }
        ofKind(objects, "Ingress").flatMap(i -> list(i, "spec", "tls").stream()).forEach(tls -> {
            add.accept(string(tls, "secretName"), "tls.crt");
            add.accept(string(tls, "secretName"), "tls.key");
        });
        ofKind(objects, "TriggerAuthentication").flatMap(t -> list(t, "spec", "secretTargetRef").stream())
                .forEach(ref -> add.accept(string(ref, "name"), string(ref, "key")));
        // CloudNativePG reads a managed role's password from a basic-auth Secret: both its keys.
        ofKind(objects, "Cluster").flatMap(c -> list(c, "spec", "managed", "roles").stream())
                .map(role -> map(role, "passwordSecret")).filter(secret -> !secret.isEmpty())
                .forEach(secret -> {
                    add.accept(string(secret, "name"), "username");
                    add.accept(string(secret, "name"), "password");
                });
        return references;
    }

    /** The Secrets table of deploy/README.md: | `name` | `key`, `key` | ... */
    private static Map<String, Set<String>> declaredSecrets() throws IOException {
        String readme = Files.readString(Manifests.repositoryRoot().resolve("deploy/README.md"));
        int start = readme.indexOf("\n## Secrets");
        assertThat(start).as("a '## Secrets' section in deploy/README.md").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = line.split("\\|");
            Matcher name = code.matcher(cells[1]);
            assertThat(name.find()).isTrue();
            Set<String> keys = new LinkedHashSet<>();
            code.matcher(cells[2]).results().forEach(m -> keys.add(m.group(1)));
            declared.put(name.group(1), new TreeSet<>(keys));
        }
        return declared;
    }
}
