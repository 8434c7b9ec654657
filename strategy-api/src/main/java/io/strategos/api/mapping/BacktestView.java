package io.strategos.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A backtest: its request, how far it got, and once completed its metrics. */
public record BacktestView(
        UUID id,
        UUID strategyId,
        int strategyVersion,
        Instant from,
        Instant to,
        @Schema(description = "The schedule replayed") JsonNode schedule,
        @Schema(description = "paperBankrollUsd, feeBps, slippageBps (null: the executor's), maxDrawdownPct, triggerCondition")
        JsonNode settings,
        @Schema(enumeration = {"queued", "running", "completed", "failed", "cancelled"}) String status,
        @Schema(description = "Share of the range replayed, in percent") BigDecimal progressPct,
        long slotsDone,
        @Schema(description = "Once completed: startingEquity, finalEquity, totalReturnPct, maxDrawdownPct, winRatePct, trades,"
                + " exposurePct, runs, failedRuns, stoppedBy, and the same for buy-and-hold of the outcomes traded (baseline)")
        JsonNode result,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt) {

    /** One slot's run: its outcome and the equity after it (a point of the equity curve). */
    public record Run(Instant slot, String status, String error, int trades, BigDecimal equity) {
    }

    /** One simulated fill. */
    public record Trade(int seq, Instant slot, String marketId, String question, String outcome, String action,
                        BigDecimal quantity, BigDecimal price, BigDecimal feeUsd, BigDecimal cashDelta, BigDecimal realizedPnl,
                        String reason) {
    }
}
