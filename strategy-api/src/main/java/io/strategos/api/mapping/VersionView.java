package io.strategos.api.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One saved version; {@code graph} is left out of version lists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(int version, String name, String description, JsonNode graph, Instant createdAt) {
}
