package io.strategos.executor.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Markets from Polymarket's Gamma API. The most traded active markets are fetched at most once per
 * {@code cacheTtl} and shared by every run in that window, so ten thousand strategies cost one
 * fetch, not ten thousand, and the API's rate limit (about 100 requests per 10 s) is never near.
 * Each fetch is handed to a {@link FetchRecorder}, which keeps it as market history for backtests.
 */
public class GammaMarketData implements MarketDataProvider {

    private static final int PAGE_SIZE = 100;

    private final GammaClient client;
    private final GammaMarketParser parser;
    private final int universeSize;
    private final Duration cacheTtl;
    private final Clock clock;
    private final FetchRecorder recorder;
    private final ReentrantLock refresh = new ReentrantLock();
    private volatile Snapshot snapshot;

    public GammaMarketData(GammaClient client, ObjectMapper json, int universeSize, Duration cacheTtl, Clock clock,
                           FetchRecorder recorder) {
        this.client = client;
        this.parser = new GammaMarketParser(json);
        this.universeSize = universeSize;
        this.cacheTtl = cacheTtl;
        this.clock = clock;
        this.recorder = recorder;
    }

    @Override
    public List<Market> markets(MarketQuery query) {
        return current().stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public Map<String, Market> quotes(Collection<String> marketIds) {
        Map<String, Market> byId = new HashMap<>();
        for (Market market : current()) {
            if (marketIds.contains(market.id())) {
                byId.put(market.id(), market);
            }
        }
        return byId;
    }

    /** One fetch per window; concurrent runs wait for it instead of fetching too. */
    private List<Market> current() {
        Snapshot cached = snapshot;
        if (cached != null && !expired(cached)) {
            return cached.markets;
        }
        refresh.lock();
        try {
            if (snapshot == null || expired(snapshot)) {
                // Aged from when the fetch ended: dated from its start, a fetch slower than the TTL would
                // be stale on arrival and every waiting run would fetch again, one after the other.
                List<Market> fetched = fetch();
                snapshot = new Snapshot(clock.instant(), fetched);
                if (!fetched.isEmpty()) {
                    recorder.fetched(snapshot.fetchedAt, fetched);
                }
            }
            return snapshot.markets;
        } finally {
            refresh.unlock();
        }
    }

    private boolean expired(Snapshot cached) {
        return !cached.fetchedAt.plus(cacheTtl).isAfter(clock.instant());
    }

    private List<Market> fetch() {
        List<Market> markets = new ArrayList<>(universeSize);
        for (int offset = 0; offset < universeSize; offset += PAGE_SIZE) {
            JsonNode page = client.markets(Math.min(PAGE_SIZE, universeSize - offset), offset, true, false, "volume24hr", false);
            if (page == null || !page.isArray()) {
                break;
            }
            page.forEach(node -> parser.parse(node).ifPresent(markets::add));
            if (page.size() < PAGE_SIZE) {
                break;
            }
        }
        return List.copyOf(markets);
    }

    private record Snapshot(Instant fetchedAt, List<Market> markets) {
    }
}
