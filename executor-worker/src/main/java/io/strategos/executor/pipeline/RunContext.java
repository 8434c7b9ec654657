package io.strategos.executor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.paper.PaperTrade;
import io.strategos.model.event.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the nodes of one run share: which run it is, and the effects they ask for (events,
 * watchlist entries, paper trades, a pause). Effects are written with the run's record, in the same transaction, or not
 * at all, so a run that is never recorded leaves no trace.
 */
public final class RunContext {

    private final ClaimedRun run;
    private final UUID executionId;
    private final List<EmittedEvent> events = new ArrayList<>();
    private final Map<String, WatchlistAddition> watchlist = new LinkedHashMap<>();
    private final List<PaperTrade> trades = new ArrayList<>();
    private final Map<String, Double> prices = new LinkedHashMap<>();
    private String pauseReason;

    RunContext(ClaimedRun run, UUID executionId) {
        this.run = run;
        this.executionId = executionId;
    }

    public ClaimedRun run() {
        return run;
    }

    public UUID executionId() {
        return executionId;
    }

    public synchronized void emit(EventType type, String message) {
        events.add(new EmittedEvent(type, message));
    }

    /** Asks for a market to be on the strategy's watchlist; a market already there stays as it is. */
    public synchronized void addToWatchlist(String marketId, String reason, JsonNode snapshot) {
        watchlist.putIfAbsent(marketId, new WatchlistAddition(marketId, reason, snapshot));
    }

    public synchronized void trade(PaperTrade trade) {
        trades.add(trade);
    }

    /** The YES price of a market the strategy holds, kept so the API can value its positions. */
    public synchronized void observePrice(String marketId, double price) {
        prices.put(marketId, price);
    }

    /** Asks for the strategy to be paused once this run is recorded (the drawdown kill switch). */
    public synchronized void pause(String reason) {
        pauseReason = reason;
    }

    synchronized RunEffects effects() {
        return new RunEffects(List.copyOf(events), List.copyOf(watchlist.values()), List.copyOf(trades), Map.copyOf(prices),
                pauseReason);
    }

    public record EmittedEvent(EventType type, String message) {
    }

    public record WatchlistAddition(String marketId, String reason, JsonNode snapshot) {
    }

    /** Everything a run asked to write besides its own record; {@code pauseReason} is null unless it pauses the strategy. */
    public record RunEffects(List<EmittedEvent> events, List<WatchlistAddition> watchlist, List<PaperTrade> trades,
                             Map<String, Double> prices, String pauseReason) {

        public static final RunEffects NONE = new RunEffects(List.of(), List.of(), List.of(), Map.of(), null);
    }
}
