package io.strategos.executor.market;

import java.time.Instant;
import java.util.List;

/** Told of every fetch a live provider makes, to keep it as market history. Called on the runs' path: returns at once. */
@FunctionalInterface
public interface FetchRecorder {

    void fetched(Instant fetchedAt, List<Market> markets);
}
