package io.strategos.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A public template: the version of a strategy its owner published. The owner is not disclosed. */
public record TemplateView(UUID id, String name, String description, List<String> tags, int version, JsonNode graph,
                           Instant publishedAt) {
}
