package io.strategos.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** An entry of the node catalog: what the builder may place, and the JSON Schema its config must satisfy. */
public record NodeTypeView(String type, String description, boolean source, JsonNode configSchema) {
}
