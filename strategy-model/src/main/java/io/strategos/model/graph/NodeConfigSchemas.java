package io.strategos.model.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.strategos.model.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of each node type's {@code config}, read from the resources
 * {@code io/strategos/model/graph/schemas/<type>.schema.json}, so that the API, the builder (through
 * the node catalog) and the executor all check configs against the same document.
 */
public final class NodeConfigSchemas {

    private static final String LOCATION = "io/strategos/model/graph/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .build();
    private static final Map<NodeType, JsonNode> DOCUMENTS = new EnumMap<>(NodeType.class);
    private static final Map<NodeType, JsonSchema> SCHEMAS = new EnumMap<>(NodeType.class);

    static {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (NodeType type : NodeType.values()) {
            JsonNode document = read(type);
            DOCUMENTS.put(type, document);
            SCHEMAS.put(type, factory.getSchema(document, CONFIG));
        }
    }

    private NodeConfigSchemas() {
    }

    /** The schema document of a type's config, as served by the node catalog. */
    public static JsonNode schemaOf(NodeType type) {
        return DOCUMENTS.get(type).deepCopy();
    }

    /**
     * @param config  the node's config; null means an empty object
     * @param pointer JSON pointer of the config inside the request body
     * @return every way the config violates its type's schema, each located under {@code pointer}
     */
    public static List<FieldError> validate(NodeType type, JsonNode config, String pointer) {
        JsonNode instance = config == null ? JSON.createObjectNode() : config;
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage message : SCHEMAS.get(type).validate(instance)) {
            String location = message.getInstanceLocation().toString();
            String property = message.getProperty();
            // A missing required property is reported at its parent; point at the property itself.
            if ("required".equals(message.getType()) && property != null) {
                location = location + "/" + property;
            }
            String error = message.getError() != null ? message.getError() : message.getMessage();
            errors.add(new FieldError(pointer + location, error));
        }
        errors.sort(Comparator.comparing(FieldError::pointer));
        return errors;
    }

    private static JsonNode read(NodeType type) {
        String name = LOCATION + type.wireName() + ".schema.json";
        try (InputStream in = NodeConfigSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing config schema resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
