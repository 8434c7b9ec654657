package io.strategos.model.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * How a test run went: the run's status, each node's status, output, error and duration, and what the
 * run would have done (orders with their fills and fees, events, watchlist additions, a pause), none of
 * which was done. {@code truncated} says a list was cut at the lab's limit.
 */
public record TestRunReport(String status, String error, Instant startedAt, long durationMs, List<Node> nodes,
                            List<Order> orders, List<Event> events, List<WatchlistAddition> watchlist,
                            String pauseReason, boolean truncated) {

    public record Node(int seq, String nodeId, String nodeType, String status, JsonNode output, String error,
                       long durationMs) {
    }

    /** A paper fill the orchestrator would make; {@code cashDelta} is negative for a buy, fee included. */
    public record Order(String marketId, String question, String outcome, String action, BigDecimal quantity,
                        BigDecimal price, BigDecimal feeUsd, BigDecimal cashDelta, BigDecimal realizedPnl, String reason) {
    }

    public record Event(String type, String message) {
    }

    public record WatchlistAddition(String marketId, String reason) {
    }

    /** This report with each list cut to at most {@code maxItems} and each text to {@code maxText} characters. */
    public TestRunReport limitedTo(int maxItems, int maxText) {
        boolean cut = truncated || orders.size() > maxItems || events.size() > maxItems || watchlist.size() > maxItems
                || nodes.size() > maxItems;
        return new TestRunReport(status, clip(error, maxText), startedAt, durationMs,
                nodes.stream().limit(maxItems).map(n -> new Node(n.seq(), n.nodeId(), n.nodeType(), n.status(), n.output(),
                        clip(n.error(), maxText), n.durationMs())).toList(),
                orders.stream().limit(maxItems).toList(),
                events.stream().limit(maxItems).map(e -> new Event(e.type(), clip(e.message(), maxText))).toList(),
                watchlist.stream().limit(maxItems).map(w -> new WatchlistAddition(w.marketId(), clip(w.reason(), maxText))).toList(),
                clip(pauseReason, maxText), cut);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
