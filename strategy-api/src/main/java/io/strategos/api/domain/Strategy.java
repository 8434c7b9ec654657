package io.strategos.api.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A strategy: its current definition, deployment settings and run statistics. The schema is in
 * strategy-model's {@code db/strategy} migrations. Updates write only the columns that changed, so a
 * change here never overwrites the status executor-worker set meanwhile.
 */
@Entity
@DynamicUpdate
@Table(name = "strategies")
public class Strategy {

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false, updatable = false)
    public String ownerId;

    public String name;
    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> tags;

    public String folder;
    public boolean favorite;
    public int version;

    /** The node graph as JSON text. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String graph;

    public String status;

    /** The schedule as JSON text; null until deployed. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String schedule;

    @Column(name = "misfire_policy")
    public String misfirePolicy;

    @Column(name = "jitter_seconds")
    public int jitterSeconds;

    @Column(name = "trading_mode")
    public String tradingMode;

    @Column(name = "paper_bankroll_usd")
    public BigDecimal paperBankrollUsd;

    @Column(name = "auto_pause_after_errors")
    public int autoPauseAfterErrors;

    @Column(name = "max_executions")
    public Long maxExecutions;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "max_drawdown_pct")
    public BigDecimal maxDrawdownPct;

    /** The market condition a run needs, as JSON text; null: always run. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "trigger_condition")
    public String triggerCondition;

    /** The version published as a public template; null when not published. */
    @Column(name = "published_version")
    public Integer publishedVersion;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "deployed_at")
    public Instant deployedAt;

    // The run state lives in strategy_run_state (V12), written by executor-worker after each run and by
    // LifecycleService through RunStateRepository; the entity only reads it.

    /** The next slot while running (null otherwise or before the first deployment). */
    @Formula("(SELECT rs.next_run_at FROM strategy_run_state rs WHERE rs.strategy_id = id)")
    public Instant nextExecutionAt;

    @Formula("coalesce((SELECT rs.total_executions FROM strategy_run_state rs WHERE rs.strategy_id = id), 0)")
    public long totalExecutions;

    @Formula("coalesce((SELECT rs.successful_executions FROM strategy_run_state rs WHERE rs.strategy_id = id), 0)")
    public long successfulExecutions;

    @Formula("coalesce((SELECT rs.failed_executions FROM strategy_run_state rs WHERE rs.strategy_id = id), 0)")
    public long failedExecutions;

    /** Reset when the strategy starts running again. */
    @Formula("coalesce((SELECT rs.consecutive_errors FROM strategy_run_state rs WHERE rs.strategy_id = id), 0)")
    public int consecutiveErrors;

    @Formula("(SELECT rs.avg_duration_ms FROM strategy_run_state rs WHERE rs.strategy_id = id)")
    public Double avgDurationMs;

    @Formula("(SELECT rs.last_executed_at FROM strategy_run_state rs WHERE rs.strategy_id = id)")
    public Instant lastExecutedAt;

    /** Set while an executor replica runs the strategy. */
    @Formula("(SELECT rs.lease_expires_at FROM strategy_run_state rs WHERE rs.strategy_id = id)")
    public Instant leaseExpiresAt;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A new strategy: version 1, a draft, not deployed. */
    public static Strategy draft(String ownerId, String name, String description, List<String> tags, String folder,
                                 String graph, Instant now) {
        Strategy s = new Strategy();
        s.id = UUID.randomUUID();
        s.ownerId = ownerId;
        s.name = name;
        s.description = description;
        s.tags = tags == null ? List.of() : List.copyOf(tags);
        s.folder = folder;
        s.version = 1;
        s.graph = graph;
        s.status = StrategyStatus.DRAFT.wire();
        s.misfirePolicy = "run_once";
        s.autoPauseAfterErrors = 3;
        s.createdAt = now;
        s.updatedAt = now;
        return s;
    }

    public StrategyStatus currentStatus() {
        return StrategyStatus.fromWire(status).orElseThrow();
    }

    public boolean deployed() {
        return schedule != null;
    }
}
