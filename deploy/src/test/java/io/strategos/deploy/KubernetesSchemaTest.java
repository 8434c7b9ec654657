package io.strategos.deploy;

import static io.strategos.deploy.Manifests.at;
import static io.strategos.deploy.Manifests.describe;
import static io.strategos.deploy.Manifests.list;
import static io.strategos.deploy.Manifests.map;
import static io.strategos.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every object each overlay renders is a valid Kubernetes object. Built-in kinds are checked strictly
 * against the API schema through client-java-api's generated models, whose validateJsonElement rejects
 * unknown fields, missing required fields and wrong types, at every depth. The operators' custom
 * resources have no models there, so they are checked structurally: the API version the operator
 * serves, no fields outside apiVersion/kind/metadata/spec, valid metadata, and the spec fields each
 * needs (the rules are in {@link #customResourceProblems}).
 */
class KubernetesSchemaTest {

    /** API groups whose kinds client-java-api models (the group's models are named V1..., V2...). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy", "networking.k8s.io");

    private static final Gson GSON = JSON.getGson();

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void everyObjectIsValidAgainstItsSchema(String overlay) throws Exception {
        List<Map<String, Object>> objects = Manifests.render(overlay);
        assertThat(objects).as("objects rendered by %s", overlay).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            String apiVersion = string(object, "apiVersion");
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            try {
                if (BUILT_IN_GROUPS.contains(group)) {
                    validateBuiltIn(object);
                } else {
                    problems.addAll(customResourceProblems(object));
                }
            } catch (IllegalArgumentException | IOException e) {
                problems.add(describe(object) + ": " + e.getMessage());
            }
        }
        assertThat(problems).as("schema problems in overlay %s", overlay).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("io.strategos.deploy.Manifests#OVERLAYS")
    void noSecretIsCommitted(String overlay) throws Exception {
        assertThat(Manifests.ofKind(Manifests.render(overlay), "Secret").map(Manifests::describe))
                .as("Secrets are created by their owners (deploy/README.md), never rendered from this repository")
                .isEmpty();
    }

    /** The validator is only worth something if it rejects what the API server would. */
    @Test
    void validatorRejectsUnknownFieldsAndWrongTypes() {
        // A misspelt field deep in a pod template, where a typo would otherwise silently drop a probe.
        Map<String, Object> container = Map.of("name", "x", "image", "x",
                "readinessProbe", Map.of("httpGet", Map.of("paht", "/q/health/ready", "port", "http")));
        Map<String, Object> unknownField = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"),
                "spec", Map.of("selector", Map.of(), "template", Map.of("spec", Map.of("containers", List.of(container)))));
        assertThatThrownBy(() -> validateBuiltIn(unknownField)).hasMessageContaining("paht");

        Map<String, Object> wrongType = Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("name", "x"), "spec", Map.of("ports", Map.of("port", 80)));
        assertThatThrownBy(() -> validateBuiltIn(wrongType)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void validateBuiltIn(Map<String, Object> object) throws IOException {
        String apiVersion = string(object, "apiVersion");
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
                + version.substring(1) + object.get("kind");
        Class<?> type;
        try {
            type = Class.forName(model);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no Kubernetes model " + model + " for " + apiVersion + " " + object.get("kind"));
        }
        JsonElement json = GSON.toJsonTree(object);
        try {
            type.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException cause) {
                throw cause;
            }
            throw new IllegalArgumentException(String.valueOf(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no validateJsonElement", e);
        }
        // And through the models' own type adapters (quantities, int-or-string, numbers).
        try {
            GSON.fromJson(json, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** What each custom resource needs, per operator. Empty when the object is fine. */
    private static List<String> customResourceProblems(Map<String, Object> object) throws IOException {
        List<String> problems = new ArrayList<>();
        String id = describe(object);
        String apiVersion = string(object, "apiVersion");
        String kind = string(object, "kind");
        Set<String> topLevel = object.keySet();
        if (!Set.of("apiVersion", "kind", "metadata", "spec").containsAll(topLevel)) {
            problems.add(id + ": unexpected top-level fields " + topLevel);
        }
        try {
            V1ObjectMeta.validateJsonElement(GSON.toJsonTree(object.get("metadata")));
        } catch (IllegalArgumentException e) {
            problems.add(id + ": metadata: " + e.getMessage());
        }
        Map<String, Object> spec = map(object, "spec");
        switch (apiVersion + " " + kind) {
            case "postgresql.cnpg.io/v1 Cluster" -> {
                require(problems, id, spec, Integer.class, "instances");
                require(problems, id, spec, String.class, "storage", "size");
                require(problems, id, spec, String.class, "bootstrap", "initdb", "database");
                require(problems, id, spec, String.class, "bootstrap", "initdb", "owner");
            }
            case "kafka.strimzi.io/v1beta2 Kafka" -> {
                if (list(spec, "kafka", "listeners").isEmpty()) {
                    problems.add(id + ": spec.kafka.listeners is empty");
                }
                for (Map<String, Object> listener : list(spec, "kafka", "listeners")) {
                    for (String field : List.of("name", "port", "type", "tls")) {
                        if (listener.get(field) == null) {
                            problems.add(id + ": listener without " + field + ": " + listener);
                        }
                    }
                }
                if (at(spec, "entityOperator", "topicOperator") == null) {
                    problems.add(id + ": no Topic Operator, so its KafkaTopics would never be created");
                }
                if (!"enabled".equals(string(object, "metadata", "annotations", "strimzi.io/node-pools"))
                        || !"enabled".equals(string(object, "metadata", "annotations", "strimzi.io/kraft"))) {
                    problems.add(id + ": needs the strimzi.io/node-pools and strimzi.io/kraft annotations set to enabled");
                }
            }
            case "kafka.strimzi.io/v1beta2 KafkaNodePool" -> {
                require(problems, id, spec, Integer.class, "replicas");
                require(problems, id, spec, List.class, "roles");
                require(problems, id, spec, String.class, "storage", "type");
                requireLabel(problems, id, object, "strimzi.io/cluster");
            }
            case "kafka.strimzi.io/v1beta2 KafkaTopic" -> {
                require(problems, id, spec, Integer.class, "partitions");
                require(problems, id, spec, Integer.class, "replicas");
                require(problems, id, spec, String.class, "config", "retention.ms");
                requireLabel(problems, id, object, "strimzi.io/cluster");
            }
            case "keda.sh/v1alpha1 ScaledObject" -> {
                require(problems, id, spec, String.class, "scaleTargetRef", "name");
                if (list(spec, "triggers").isEmpty()) {
                    problems.add(id + ": no triggers");
                }
                for (Map<String, Object> trigger : list(spec, "triggers")) {
                    if (string(trigger, "type") == null || map(trigger, "metadata").isEmpty()) {
                        problems.add(id + ": trigger without type or metadata: " + trigger);
                    }
                }
            }
            case "keda.sh/v1alpha1 TriggerAuthentication" -> {
                for (Map<String, Object> ref : list(spec, "secretTargetRef")) {
                    for (String field : List.of("parameter", "name", "key")) {
                        if (string(ref, field) == null) {
                            problems.add(id + ": secretTargetRef without " + field);
                        }
                    }
                }
            }
            case "monitoring.coreos.com/v1 ServiceMonitor" -> {
                require(problems, id, spec, Map.class, "selector");
                if (list(spec, "endpoints").isEmpty()) {
                    problems.add(id + ": no endpoints");
                }
            }
            case "monitoring.coreos.com/v1 PrometheusRule" -> {
                for (Map<String, Object> group : list(spec, "groups")) {
                    require(problems, id, group, String.class, "name");
                    for (Map<String, Object> rule : list(group, "rules")) {
                        if (string(rule, "alert") == null || string(rule, "expr") == null
                                || string(rule, "labels", "severity") == null || string(rule, "annotations", "summary") == null) {
                            problems.add(id + ": rule needs alert, expr, labels.severity and annotations.summary: " + rule);
                        }
                    }
                }
            }
            default -> problems.add(id + ": " + apiVersion + " " + kind + " is neither a built-in kind nor a custom resource this test knows");
        }
        return problems;
    }

    private static void require(List<String> problems, String id, Map<String, Object> node, Class<?> type, String... path) {
        Object value = at(node, path);
        if (!type.isInstance(value)) {
            problems.add(id + ": " + String.join(".", path) + " must be a " + type.getSimpleName() + ", is " + value);
        }
    }

    private static void requireLabel(List<String> problems, String id, Map<String, Object> object, String label) {
        if (string(object, "metadata", "labels", label) == null) {
            problems.add(id + ": needs the label " + label);
        }
    }
}
