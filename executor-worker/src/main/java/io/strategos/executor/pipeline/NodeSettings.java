package io.strategos.executor.pipeline;

import io.strategos.model.graph.GraphNode;
import java.time.Duration;

/**
 * How the runner treats one node's failures, from keys any node's config may carry:
 * {@code maxTries} (default 1, at most 5), {@code retryBackoffMs} (default 200; doubled after each
 * try) and {@code continueOnFail} (default false).
 */
record NodeSettings(int maxTries, Duration retryBackoff, boolean continueOnFail) {

    static final int MAX_TRIES = 5;

    static NodeSettings of(GraphNode node) {
        if (node.config() == null) {
            return new NodeSettings(1, Duration.ofMillis(200), false);
        }
        int tries = Math.clamp(node.config().path("maxTries").asInt(1), 1, MAX_TRIES);
        long backoff = Math.clamp(node.config().path("retryBackoffMs").asLong(200), 0, 10_000);
        return new NodeSettings(tries, Duration.ofMillis(backoff), node.config().path("continueOnFail").asBoolean(false));
    }
}
