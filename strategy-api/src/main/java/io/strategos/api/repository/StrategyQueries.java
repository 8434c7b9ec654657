package io.strategos.api.repository;

import io.smallrye.mutiny.Uni;
import io.strategos.api.domain.Strategy;
import io.strategos.api.mapping.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads one strategy, or a page of an owner's strategies (full-text search, filters, keyset pagination).
 * These are the service's most frequent requests, so each is one statement sent on its own: the
 * functions {@code owned_strategy} and {@code owned_strategies} (V25 migration) set the caller for
 * row-level security within that statement's own transaction and then read, where {@link CallerScope}
 * would take four statements (BEGIN, the setting, the read, COMMIT).
 */
@ApplicationScoped
public class StrategyQueries {

    /** How a strategy list can be sorted; each has its index (see the V3 migration). */
    public enum Sort {
        CREATED("created", "created_at", true),
        UPDATED("updated", "updated_at", true),
        NAME("name", "name", false);

        final String sql;
        private final boolean timed;

        Sort(String order, String column, boolean timed) {
            this.timed = timed;
            this.sql = """
                    SELECT %s, %s::text AS sort_key
                      FROM owned_strategies($1, $2, $3, $4, $5, $6, $7, '%s', $8, $9, $10) WITH ORDINALITY
                     ORDER BY ordinality
                    """.formatted(StrategyRows.COLUMNS, column, order);
        }

        /** A cursor of this order, whose key is the sort column's value; null for the first page. */
        public Cursor cursor(String text) {
            return timed ? Cursor.decodeTimed(text) : Cursor.decode(text);
        }
    }

    /** What a list is narrowed to; null fields do not narrow it. */
    public record Filter(String query, String tag, String folder, String status, Boolean favorite, Boolean archived) {
    }

    /** A strategy with the value it was sorted by, for the next page's cursor. */
    public record Found(Strategy strategy, String sortKey) {
    }

    private static final String OWNED = "SELECT %s FROM owned_strategy($1, $2)".formatted(StrategyRows.COLUMNS);

    private final Pool pool;

    public StrategyQueries(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} strategies after {@code after} in {@code sort} order. */
    public Uni<List<Found>> search(String ownerId, Filter filter, Sort sort, Cursor after, int limit) {
        Tuple args = Tuple.tuple()
                .addString(ownerId)
                .addString(filter.query())
                .addString(filter.tag())
                .addString(filter.folder())
                .addString(filter.status())
                .addBoolean(filter.favorite())
                .addBoolean(filter.archived())
                .addString(after == null ? null : after.key())
                .addUUID(after == null ? null : after.id())
                .addInteger(limit);
        return pool.preparedQuery(sort.sql).execute(args).map(rows -> {
            List<Found> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                found.add(new Found(StrategyRows.read(row), row.getString("sort_key")));
            }
            return found;
        });
    }

    /** @return the strategy, or null when the owner has no such strategy */
    public Uni<Strategy> findOwned(UUID id, String ownerId) {
        return pool.preparedQuery(OWNED).execute(Tuple.of(ownerId, id))
                .map(rows -> rows.size() == 0 ? null : StrategyRows.read(rows.iterator().next()));
    }
}
