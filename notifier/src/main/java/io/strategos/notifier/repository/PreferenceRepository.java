package io.strategos.notifier.repository;

import io.smallrye.mutiny.Uni;
import io.strategos.model.event.EventType;
import io.strategos.notifier.preference.DefaultPreferences;
import io.strategos.notifier.preference.DeliveryMethod;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.QuietHours;
import io.strategos.notifier.preference.TypePreference;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Users' notification preferences and profiles; what a user has not set reads as its default. */
@ApplicationScoped
public class PreferenceRepository {

    // One row per (user, type) asked for, whatever the user has set: the LEFT JOINs leave what is missing null.
    private static final String FIND_FOR_DELIVERY = """
            SELECT r.user_id, r.notification_type, p.time_zone, p.email,
                   s.enabled, s.delivery_method, s.quiet_hours_enabled, s.quiet_hours_start, s.quiet_hours_end
              FROM unnest($1::text[], $2::text[]) AS r(user_id, notification_type)
              LEFT JOIN notifier.notification_profiles p ON p.user_id = r.user_id
              LEFT JOIN notifier.notification_settings s
                     ON s.user_id = r.user_id AND s.notification_type = r.notification_type
            """;

    private static final String FIND_SETTINGS = """
            SELECT notification_type, enabled, delivery_method, quiet_hours_enabled, quiet_hours_start, quiet_hours_end
              FROM notifier.notification_settings
             WHERE user_id = $1
            """;

    private static final String FIND_PROFILE = """
            SELECT time_zone, email
              FROM notifier.notification_profiles
             WHERE user_id = $1
            """;

    private static final String SAVE_SETTING = """
            INSERT INTO notifier.notification_settings
                   (user_id, notification_type, enabled, delivery_method, quiet_hours_enabled, quiet_hours_start, quiet_hours_end, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (user_id, notification_type) DO UPDATE
               SET enabled = EXCLUDED.enabled,
                   delivery_method = EXCLUDED.delivery_method,
                   quiet_hours_enabled = EXCLUDED.quiet_hours_enabled,
                   quiet_hours_start = EXCLUDED.quiet_hours_start,
                   quiet_hours_end = EXCLUDED.quiet_hours_end,
                   updated_at = EXCLUDED.updated_at
            """;

    private static final String SAVE_PROFILE = """
            INSERT INTO notifier.notification_profiles (user_id, time_zone, email, updated_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id) DO UPDATE
               SET time_zone = EXCLUDED.time_zone,
                   email = EXCLUDED.email,
                   updated_at = EXCLUDED.updated_at
            """;

    private final Pool pool;

    public PreferenceRepository(Pool pool) {
        this.pool = pool;
    }

    /** Each user's preference for the type and their profile, defaults filled in. */
    public Uni<Map<RecipientKey, Recipient>> findForDelivery(SqlClient client, Collection<RecipientKey> keys) {
        return client.preparedQuery(FIND_FOR_DELIVERY).execute(Tuple.of(
                        keys.stream().map(RecipientKey::userId).toArray(String[]::new),
                        keys.stream().map(key -> key.type().typeName()).toArray(String[]::new)))
                .map(rows -> {
                    Map<RecipientKey, Recipient> recipients = new HashMap<>();
                    rows.forEach(row -> {
                        EventType type = EventType.fromTypeName(row.getString("notification_type")).orElseThrow();
                        TypePreference preference = row.getBoolean("enabled") == null ? DefaultPreferences.of(type) : typePreference(row);
                        recipients.put(new RecipientKey(row.getString("user_id"), type), new Recipient(preference, profile(row)));
                    });
                    return recipients;
                });
    }

    /** Every type's preference for the user, defaults filled in, in the order of {@link EventType}. */
    public Uni<Map<EventType, TypePreference>> findSettings(String userId) {
        return pool.preparedQuery(FIND_SETTINGS).execute(Tuple.of(userId)).map(rows -> {
            Map<EventType, TypePreference> settings = new EnumMap<>(EventType.class);
            for (EventType type : EventType.values()) {
                settings.put(type, DefaultPreferences.of(type));
            }
            // A row for a type this version no longer knows is ignored.
            rows.forEach(row -> EventType.fromTypeName(row.getString("notification_type"))
                    .ifPresent(type -> settings.put(type, typePreference(row))));
            return settings;
        });
    }

    public Uni<Profile> findProfile(String userId) {
        return pool.preparedQuery(FIND_PROFILE).execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Profile.DEFAULT : profile(rows.iterator().next()));
    }

    public Uni<Void> saveSetting(String userId, EventType type, TypePreference preference, OffsetDateTime now) {
        QuietHours window = preference.quietHours();
        return pool.preparedQuery(SAVE_SETTING).execute(Tuple.from(Arrays.asList(userId, type.typeName(), preference.enabled(),
                        preference.deliveryMethod().value(), preference.quietHoursEnabled(),
                        window == null ? null : window.start(), window == null ? null : window.end(), now)))
                .replaceWithVoid();
    }

    public Uni<Void> saveProfile(String userId, Profile profile, OffsetDateTime now) {
        return pool.preparedQuery(SAVE_PROFILE).execute(Tuple.from(Arrays.asList(userId, profile.timeZone().getId(), profile.email(), now)))
                .replaceWithVoid();
    }

    private static TypePreference typePreference(Row row) {
        LocalTime start = row.getLocalTime("quiet_hours_start");
        LocalTime end = row.getLocalTime("quiet_hours_end");
        QuietHours window = start == null || end == null || start.equals(end) ? null : new QuietHours(start, end);
        return new TypePreference(row.getBoolean("enabled"),
                DeliveryMethod.fromValue(row.getString("delivery_method")).orElse(DeliveryMethod.IN_APP),
                row.getBoolean("quiet_hours_enabled") && window != null, window);
    }

    private static Profile profile(Row row) {
        String zone = row.getString("time_zone");
        return zone == null ? Profile.DEFAULT : new Profile(ZoneId.of(zone), row.getString("email"));
    }

    /** A user, as the recipient of one type of notification. */
    public record RecipientKey(String userId, EventType type) {
    }

    /** Whom a notification goes to, and how they want it. */
    public record Recipient(TypePreference preference, Profile profile) {
    }
}
