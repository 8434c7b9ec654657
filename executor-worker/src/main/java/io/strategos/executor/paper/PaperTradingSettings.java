package io.strategos.executor.paper;

import io.smallrye.config.ConfigMapping;

/** How paper orders fill; documented in application.properties. */
@ConfigMapping(prefix = "strategos.paper")
public interface PaperTradingSettings {

    /** Fee on each fill's notional, in basis points. */
    int feeBps();

    /** Price moved against each fill, in basis points of the price. */
    int slippageBps();
}
