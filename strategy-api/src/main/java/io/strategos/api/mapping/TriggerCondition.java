package io.strategos.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A market condition a scheduled run needs: the run goes ahead only when the market
 * {@code marketId} (or, without one, any market of the strategy's source) satisfies it.
 */
@Schema(description = "Run only when a market condition holds", example = """
        {"field": "volume24h", "operator": "gt", "value": 10000}""")
public record TriggerCondition(
        @Size(max = 200) String marketId,
        @NotNull @Pattern(regexp = "id|question|category|price|volume24h|liquidity|momentum|endDate",
                message = "must be one of id, question, category, price, volume24h, liquidity, momentum, endDate") String field,
        @NotNull @Pattern(regexp = "gt|gte|lt|lte|eq|neq|in|contains|between",
                message = "must be one of gt, gte, lt, lte, eq, neq, in, contains, between") String operator,
        @NotNull JsonNode value) {
}
