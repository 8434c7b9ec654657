package io.strategos.api.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.ExecutionView;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads of the run history executor-worker writes. Plain SQL: these are reporting queries over
 * tables this service does not own. Every query joins the owner, so another user's run is not found.
 */
@ApplicationScoped
public class ExecutionQueries {

    private static final String COLUMNS = """
            e.id, e.strategy_id, e.strategy_version, e.trigger, e.status, e.scheduled_for, e.started_at,
            e.completed_at, e.duration_ms, e.nodes_executed, e.error""";

    /** Newest first; keyset on (started_at, id). */
    private static final String LIST_FOR_STRATEGY = """
            SELECT %s, e.started_at::text AS sort_key
              FROM executions e
             WHERE e.strategy_id = $1 AND e.owner_id = $2
               AND ($3::text IS NULL OR e.status = $3::text)
               AND ($4::timestamptz IS NULL OR e.started_at >= $4::timestamptz)
               AND ($5::timestamptz IS NULL OR e.started_at < $5::timestamptz)
               AND ($6::text IS NULL OR (e.started_at, e.id) < ($6::text::timestamptz, $7::uuid))
             ORDER BY e.started_at DESC, e.id DESC
             LIMIT $8
            """.formatted(COLUMNS);

    private static final String ONE = """
            SELECT %s
              FROM executions e
             WHERE e.id = $1 AND e.owner_id = $2
            """.formatted(COLUMNS);

    // The node logs kept in the execution's row (V22), one row per node in run order. A node without output
    // has JSON null there, which the view shows as no output; times are epoch milliseconds there.
    private static final String NODE_LOGS = """
            SELECT (l->>'seq')::int AS seq, l->>'nodeId' AS node_id, l->>'nodeType' AS node_type, l->>'status' AS status,
                   nullif((l->'output')::text, 'null') AS output, l->>'error' AS error,
                   to_timestamp((l->>'startedAtEpochMs')::bigint / 1000.0) AS started_at,
                   to_timestamp(((l->>'startedAtEpochMs')::bigint + (l->>'durationMs')::int) / 1000.0) AS completed_at,
                   (l->>'durationMs')::int AS duration_ms
              FROM executions e, json_array_elements(e.node_logs) WITH ORDINALITY AS n(l, position)
             WHERE e.id = $1 AND e.owner_id = $2
             ORDER BY n.position
            """;

    /** What a history is narrowed to; null fields do not narrow it. {@code to} is exclusive. */
    public record Filter(String status, Instant from, Instant to) {
    }

    public record Found(ExecutionView execution, String sortKey) {
    }

    private final CallerScope scope;
    private final ObjectMapper json;

    public ExecutionQueries(CallerScope scope, ObjectMapper json) {
        this.scope = scope;
        this.json = json;
    }

    public Uni<List<Found>> listForStrategy(UUID strategyId, String ownerId, Filter filter, Cursor after, int limit) {
        Tuple args = Tuple.tuple().addUUID(strategyId).addString(ownerId).addString(filter.status())
                .addOffsetDateTime(offset(filter.from())).addOffsetDateTime(offset(filter.to()))
                .addString(after == null ? null : after.key()).addUUID(after == null ? null : after.id())
                .addInteger(limit);
        return scope.run(ownerId, c -> c.preparedQuery(LIST_FOR_STRATEGY).execute(args).map(rows -> {
            List<Found> found = new ArrayList<>(rows.size());
            rows.forEach(row -> found.add(new Found(execution(row, null), row.getString("sort_key"))));
            return found;
        }));
    }

    /** One execution with its node logs in run order, or null when the caller has no such execution. */
    public Uni<ExecutionView> find(UUID executionId, String ownerId) {
        return scope.run(ownerId, c -> c.preparedQuery(ONE).execute(Tuple.of(executionId, ownerId)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row execution = rows.iterator().next();
            return c.preparedQuery(NODE_LOGS).execute(Tuple.of(executionId, ownerId)).map(logs -> {
                List<ExecutionView.NodeLog> nodes = new ArrayList<>(logs.size());
                logs.forEach(log -> nodes.add(new ExecutionView.NodeLog(log.getInteger("seq"), log.getString("node_id"),
                        log.getString("node_type"), log.getString("status"), parse(log.getString("output")),
                        log.getString("error"), StrategyRows.instant(log, "started_at"),
                        StrategyRows.instant(log, "completed_at"), log.getInteger("duration_ms"))));
                return execution(execution, nodes);
            });
        }));
    }

    private static ExecutionView execution(Row row, List<ExecutionView.NodeLog> nodes) {
        return new ExecutionView(row.getUUID("id"), row.getUUID("strategy_id"), row.getInteger("strategy_version"),
                row.getString("trigger"), row.getString("status"), StrategyRows.instant(row, "scheduled_for"),
                StrategyRows.instant(row, "started_at"), StrategyRows.instant(row, "completed_at"),
                row.getInteger("duration_ms"), row.getInteger("nodes_executed"), row.getString("error"), nodes);
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
