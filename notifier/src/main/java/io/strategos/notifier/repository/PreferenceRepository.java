package io.strategos.notifier.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Users' notification preferences. */
@ApplicationScoped
public class PreferenceRepository {

    private static final String FIND = """
            SELECT enabled, delivery_method
              FROM notifier.notification_settings
             WHERE user_id = $1 AND notification_type = $2
            """;

    /** The user's preference for a type, or the default (enabled, in-app) when they set none. */
    public Uni<Preference> find(SqlClient client, String userId, String type) {
        return client.preparedQuery(FIND).execute(Tuple.of(userId, type)).map(rows -> {
            if (rows.size() == 0) {
                return Preference.DEFAULT;
            }
            var row = rows.iterator().next();
            return new Preference(row.getBoolean("enabled"), row.getString("delivery_method"));
        });
    }

    public record Preference(boolean enabled, String deliveryMethod) {

        public static final Preference DEFAULT = new Preference(true, "in_app");

        public boolean inApp() {
            return enabled && !"email".equals(deliveryMethod);
        }
    }
}
