package io.strategos.api.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strategos.api.domain.Strategy;
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
                readTree(s.schedule), s.tradingMode, s.paperBankrollUsd, s.misfirePolicy, s.autoPauseAfterErrors, s.deployedAt);
        StrategyView.RunStats stats = new StrategyView.RunStats(s.totalExecutions, s.successfulExecutions,
                s.failedExecutions, s.consecutiveErrors, s.avgDurationMs, s.lastExecutedAt);
        return new StrategyView(s.id, s.name, s.description, s.tags == null ? List.of() : s.tags, s.folder, s.favorite,
                "archived".equals(s.status), s.version, s.status, readTree(s.graph), deployment, stats, s.nextExecutionAt,
                s.createdAt, s.updatedAt);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
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
