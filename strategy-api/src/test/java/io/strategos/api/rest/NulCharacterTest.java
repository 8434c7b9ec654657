package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A NUL character is text PostgreSQL refuses (in text and in jsonb): wherever a request carries one, it
 * is a 400 naming the field, never a 500 from the database.
 */
@QuarkusTest
class NulCharacterTest {

    /** A JSON escape: the body holds the six characters, the parsed string the NUL. */
    private static final String NUL = "\\u0000";

    private final String user = Fixtures.newUser();

    private static void refused(io.restassured.response.Response response, String pointer) {
        response.then().statusCode(400).contentType("application/problem+json");
        List<Map<String, String>> errors = response.jsonPath().getList("errors");
        String message = (pointer.contains(NUL) ? "the field name " : "") + "must not contain the NUL character (\\u0000)";
        assertThat(errors).contains(Map.of("pointer", pointer, "message", message));
    }

    @Test
    void inTheNameDescriptionTagsAndFolderOfANewStrategy() {
        var response = as(user).body(Fixtures.body("Na" + NUL + "me", "de" + NUL + "sc", "[\"ok\", \"t" + NUL + "\"]",
                "fold" + NUL + "er")).post("/api/v1/strategies");
        refused(response, "/name");
        refused(response, "/description");
        refused(response, "/tags/1");
        refused(response, "/folder");
    }

    @Test
    void inAReplacedStrategy() {
        String id = Fixtures.create(user, "Clean");
        String etag = as(user).get("/api/v1/strategies/" + id).header("ETag");
        refused(as(user).header("If-Match", etag).body(Fixtures.body("Dirty" + NUL, null, "[]", null))
                .put("/api/v1/strategies/" + id), "/name");
    }

    @Test
    void inTheGraphNodeConfigValuesAndKeysAndIds() {
        String body = """
                {"name": "Graph", "graph": {"nodes": [
                  {"id": "markets", "type": "polymarket-stream", "config": {"categories": ["poli%1$stics"], "limit": 20}},
                  {"id": "liquid", "type": "filter", "config": {"conditions": [], "x%1$sy": 1}}],
                 "edges": [{"source": "markets", "target": "liquid"}]}}""".formatted(NUL);
        var response = as(user).body(body).post("/api/v1/strategies");
        refused(response, "/graph/nodes/0/config/categories/0");
        refused(response, "/graph/nodes/1/config/x" + NUL + "y");
    }

    @Test
    void inADeployment() {
        String id = Fixtures.create(user, "Deployed");
        refused(as(user).body("""
                {"schedule": {"type": "cron", "expression": "* * * * *", "timezone": "UTC%s"}, "tradingMode": "paper",
                 "paperBankrollUsd": 1000}""".formatted(NUL)).post("/api/v1/strategies/" + id + "/deploy"),
                "/schedule/timezone");
    }

    @Test
    void inAWatchlistEntry() {
        String id = Fixtures.create(user, "Watching");
        refused(as(user).body("{\"marketId\": \"m1\", \"reason\": \"why" + NUL + "\"}")
                .post("/api/v1/strategies/" + id + "/watchlist"), "/reason");
    }

    /** Quarkus routes no path with a NUL in it: the entry cannot exist. */
    @Test
    void inAWatchlistEntryToRemove() {
        String id = Fixtures.create(user, "Unwatching");
        as(user).delete("/api/v1/strategies/" + id + "/watchlist/m%001").then().statusCode(404);
    }

    @Test
    void inSearchParameters() {
        for (String name : new String[] {"q", "tag", "folder"}) {
            as(user).queryParam(name, "a\u0000b").get("/api/v1/strategies").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].pointer", equalTo(name));
        }
        as(user).queryParam("q", "a\u0000b").get("/api/v1/templates").then().statusCode(400)
                .body("errors[0].pointer", equalTo("q"));
    }
}
