package io.strategos.api.repository;

import io.strategos.api.domain.Strategy;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** Reads strategies selected with plain SQL into the entity class, so one mapper serves both paths. */
final class StrategyRows {

    /** Every column the entity maps, as the {@code strategy_rows} view (V25 migration) has them. */
    static final String COLUMNS = """
            id, owner_id, name, description, tags, folder, favorite, version, graph, status, schedule, misfire_policy,
            jitter_seconds, trading_mode, paper_bankroll_usd, auto_pause_after_errors, max_executions, expires_at,
            max_drawdown_pct, trigger_condition, published_version, published_at, deployed_at, next_run_at,
            total_executions, successful_executions, failed_executions, consecutive_errors, avg_duration_ms,
            last_executed_at, created_at, updated_at""";

    private StrategyRows() {
    }

    static Strategy read(Row row) {
        Strategy s = new Strategy();
        s.id = row.getUUID("id");
        s.ownerId = row.getString("owner_id");
        s.name = row.getString("name");
        s.description = row.getString("description");
        s.tags = Arrays.asList(row.getArrayOfStrings("tags"));
        s.folder = row.getString("folder");
        s.favorite = row.getBoolean("favorite");
        s.version = row.getInteger("version");
        s.graph = row.getString("graph");
        s.status = row.getString("status");
        s.schedule = row.getString("schedule");
        s.misfirePolicy = row.getString("misfire_policy");
        s.jitterSeconds = row.getInteger("jitter_seconds");
        s.tradingMode = row.getString("trading_mode");
        s.paperBankrollUsd = row.getBigDecimal("paper_bankroll_usd");
        s.autoPauseAfterErrors = row.getInteger("auto_pause_after_errors");
        s.maxExecutions = row.getLong("max_executions");
        s.expiresAt = instant(row, "expires_at");
        s.maxDrawdownPct = row.getBigDecimal("max_drawdown_pct");
        s.triggerCondition = row.getString("trigger_condition");
        s.publishedVersion = row.getInteger("published_version");
        s.publishedAt = instant(row, "published_at");
        s.deployedAt = instant(row, "deployed_at");
        s.nextExecutionAt = instant(row, "next_run_at");
        s.totalExecutions = row.getLong("total_executions");
        s.successfulExecutions = row.getLong("successful_executions");
        s.failedExecutions = row.getLong("failed_executions");
        s.consecutiveErrors = row.getInteger("consecutive_errors");
        s.avgDurationMs = row.getDouble("avg_duration_ms");
        s.lastExecutedAt = instant(row, "last_executed_at");
        s.createdAt = instant(row, "created_at");
        s.updatedAt = instant(row, "updated_at");
        return s;
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
