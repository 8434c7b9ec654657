package io.strategos.executor.market;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Chooses the market-data provider from {@code strategos.market-data.provider}, simulated or gamma, and the
 * market history backtests replay: the simulated provider's own, or what was recorded of Gamma's fetches.
 */
@ApplicationScoped
public class MarketDataProviders {

    /** A singleton rather than a proxied bean, so {@link #history} can tell whether it is also a {@link MarketHistory}. */
    @Produces
    @Singleton
    MarketDataProvider provider(@ConfigProperty(name = "strategos.market-data.provider") String provider,
                                @ConfigProperty(name = "strategos.market-data.simulated.seed") long seed,
                                @ConfigProperty(name = "strategos.market-data.simulated.markets") int simulatedMarkets,
                                @ConfigProperty(name = "strategos.market-data.simulated.step") Duration step,
                                @ConfigProperty(name = "strategos.market-data.gamma.markets") int gammaMarkets,
                                @ConfigProperty(name = "strategos.market-data.gamma.cache-ttl") Duration cacheTtl,
                                @RestClient GammaClient gamma,
                                ObjectMapper json,
                                MarketHistoryRecorder recorder) {
        return switch (provider) {
            case "simulated" -> new SimulatedMarketData(seed, simulatedMarkets, step, Clock.systemUTC());
            case "gamma" -> new GammaMarketData(gamma, json, gammaMarkets, cacheTtl, Clock.systemUTC(), recorder);
            default -> throw new IllegalArgumentException("strategos.market-data.provider must be simulated or gamma, not " + provider);
        };
    }

    @Produces
    @Singleton
    MarketHistory history(MarketDataProvider provider, Pool pool) {
        return provider instanceof MarketHistory own ? own : new RecordedMarketHistory(pool);
    }
}
