package io.strategos.api.mapping;

import io.strategos.model.graph.StrategyGraph;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a strategy create or replace. */
@Schema(description = "A strategy definition", example = """
        {"name": "Liquid politics markets", "description": "Markets with real volume", "tags": ["politics"],
         "graph": {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"categories": ["politics"]}},
                             {"id": "liquid", "type": "filter", "config": {"conditions": [{"field": "volume24h", "operator": "gt", "value": 5000}]}}],
                   "edges": [{"source": "markets", "target": "liquid"}]}}""")
public record StrategyRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 10_000) String description,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 200) String folder,
        @NotNull StrategyGraph graph) {
}
