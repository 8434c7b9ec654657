package io.strategos.api.mapping;

import io.strategos.model.schedule.Schedule;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A backtest to run: the strategy's slots in [from, to), replayed against the market data of each slot. */
@Schema(description = "A backtest of a saved strategy", example = """
        {"from": "2026-11-01T00:00:00Z", "to": "2026-11-08T00:00:00Z",
         "schedule": {"type": "cron", "expression": "*/15 * * * *"}, "paperBankrollUsd": 10000, "feeBps": 20, "slippageBps": 10}""")
public record BacktestRequest(
        @Schema(description = "First instant replayed") @NotNull Instant from,
        @Schema(description = "End of the range, exclusive; not in the future") @NotNull Instant to,
        @Schema(description = "The strategy's version to replay; default the current one") @Min(1) Integer version,
        @Schema(description = "The schedule to replay, as in a deployment; default the deployment's") Schedule schedule,
        @Schema(description = "Default the deployment's bankroll, else strategos.lab.default-bankroll-usd")
        @DecimalMin("100") @DecimalMax("1000000") BigDecimal paperBankrollUsd,
        @Schema(description = "Fee per fill, basis points of its notional; default executor-worker's strategos.paper.fee-bps")
        @Min(0) @Max(1000) Integer feeBps,
        @Schema(description = "Price moved against each fill, basis points; default executor-worker's strategos.paper.slippage-bps")
        @Min(0) @Max(1000) Integer slippageBps,
        @Schema(description = "Drawdown kill switch in percent; default the deployment's")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal maxDrawdownPct) {
}
