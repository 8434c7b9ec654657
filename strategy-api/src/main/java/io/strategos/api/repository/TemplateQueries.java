package io.strategos.api.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.strategos.api.mapping.Cursor;
import io.strategos.api.mapping.TemplateView;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Public templates: the one read shared between users. A template is the version its owner
 * published, read from strategy_versions, so later edits stay private until published again.
 */
@ApplicationScoped
public class TemplateQueries {

    private static final String COLUMNS = """
            s.id, v.name, v.description, s.tags, v.version, v.graph::text AS graph, s.published_at""";

    // The search text becomes a tsquery once per statement, not once per row (see StrategyQueries.Sort).
    private static final String LIST = """
            SELECT %s, s.published_at::text AS sort_key
              FROM strategies s
              JOIN strategy_versions v ON v.strategy_id = s.id AND v.version = s.published_version
             WHERE s.published_version IS NOT NULL
               AND ($1::text IS NULL OR v.search @@ (SELECT websearch_to_tsquery('simple', $1::text)))
               AND ($2::text IS NULL OR s.tags @> ARRAY[$2::text])
               AND ($3::text IS NULL OR (s.published_at, s.id) < ($3::text::timestamptz, $4::uuid))
             ORDER BY s.published_at DESC, s.id DESC
             LIMIT $5
            """.formatted(COLUMNS);

    public record Found(TemplateView template, String sortKey) {
    }

    private final CallerScope scope;
    private final ObjectMapper json;

    public TemplateQueries(CallerScope scope, ObjectMapper json) {
        this.scope = scope;
        this.json = json;
    }

    public Uni<List<Found>> list(String callerId, String query, String tag, Cursor after, int limit) {
        Tuple args = Tuple.tuple().addString(query).addString(tag)
                .addString(after == null ? null : after.key()).addUUID(after == null ? null : after.id())
                .addInteger(limit);
        return scope.run(callerId, c -> c.preparedQuery(LIST).execute(args).map(rows -> {
            List<Found> found = new ArrayList<>(rows.size());
            rows.forEach(row -> found.add(new Found(template(row), row.getString("sort_key"))));
            return found;
        }));
    }

    private TemplateView template(Row row) {
        try {
            return new TemplateView(row.getUUID("id"), row.getString("name"), row.getString("description"),
                    Arrays.asList(row.getArrayOfStrings("tags")), row.getInteger("version"),
                    json.readTree(row.getString("graph")), StrategyRows.instant(row, "published_at"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
