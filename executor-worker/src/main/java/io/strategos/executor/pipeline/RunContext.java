package io.strategos.executor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.strategos.executor.claim.ClaimedRun;
import io.strategos.executor.market.MarketDataProvider;
import io.strategos.executor.paper.PaperPortfolio;
import io.strategos.executor.paper.PaperTrade;
import io.strategos.executor.paper.PaperTradingSettings;
import io.strategos.model.event.EventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the nodes of one run share: which run it is, and the effects they ask for (events,
 * watchlist entries, paper trades, a pause). Effects are written with the run's record, in the same transaction, or not
 * at all, so a run that is never recorded leaves no trace. A dry run (the strategy lab's test runs and
 * backtests) is never recorded, and may read its market data and paper account from somewhere else.
 */
public final class RunContext {

    private final ClaimedRun run;
    private final UUID executionId;
    private final MarketDataProvider marketData;
    private final DryRun dryRun;
    private final List<EmittedEvent> events = new ArrayList<>();
    private final Map<String, WatchlistAddition> watchlist = new LinkedHashMap<>();
    private final List<PaperTrade> trades = new ArrayList<>();
    private final Map<String, Double> prices = new LinkedHashMap<>();
    private String pauseReason;

    RunContext(ClaimedRun run, UUID executionId, MarketDataProvider marketData, DryRun dryRun) {
        this.run = run;
        this.executionId = executionId;
        this.marketData = marketData;
        this.dryRun = dryRun;
    }

    public ClaimedRun run() {
        return run;
    }

    public UUID executionId() {
        return executionId;
    }

    /** Where this run's nodes read markets: the live provider, or a backtest's market data as of its slot. */
    public MarketDataProvider marketData() {
        return marketData;
    }

    /** A backtest's paper account, kept in memory; empty when the orchestrator reads the strategy's saved one. */
    public Optional<PaperPortfolio> simulatedPortfolio() {
        return dryRun == null ? Optional.empty() : Optional.ofNullable(dryRun.portfolio());
    }

    /** The fills of a dry run that asked for its own fee and slippage; empty for the executor's. */
    public Optional<PaperTradingSettings> simulatedFills() {
        return dryRun == null ? Optional.empty() : Optional.ofNullable(dryRun.fills());
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

    /**
     * What a dry run replaces, each null to keep the live one: the market data ({@code marketData}),
     * the paper account ({@code portfolio}) and the fee and slippage ({@code fills}).
     */
    public record DryRun(MarketDataProvider marketData, PaperPortfolio portfolio, PaperTradingSettings fills) {
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
