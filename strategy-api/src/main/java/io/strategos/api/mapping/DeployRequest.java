package io.strategos.api.mapping;

import io.strategos.model.schedule.Jitter;
import io.strategos.model.schedule.MisfirePolicy;
import io.strategos.model.schedule.Schedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Schedule and trading settings of a deployment. */
@Schema(description = "How and when a strategy runs", example = """
        {"schedule": {"type": "cron", "expression": "*/5 * * * *", "timezone": "Europe/Berlin"},
         "tradingMode": "paper", "paperBankrollUsd": 10000, "autoStart": true, "misfirePolicy": "skip", "jitterSeconds": 30,
         "maxExecutions": 1000, "autoPauseAfterConsecutiveErrors": 3, "maxDrawdownPct": 25}""")
public record DeployRequest(
        @Schema(description = "When it runs: {\"type\": \"interval\", \"everySeconds\": 60}, {\"type\": \"cron\","
                + " \"expression\": \"0 9 * * MON-FRI\", \"timezone\": \"Europe/Berlin\"} (IANA zone, UTC when absent; the"
                + " cron syntax is that of GET /api/v1/schedules/preview: Vixie's 5 fields with names, ranges, steps, lists,"
                + " L, W, #, and @daily-style macros) or {\"type\": \"once\", \"at\": \"2026-12-01T09:00:00Z\"}")
        @NotNull Schedule schedule,
        @NotNull @Pattern(regexp = "paper|live", message = "must be paper or live") String tradingMode,
        @DecimalMin("100") @DecimalMax("1000000") BigDecimal paperBankrollUsd,
        Boolean autoStart,
        MisfirePolicy misfirePolicy,
        @Schema(description = "Spread: every run starts a fixed 0 to this many seconds after its slot (derived from the"
                + " strategy's id), so strategies sharing a schedule do not all start at once. Default 0.")
        @Min(0) @Max(Jitter.MAX_SECONDS) Integer jitterSeconds,
        @Min(1) @Max(100) Integer autoPauseAfterConsecutiveErrors,
        @Schema(description = "Stop (completed) after this many runs") @Min(1) Long maxExecutions,
        @Schema(description = "Stop (completed) at this instant; must be in the future") Instant expiresAt,
        @Schema(description = "Kill switch: stop when the paper portfolio falls this far below its peak, in percent")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal maxDrawdownPct,
        @Valid TriggerCondition triggerCondition) {
}
