package io.strategos.executor.market;

import java.time.Instant;
import java.util.Set;

/**
 * A prediction market as the pipeline sees it. {@code price} is the YES outcome's price, between
 * 0 and 1 (the implied probability); {@code momentum} is its change over the provider's recent window.
 */
public record Market(
        String id,
        String question,
        String category,
        double price,
        double volume24h,
        double liquidity,
        double momentum,
        Instant endDate) {

    /** The field names filter conditions may use. */
    public static final Set<String> FIELDS = Set.of("id", "question", "category", "price", "volume24h", "liquidity", "momentum", "endDate");

    /** The value of a field by the name filter conditions use, or {@code null} for an unknown field. */
    public Object field(String name) {
        return switch (name) {
            case "id" -> id;
            case "question" -> question;
            case "category" -> category;
            case "price" -> price;
            case "volume24h" -> volume24h;
            case "liquidity" -> liquidity;
            case "momentum" -> momentum;
            case "endDate" -> endDate;
            default -> null;
        };
    }
}
