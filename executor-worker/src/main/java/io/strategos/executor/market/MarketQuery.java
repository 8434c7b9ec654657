package io.strategos.executor.market;

import java.util.List;

/** What a {@code polymarket-stream} node asks the market-data provider for. */
public record MarketQuery(List<String> categories, List<String> keywords, double minLiquidity, double minVolume24h, int limit) {

    public MarketQuery {
        categories = categories == null ? List.of() : List.copyOf(categories);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public boolean matches(Market market) {
        if (!categories.isEmpty() && categories.stream().noneMatch(c -> c.equalsIgnoreCase(market.category()))) {
            return false;
        }
        if (!keywords.isEmpty()) {
            String question = market.question().toLowerCase();
            if (keywords.stream().noneMatch(k -> question.contains(k.toLowerCase()))) {
                return false;
            }
        }
        return market.liquidity() >= minLiquidity && market.volume24h() >= minVolume24h;
    }
}
