package io.strategos.api.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.ExecutionView;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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

    private static final String LIST_FOR_STRATEGY = """
            SELECT %s
              FROM executions e
             WHERE e.strategy_id = $1 AND e.owner_id = $2
             ORDER BY e.started_at DESC, e.id DESC
             LIMIT $3
            """.formatted(COLUMNS);

    private static final String ONE = """
            SELECT %s
              FROM executions e
             WHERE e.id = $1 AND e.owner_id = $2
            """.formatted(COLUMNS);

    private static final String NODE_LOGS = """
            SELECT seq, node_id, node_type, status, output::text, error, started_at, completed_at, duration_ms
              FROM execution_node_logs
             WHERE execution_id = $1
             ORDER BY seq
            """;

    private final Pool pool;
    private final ObjectMapper json;

    public ExecutionQueries(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<List<ExecutionView>> listForStrategy(UUID strategyId, String ownerId, int limit) {
        return pool.preparedQuery(LIST_FOR_STRATEGY).execute(Tuple.of(strategyId, ownerId, limit))
                .map(rows -> {
                    List<ExecutionView> views = new ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(execution(row, null)));
                    return views;
                });
    }

    /** One execution with its node logs in run order, or null when the caller has no such execution. */
    public Uni<ExecutionView> find(UUID executionId, String ownerId) {
        return pool.preparedQuery(ONE).execute(Tuple.of(executionId, ownerId)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row execution = rows.iterator().next();
            return pool.preparedQuery(NODE_LOGS).execute(Tuple.of(executionId)).map(logs -> {
                List<ExecutionView.NodeLog> nodes = new ArrayList<>(logs.size());
                logs.forEach(log -> nodes.add(new ExecutionView.NodeLog(log.getInteger("seq"), log.getString("node_id"),
                        log.getString("node_type"), log.getString("status"), parse(log.getString("output")),
                        log.getString("error"), instant(log, "started_at"), instant(log, "completed_at"),
                        log.getInteger("duration_ms"))));
                return execution(execution, nodes);
            });
        });
    }

    private static ExecutionView execution(Row row, List<ExecutionView.NodeLog> nodes) {
        return new ExecutionView(row.getUUID("id"), row.getUUID("strategy_id"), row.getInteger("strategy_version"),
                row.getString("trigger"), row.getString("status"), instant(row, "scheduled_for"),
                instant(row, "started_at"), instant(row, "completed_at"), row.getInteger("duration_ms"),
                row.getInteger("nodes_executed"), row.getString("error"), nodes);
    }

    private JsonNode parse(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
