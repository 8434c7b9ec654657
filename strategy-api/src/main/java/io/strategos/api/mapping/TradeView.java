package io.strategos.api.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record TradeView(UUID id, UUID executionId, String marketId, String outcome, String action, BigDecimal quantity,
                        BigDecimal price, BigDecimal feeUsd, BigDecimal realizedPnl, String reason, Instant executedAt) {
}
