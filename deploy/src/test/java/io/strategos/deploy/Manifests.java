package io.strategos.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deploy/k8s overlays, each rendered once by kubectl kustomize, as plain maps and lists. */
final class Manifests {

    /** Every overlay under deploy/k8s/overlays; each is rendered and checked. */
    static final List<String> OVERLAYS = List.of("dev", "prod", "prod-external");

    private static final Map<String, List<Map<String, Object>>> RENDERED = new LinkedHashMap<>();

    private Manifests() {
    }

    static Path repositoryRoot() {
        return Path.of(Objects.requireNonNull(System.getProperty("strategos.repository.root"),
                "strategos.repository.root is not set; run the tests through Maven")).toAbsolutePath().normalize();
    }

    static synchronized List<Map<String, Object>> render(String overlay) throws IOException, InterruptedException {
        List<Map<String, Object>> objects = RENDERED.get(overlay);
        if (objects == null) {
            String yaml = Kubectl.kustomize(repositoryRoot().resolve("deploy/k8s/overlays").resolve(overlay));
            objects = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
                if (document != null) {
                    objects.add(map(document));
                }
            }
            objects = List.copyOf(objects);
            RENDERED.put(overlay, objects);
        }
        return objects;
    }

    static Stream<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")));
    }

    static Map<String, Object> named(List<Map<String, Object>> objects, String kind, String name) {
        return ofKind(objects, kind).filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    static String name(Map<String, Object> object) {
        return string(object, "metadata", "name");
    }

    static String describe(Map<String, Object> object) {
        return object.get("kind") + "/" + name(object);
    }

    /** The value at a path of map keys, or null where the path ends early. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : value.toString();
    }

    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new AssertionError(String.join(".", path) + " is not an object: " + value);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) m;
        return typed;
    }

    static List<Map<String, Object>> list(Object node, String... path) {
        Object value = at(node, path);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new AssertionError(String.join(".", path) + " is not a list: " + value);
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : l) {
            maps.add(map(item));
        }
        return maps;
    }

    /** The pod template of a Deployment or Job. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(workload, "spec", "template", "spec");
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(workload, "spec", "template", "metadata", "labels");
    }

    /** Containers and init containers of a pod spec. */
    static List<Map<String, Object>> allContainers(Map<String, Object> podSpec) {
        List<Map<String, Object>> all = new ArrayList<>(list(podSpec, "initContainers"));
        all.addAll(list(podSpec, "containers"));
        return all;
    }

    /** Whether a label selector (matchLabels and matchExpressions with In, NotIn, Exists) selects these labels. */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        for (Map.Entry<String, Object> e : map(selector, "matchLabels").entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey())))) {
                return false;
            }
        }
        for (Map<String, Object> expression : list(selector, "matchExpressions")) {
            Object value = labels.get(string(expression, "key"));
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) at(expression, "values");
            boolean ok = switch (string(expression, "operator")) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object document) {
        if (!(document instanceof Map<?, ?>)) {
            throw new AssertionError("kubectl kustomize produced a document that is not an object: " + document);
        }
        return (Map<String, Object>) document;
    }
}
