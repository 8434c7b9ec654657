package io.strategos.executor.pipeline.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategos.executor.market.Market;
import io.strategos.executor.pipeline.NodeFailure;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One condition on a market's field, as filter nodes and trigger conditions write it:
 * {@code {"field": "volume24h", "operator": "gt", "value": 5000}}. Operators: gt, gte, lt, lte, eq,
 * neq, in (value is a list), contains (text), between (value is [low, high], inclusive). Numbers
 * compare as numbers, {@code endDate} as an ISO-8601 instant, the rest as text.
 */
public record MarketCondition(String field, String operator, JsonNode value) {

    static final Set<String> OPERATORS = Set.of("gt", "gte", "lt", "lte", "eq", "neq", "in", "contains", "between");

    /**
     * The conditions in {@code config.conditions}, where {@code config.match} is all (default) or any,
     * parsed once and tested against each market given (parsing them again for every market was a
     * visible share of a run's CPU).
     */
    public record Conditions(List<MarketCondition> conditions, boolean all) {

        public static Conditions of(JsonNode config) throws NodeFailure {
            List<MarketCondition> parsed = new ArrayList<>();
            for (JsonNode node : config.path("conditions")) {
                parsed.add(parse(node));
            }
            return new Conditions(List.copyOf(parsed), !"any".equals(config.path("match").asText("all")));
        }

        public boolean test(Market market) {
            boolean any = false;
            for (MarketCondition condition : conditions) {
                boolean holds = condition.test(market);
                if (all && !holds) {
                    return false;
                }
                any |= holds;
            }
            return all || any;
        }
    }

    public static MarketCondition parse(JsonNode node) throws NodeFailure {
        String field = node.path("field").asText(null);
        String operator = node.path("operator").asText(null);
        if (field == null || operator == null || !node.has("value")) {
            throw new NodeFailure("each condition needs field, operator and value");
        }
        if (!Market.FIELDS.contains(field)) {
            throw new NodeFailure("unknown field '" + field + "'");
        }
        if (!OPERATORS.contains(operator)) {
            throw new NodeFailure("unknown operator '" + operator + "'");
        }
        return new MarketCondition(field, operator, node.get("value"));
    }

    /** A market without a value for the field (an unknown end date, say) does not match. */
    public boolean test(Market market) {
        Object actual = market.field(field);
        if (actual == null) {
            return false;
        }
        return switch (operator) {
            case "gt" -> compare(actual, value) > 0;
            case "gte" -> compare(actual, value) >= 0;
            case "lt" -> compare(actual, value) < 0;
            case "lte" -> compare(actual, value) <= 0;
            case "eq" -> compare(actual, value) == 0;
            case "neq" -> compare(actual, value) != 0;
            case "in" -> value.isArray() && anyEqual(actual, value);
            case "contains" -> actual.toString().toLowerCase().contains(value.asText().toLowerCase());
            case "between" -> value.isArray() && value.size() == 2
                    && compare(actual, value.get(0)) >= 0 && compare(actual, value.get(1)) <= 0;
            default -> throw new IllegalArgumentException("unknown operator '" + operator + "'");
        };
    }

    private static boolean anyEqual(Object actual, JsonNode values) {
        for (JsonNode v : values) {
            if (compare(actual, v) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int compare(Object actual, JsonNode expected) {
        if (actual instanceof Double number) {
            if (!expected.isNumber()) {
                throw new IllegalArgumentException("expected a number, got " + expected);
            }
            return Double.compare(number, expected.asDouble());
        }
        if (actual instanceof Instant instant) {
            try {
                return instant.compareTo(Instant.parse(expected.asText()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected an ISO-8601 instant, got " + expected);
            }
        }
        return actual.toString().compareToIgnoreCase(expected.asText());
    }
}
