package io.strategos.model.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * The node types a strategy graph may use, named as the strategy builder sends them.
 * A source node produces data without inputs; every graph needs at least one.
 */
public enum NodeType {
    POLYMARKET_STREAM("polymarket-stream", true, "Markets from the market-data provider"),
    FILTER("filter", false, "Keeps the markets that match conditions on their fields"),
    WATCHLIST("watchlist", false, "Adds incoming markets to the strategy's watchlist"),
    ORCHESTRATOR("orchestrator", false, "Decides paper trades for incoming markets"),
    NOTIFY("notify", false, "Sends a custom notification to the strategy's owner");

    private final String wireName;
    private final boolean source;
    private final String description;

    NodeType(String wireName, boolean source, String description) {
        this.wireName = wireName;
        this.source = source;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isSource() {
        return source;
    }

    public String description() {
        return description;
    }

    public static Optional<NodeType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
