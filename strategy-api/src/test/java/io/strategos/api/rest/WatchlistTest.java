package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WatchlistTest {

    private final String user = Fixtures.newUser();

    @Test
    void addingAMarketTwiceReturnsTheExistingEntry() {
        String id = Fixtures.create(user, "Watcher");
        String url = "/api/v1/strategies/" + id + "/watchlist";
        String entry = as(user).body("""
                        {"marketId": "m-1", "reason": "moving", "metadata": {"question": "Will it rain?", "price": 0.4}}""")
                .post(url).then().statusCode(201)
                .body("marketId", equalTo("m-1")).body("reason", equalTo("moving"))
                .body("metadata.price", equalTo(0.4f)).body("addedAt", notNullValue())
                .body("addedByExecutionId", nullValue())
                .extract().path("id");
        as(user).body("{\"marketId\": \"m-1\", \"reason\": \"again\"}").post(url).then().statusCode(200)
                .body("id", equalTo(entry)).body("reason", equalTo("moving"));
        as(user).body("{\"marketId\": \"m-2\"}").post(url).then().statusCode(201).body("metadata", equalTo(java.util.Map.of()));
        as(user).body("{\"marketId\": \"m-3\"}").post(url).then().statusCode(201);

        as(user).get(url + "?limit=2").then().statusCode(200)
                .body("items.marketId", equalTo(List.of("m-3", "m-2")));
        String cursor = as(user).get(url + "?limit=2").then().extract().path("nextCursor");
        as(user).get(url + "?limit=2&cursor=" + cursor).then().body("items.marketId", equalTo(List.of("m-1")))
                .body("nextCursor", nullValue());

        as(user).delete(url + "/m-2").then().statusCode(204);
        as(user).delete(url + "/m-2").then().statusCode(404).contentType("application/problem+json");
        as(user).get(url).then().body("items", hasSize(2));
    }

    @Test
    void validatesAndIsolates() {
        String id = Fixtures.create(user, "Guarded");
        String url = "/api/v1/strategies/" + id + "/watchlist";
        as(user).body("{\"marketId\": \" \", \"reason\": \"" + "r".repeat(1001) + "\"}").post(url).then().statusCode(400)
                .contentType("application/problem+json").body("errors.pointer", hasItems("/marketId", "/reason"));
        as(user).body("{\"marketId\": \"m\", \"metadata\": [1, 2]}").post(url).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/metadata"));
        as(user).body("{\"marketId\": \"m\"}").post(url).then().statusCode(201);

        String stranger = Fixtures.newUser();
        as(stranger).get(url).then().statusCode(404);
        as(stranger).body("{\"marketId\": \"x\"}").post(url).then().statusCode(404);
        as(stranger).delete(url + "/m").then().statusCode(404);
        as(user).get(url).then().body("items", hasSize(1));
    }
}
