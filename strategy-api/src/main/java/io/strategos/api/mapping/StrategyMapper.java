package io.strategos.api.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.api.domain.Strategy;
import io.strategos.api.domain.StrategyVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.List;

@ApplicationScoped
public class StrategyMapper {

    private final ObjectMapper json;

    public StrategyMapper(ObjectMapper json) {
        this.json = json;
    }

    public StrategyView toView(Strategy s) {
        StrategyView.Deployment deployment = s.schedule == null ? null : new StrategyView.Deployment(
                readTree(s.schedule), s.tradingMode, s.paperBankrollUsd, s.misfirePolicy, s.jitterSeconds, s.autoPauseAfterErrors,
                s.maxExecutions, s.expiresAt, s.maxDrawdownPct, readTree(s.triggerCondition), s.deployedAt);
        StrategyView.RunStats stats = new StrategyView.RunStats(s.totalExecutions, s.successfulExecutions,
                s.failedExecutions, s.consecutiveErrors, s.avgDurationMs, s.lastExecutedAt);
        return new StrategyView(s.id, s.name, s.description, s.tags == null ? List.of() : s.tags, s.folder, s.favorite,
                "archived".equals(s.status), s.version, s.status, readTree(s.graph), deployment, stats,
                "running".equals(s.status) ? s.nextExecutionAt : null,
                s.publishedVersion, s.createdAt, s.updatedAt);
    }

    public VersionView toView(StrategyVersion v, boolean withGraph) {
        return new VersionView(v.key.version(), v.name, v.description, withGraph ? readTree(v.graph) : null, v.createdAt);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode readTree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
