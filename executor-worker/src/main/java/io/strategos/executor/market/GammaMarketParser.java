package io.strategos.executor.market;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads one Gamma market into a {@link Market}. The API encodes {@code outcomePrices} as a JSON
 * array inside a string (sometimes as a real array), sends numbers as strings, and ids as numbers
 * or strings; a market whose YES price cannot be read is skipped rather than failing the run.
 */
public final class GammaMarketParser {

    private final ObjectMapper json;

    public GammaMarketParser(ObjectMapper json) {
        this.json = json;
    }

    public Optional<Market> parse(JsonNode market) {
        String id = text(market, "id");
        Double price = yesPrice(market.get("outcomePrices"));
        if (id == null || price == null || price <= 0 || price >= 1) {
            return Optional.empty();
        }
        double volume = number(market, "volume24hr", number(market, "volumeNum", number(market, "volume", 0)));
        double liquidity = number(market, "liquidityNum", number(market, "liquidity", 0));
        double momentum = number(market, "oneDayPriceChange", 0);
        String question = text(market, "question");
        String category = text(market, "category");
        return Optional.of(new Market(id, question == null ? "" : question, category == null ? "" : category.toLowerCase(),
                price, volume, liquidity, momentum, instant(text(market, "endDate"))));
    }

    private Double yesPrice(JsonNode prices) {
        if (prices == null || prices.isNull()) {
            return null;
        }
        JsonNode array = prices;
        if (prices.isTextual()) {
            try {
                array = json.readTree(prices.asText());
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        if (!array.isArray() || array.isEmpty()) {
            return null;
        }
        JsonNode yes = array.get(0);
        try {
            return yes.isNumber() ? yes.asDouble() : Double.parseDouble(yes.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static double number(JsonNode node, String field, double fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
