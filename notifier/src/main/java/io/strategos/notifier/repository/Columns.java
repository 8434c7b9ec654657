package io.strategos.notifier.repository;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Turns a batch of rows into one array per column, bound as a single parameter and read back with
 * {@code unnest}: a batch of any size is one statement and one round trip.
 */
final class Columns {

    private Columns() {
    }

    static <R, C> C[] column(List<R> rows, Function<R, C> value, IntFunction<C[]> array) {
        return rows.stream().map(value).toArray(array);
    }
}
