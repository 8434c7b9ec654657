package io.strategos.api.mapping;

import java.util.List;
import java.util.function.Function;

/** Builds a page from a query that fetched one row more than the page holds. */
public final class Pages {

    private Pages() {
    }

    /**
     * @param rows     up to {@code limit + 1} rows; the extra one only says there is a next page
     * @param position the keyset position of a row, for the cursor of the page after it
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> item, Function<R, Cursor> position) {
        List<R> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? position.apply(shown.getLast()).encode() : null;
        return new Page<>(shown.stream().map(item).toList(), next);
    }
}
