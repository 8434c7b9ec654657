package io.strategos.api.mapping;

import io.strategos.model.graph.StrategyGraph;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A graph to test, saved or not; validated like the graph of a create. */
@Schema(description = "A graph to run once, nothing recorded", example = """
        {"graph": {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                             {"id": "trade", "type": "orchestrator", "config": {"positionSizePct": 5}}],
                   "edges": [{"source": "markets", "target": "trade"}]},
         "paperBankrollUsd": 10000}""")
public record TestRunBody(
        @NotNull StrategyGraph graph,
        @Schema(description = "The orchestrator's bankroll; default strategos.lab.default-bankroll-usd (10,000)")
        @DecimalMin("100") @DecimalMax("1000000") BigDecimal paperBankrollUsd,
        @Schema(description = "The drawdown kill switch to check, in percent; default none")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal maxDrawdownPct) {
}
