package io.strategos.notifier.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.strategos.localstack.testing.JwtTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The notifications API, on notifications written straight to PostgreSQL. */
@QuarkusTest
class NotificationResourceTest {

    private static final String NOTIFICATIONS = "/api/v1/notifications";
    private static final Pattern NEXT_CURSOR = Pattern.compile("[?&]cursor=([^&>]+)[^>]*>; rel=\"next\"");

    @Inject
    Pool pool;

    private final String user = "user-" + UUID.randomUUID();
    private final String stranger = "stranger-" + UUID.randomUUID();
    private final OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(JwtTestResource.token(user));
    }

    /** A notification of the user's, created {@code minutesAgo} before the test's start. */
    private UUID notification(String user, String type, int minutesAgo) {
        UUID id = UUID.randomUUID();
        OffsetDateTime at = base.minusMinutes(minutesAgo);
        pool.preparedQuery("""
                        INSERT INTO notifier.notifications
                               (id, user_id, type, title, message, priority, strategy_id, source_event_id, created_at, last_occurred_at)
                        VALUES ($1, $2, $3, 'title', 'message', 'normal', $4, $5, $6, $6)
                        """)
                .execute(Tuple.from(List.of(id, user, type, UUID.randomUUID(), UUID.randomUUID().toString(), at)))
                .await().indefinitely();
        return id;
    }

    /** The page's nextCursor, checked against its Link header's next URL. */
    private static String nextCursor(Response page) {
        String cursor = page.jsonPath().getString("nextCursor");
        String link = page.header("Link");
        if (link == null) {
            assertThat(cursor).isNull();
            return null;
        }
        Matcher matcher = NEXT_CURSOR.matcher(link);
        assertThat(matcher.find()).as(link).isTrue();
        assertThat(URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8)).isEqualTo(cursor);
        return cursor;
    }

    @Test
    void pagesFollowEachOtherAndStayStableWhileNewOnesArrive() {
        List<UUID> oldestLast = List.of(notification(user, "custom", 1), notification(user, "custom", 2),
                notification(user, "custom", 3), notification(user, "custom", 4), notification(user, "custom", 5));

        Response first = as(user).get(NOTIFICATIONS + "?limit=2").then().statusCode(200).body("items", hasSize(2)).extract().response();
        assertThat(first.jsonPath().getList("items.id", String.class)).containsExactly(oldestLast.get(0).toString(), oldestLast.get(1).toString());
        String cursor = nextCursor(first);
        assertThat(cursor).isNotNull();

        // A newer notification arriving between pages does not shift the next page.
        notification(user, "custom", 0);
        Response second = as(user).queryParam("limit", 2).queryParam("cursor", cursor).get(NOTIFICATIONS)
                .then().statusCode(200).extract().response();
        assertThat(second.jsonPath().getList("items.id", String.class)).containsExactly(oldestLast.get(2).toString(), oldestLast.get(3).toString());

        Response last = as(user).queryParam("limit", 2).queryParam("cursor", nextCursor(second)).get(NOTIFICATIONS)
                .then().statusCode(200).extract().response();
        assertThat(last.jsonPath().getList("items.id", String.class)).containsExactly(oldestLast.get(4).toString());
        assertThat(nextCursor(last)).isNull();
    }

    @Test
    void filtersByTypeAndUnread() {
        UUID failed = notification(user, "execution_failed", 1);
        notification(user, "custom", 2);
        as(user).post(NOTIFICATIONS + "/" + failed + "/read").then().statusCode(204);

        as(user).get(NOTIFICATIONS + "?type=execution_failed").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].read", equalTo(true)).body("items[0].count", equalTo(1));
        as(user).get(NOTIFICATIONS + "?unread=true").then().statusCode(200).body("items.type", equalTo(List.of("custom")));
        as(user).get(NOTIFICATIONS + "?unread=false").then().statusCode(200).body("items.type", equalTo(List.of("execution_failed")));
    }

    @Test
    void readingClearingAndCounting() {
        UUID first = notification(user, "custom", 1);
        UUID second = notification(user, "custom", 2);
        notification(user, "custom", 3);
        as(user).get(NOTIFICATIONS + "/unread-count").then().statusCode(200).body("count", equalTo(3));

        as(user).post(NOTIFICATIONS + "/" + first + "/read").then().statusCode(204);
        as(user).get(NOTIFICATIONS + "/unread-count").then().body("count", equalTo(2));

        as(user).delete(NOTIFICATIONS + "/" + second).then().statusCode(204);
        as(user).get(NOTIFICATIONS).then().body("items", hasSize(2));
        as(user).delete(NOTIFICATIONS + "/" + second).then().statusCode(404).contentType("application/problem+json");

        as(user).post(NOTIFICATIONS + "/read-all").then().statusCode(204);
        as(user).get(NOTIFICATIONS + "/unread-count").then().body("count", equalTo(0));
        as(user).get(NOTIFICATIONS + "?unread=true").then().body("items", hasSize(0));
    }

    @Test
    void anotherUsersNotificationDoesNotExist() {
        UUID theirs = notification(stranger, "custom", 1);
        notification(user, "custom", 1);

        as(user).post(NOTIFICATIONS + "/" + theirs + "/read").then().statusCode(404).contentType("application/problem+json");
        as(user).delete(NOTIFICATIONS + "/" + theirs).then().statusCode(404).contentType("application/problem+json");
        as(user).post(NOTIFICATIONS + "/read-all").then().statusCode(204);
        as(user).post(NOTIFICATIONS + "/not-a-uuid/read").then().statusCode(404).contentType("application/problem+json");

        as(stranger).get(NOTIFICATIONS).then().body("items", hasSize(1)).body("items[0].read", equalTo(false));
        as(stranger).get(NOTIFICATIONS + "/unread-count").then().body("count", equalTo(1));
    }

    @Test
    void invalidQueriesAreNamed() {
        as(user).get(NOTIFICATIONS + "?cursor=garbage").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("cursor"));
        as(user).get(NOTIFICATIONS + "?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].pointer", equalTo("limit"));
        as(user).get(NOTIFICATIONS + "?limit=201").then().statusCode(400).body("errors[0].pointer", equalTo("limit"));
        as(user).get(NOTIFICATIONS + "?type=nonsense").then().statusCode(400).body("errors[0].pointer", equalTo("type"));
    }

    @Test
    void aTokenIsRequired() {
        UUID id = notification(user, "custom", 1);
        given().get(NOTIFICATIONS + "/unread-count").then().statusCode(401).contentType("application/problem+json");
        given().post(NOTIFICATIONS + "/" + id + "/read").then().statusCode(401).contentType("application/problem+json");
        given().post(NOTIFICATIONS + "/read-all").then().statusCode(401).contentType("application/problem+json");
        given().delete(NOTIFICATIONS + "/" + id).then().statusCode(401).contentType("application/problem+json");
        as(user).get(NOTIFICATIONS + "/unread-count").then().body("count", equalTo(1));
    }
}
