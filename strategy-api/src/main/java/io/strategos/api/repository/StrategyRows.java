package io.strategos.api.repository;

import io.strategos.api.domain.Strategy;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;

/** Reads strategies selected with plain SQL into the entity class, so one mapper serves both paths. */
final class StrategyRows {

    /** Every column the entity maps, jsonb as text. */
    static final String COLUMNS = """
            s.id, s.owner_id, s.name, s.description, s.tags, s.folder, s.favorite, s.version, s.graph::text AS graph,
            s.status, s.schedule::text AS schedule, s.misfire_policy, s.jitter_seconds, s.trading_mode, s.paper_bankroll_usd,
            s.auto_pause_after_errors, s.max_executions, s.expires_at, s.max_drawdown_pct,
            s.trigger_condition::text AS trigger_condition, s.published_version, s.published_at, s.deployed_at,
            rs.next_run_at, coalesce(rs.total_executions, 0) AS total_executions,
            coalesce(rs.successful_executions, 0) AS successful_executions, coalesce(rs.failed_executions, 0) AS failed_executions,
            coalesce(rs.consecutive_errors, 0) AS consecutive_errors, rs.avg_duration_ms, rs.last_executed_at,
            s.created_at, s.updated_at""";

    /** Where {@link #COLUMNS} come from: the strategy and its run state (none before its first deployment). */
    static final String FROM = "strategies s LEFT JOIN strategy_run_state rs ON rs.strategy_id = s.id";

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
