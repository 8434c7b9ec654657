package io.strategos.api.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A strategy: its current definition, deployment settings and run statistics. The schema is in
 * strategy-model's {@code db/strategy} migrations; executor-worker writes the run columns.
 */
@Entity
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

    @Column(name = "trading_mode")
    public String tradingMode;

    @Column(name = "paper_bankroll_usd")
    public BigDecimal paperBankrollUsd;

    @Column(name = "auto_pause_after_errors")
    public int autoPauseAfterErrors;

    @Column(name = "deployed_at")
    public Instant deployedAt;

    @Column(name = "next_execution_at")
    public Instant nextExecutionAt;

    @Column(name = "total_executions", insertable = false, updatable = false)
    public long totalExecutions;

    @Column(name = "successful_executions", insertable = false, updatable = false)
    public long successfulExecutions;

    @Column(name = "failed_executions", insertable = false, updatable = false)
    public long failedExecutions;

    @Column(name = "consecutive_errors", insertable = false, updatable = false)
    public int consecutiveErrors;

    @Column(name = "avg_duration_ms", insertable = false, updatable = false)
    public Double avgDurationMs;

    @Column(name = "last_executed_at", insertable = false, updatable = false)
    public Instant lastExecutedAt;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
