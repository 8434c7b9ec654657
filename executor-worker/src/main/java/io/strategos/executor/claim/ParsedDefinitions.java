package io.strategos.executor.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strategos.model.graph.StrategyGraph;
import io.strategos.model.schedule.Schedule;
import io.strategos.executor.service.ExecutorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;

/**
 * Strategy definitions (graph, schedule, trigger condition) parsed from the JSON text the claim
 * reads, kept by that text. A strategy runs the same definition at every slot, and strategies made
 * from one template share it, so each text is parsed once rather than once per run: parsing was the
 * largest share of the worker's CPU after the database client. Keyed by content, a new version is
 * simply a new entry, never a stale one. The parsed values are shared by concurrent runs, which only
 * read them.
 */
@ApplicationScoped
public class ParsedDefinitions {

    private final Parsed<StrategyGraph> graphs;
    private final Parsed<Schedule> schedules;
    private final Parsed<JsonNode> conditions;

    @Inject
    public ParsedDefinitions(ObjectMapper json, ExecutorSettings settings) {
        this(json, settings.definitionCacheSize());
    }

    ParsedDefinitions(ObjectMapper json, long size) {
        this.graphs = new Parsed<>(json.readerFor(StrategyGraph.class), size);
        this.schedules = new Parsed<>(json.readerFor(Schedule.class), size);
        this.conditions = new Parsed<>(json.readerFor(JsonNode.class), size);
    }

    public StrategyGraph graph(String text) throws JsonProcessingException {
        return graphs.of(text);
    }

    public Schedule schedule(String text) throws JsonProcessingException {
        return schedules.of(text);
    }

    /** A trigger condition, or null when the strategy has none. */
    public JsonNode condition(String text) throws JsonProcessingException {
        return text == null ? null : conditions.of(text);
    }

    private static final class Parsed<T> {

        private final ObjectReader reader;
        private final Cache<String, T> byText;

        Parsed(ObjectReader reader, long size) {
            this.reader = reader;
            this.byText = Caffeine.newBuilder().maximumSize(size).build();
        }

        T of(String text) throws JsonProcessingException {
            try {
                return byText.get(text, this::read);
            } catch (UncheckedIOException e) {
                throw (JsonProcessingException) e.getCause();
            }
        }

        private T read(String text) {
            try {
                return reader.readValue(text);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
