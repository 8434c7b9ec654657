package io.strategos.api.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.WatchlistEntryView;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A strategy's watched markets, one entry per market. Every statement is scoped by owner. */
@ApplicationScoped
public class WatchlistRepository {

    private static final String COLUMNS = """
            w.id, w.market_id, w.reason, w.metadata::text AS metadata, w.added_at, w.added_by_execution_id""";

    private static final String LIST = """
            SELECT %s, w.added_at::text AS sort_key
              FROM watchlist_entries w
             WHERE w.strategy_id = $1 AND w.owner_id = $2
               AND ($3::text IS NULL OR (w.added_at, w.id) < ($3::text::timestamptz, $4::uuid))
             ORDER BY w.added_at DESC, w.id DESC
             LIMIT $5
            """.formatted(COLUMNS);

    /**
     * Adds the entry unless the market is already watched. The ON CONFLICT ... DO UPDATE that changes
     * nothing makes RETURNING give the existing row too, race-free; {@code xmax = 0} tells the two apart.
     */
    private static final String ADD = """
            INSERT INTO watchlist_entries AS w (id, strategy_id, owner_id, market_id, reason, metadata)
            VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)
            ON CONFLICT ON CONSTRAINT watchlist_entries_one_per_market
            DO UPDATE SET market_id = w.market_id
            RETURNING %s, (xmax = 0) AS created
            """.formatted(COLUMNS);

    private static final String REMOVE = """
            DELETE FROM watchlist_entries WHERE strategy_id = $1 AND owner_id = $2 AND market_id = $3
            """;

    public record Found(WatchlistEntryView entry, String sortKey) {
    }

    public record Added(WatchlistEntryView entry, boolean created) {
    }

    private final CallerScope scope;
    private final ObjectMapper json;

    public WatchlistRepository(CallerScope scope, ObjectMapper json) {
        this.scope = scope;
        this.json = json;
    }

    public Uni<List<Found>> list(UUID strategyId, String ownerId, Cursor after, int limit) {
        Tuple args = Tuple.tuple().addUUID(strategyId).addString(ownerId)
                .addString(after == null ? null : after.key()).addUUID(after == null ? null : after.id())
                .addInteger(limit);
        return scope.run(ownerId, c -> c.preparedQuery(LIST).execute(args).map(rows -> {
            List<Found> found = new ArrayList<>(rows.size());
            rows.forEach(row -> found.add(new Found(entry(row), row.getString("sort_key"))));
            return found;
        }));
    }

    /** The caller must own the strategy. */
    public Uni<Added> add(UUID strategyId, String ownerId, String marketId, String reason, JsonNode metadata) {
        String metadataJson = metadata == null ? "{}" : metadata.toString();
        Tuple args = Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(strategyId).addString(ownerId).addString(marketId)
                .addString(reason).addString(metadataJson);
        return scope.run(ownerId, c -> c.preparedQuery(ADD).execute(args).map(rows -> {
            Row row = rows.iterator().next();
            return new Added(entry(row), row.getBoolean("created"));
        }));
    }

    /** @return whether there was such an entry */
    public Uni<Boolean> remove(UUID strategyId, String ownerId, String marketId) {
        return scope.run(ownerId, c -> c.preparedQuery(REMOVE).execute(Tuple.of(strategyId, ownerId, marketId)).map(rows -> rows.rowCount() > 0));
    }

    private WatchlistEntryView entry(Row row) {
        try {
            return new WatchlistEntryView(row.getUUID("id"), row.getString("market_id"), row.getString("reason"),
                    json.readTree(row.getString("metadata")), StrategyRows.instant(row, "added_at"),
                    row.getUUID("added_by_execution_id"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
