package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;

import io.strategos.api.mapping.Cursor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cursor is opaque, but a client can still send one it made up, or one from another list: every list
 * answers such a cursor with 400 naming it, never with the database's refusal of its key as a 500.
 */
@QuarkusTest
class CursorTest {

    private final String user = Fixtures.newUser();

    @Test
    void aCursorWhoseKeyIsNoTimeIsRefusedByEveryListOrderedByTime() {
        String strategy = Fixtures.create(user, "Cursors");
        String notATime = new Cursor("Rain in Berlin", UUID.randomUUID()).encode();
        for (String list : List.of("/api/v1/strategies", "/api/v1/strategies?sort=updated",
                "/api/v1/strategies?q=rain", "/api/v1/templates",
                "/api/v1/strategies/" + strategy + "/executions", "/api/v1/strategies/" + strategy + "/trades",
                "/api/v1/strategies/" + strategy + "/watchlist", "/api/v1/backtests")) {
            as(user).get(list + (list.contains("?") ? "&" : "?") + "cursor=" + notATime).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo("cursor"));
        }
    }

    @Test
    void aCursorWhoseKeyPostgresqlCannotTakeIsRefused() {
        for (String key : List.of("0000-01-01 00:00:00+00", "10000-01-01 00:00:00+00", "2026-12-02 01:00:00+16:00",
                "2026-02-30 01:00:00+00")) {
            as(user).get("/api/v1/strategies?cursor=" + new Cursor(key, UUID.randomUUID()).encode()).then()
                    .statusCode(400).body("errors[0].pointer", equalTo("cursor"));
        }
        // A name may be any text PostgreSQL can store: not one with a NUL.
        as(user).get("/api/v1/strategies?sort=name&cursor=" + new Cursor("A\u0000", UUID.randomUUID()).encode()).then()
                .statusCode(400).body("errors[0].pointer", equalTo("cursor"));
    }

    @Test
    void aCursorOfAListOrderedByTimeServesTheListOrderedByName() {
        Fixtures.create(user, "B");
        Fixtures.create(user, "A");
        String byTime = as(user).get("/api/v1/strategies?limit=1").then().statusCode(200).extract().path("nextCursor");
        // Names compare as text, so any key is a valid position: the page starts after it.
        as(user).get("/api/v1/strategies?sort=name&cursor=" + byTime).then().statusCode(200);
    }
}
