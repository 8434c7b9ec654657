package io.strategos.api.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One saved version of a strategy's definition; executions record the version they ran. */
@Entity
@Table(name = "strategy_versions")
public class StrategyVersion {

    @EmbeddedId
    public Key key;

    public String name;
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public String graph;

    @Column(name = "created_at")
    public Instant createdAt;

    @Embeddable
    public record Key(@Column(name = "strategy_id") UUID strategyId, int version) implements Serializable {
    }

    /** The strategy's current definition, saved as its current version. */
    public static StrategyVersion of(Strategy s, Instant now) {
        StrategyVersion v = new StrategyVersion();
        v.key = new Key(s.id, s.version);
        v.name = s.name;
        v.description = s.description;
        v.graph = s.graph;
        v.createdAt = now;
        return v;
    }
}
