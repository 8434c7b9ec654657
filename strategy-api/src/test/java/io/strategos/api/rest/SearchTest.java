package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchTest {

    private final String user = Fixtures.newUser();

    @Test
    void searchesNameAndDescriptionByFullText() {
        String elections = Fixtures.create(user, "Election odds", "tracks the senate races", "[\"politics\"]", "votes");
        String weather = Fixtures.create(user, "Rain in Berlin", "weather markets with real volume", "[\"weather\"]", null);
        Fixtures.create(user, "Other", null, "[]", null);

        as(user).get("/api/v1/strategies?q=senate").then().statusCode(200).body("items.id", equalTo(List.of(elections)));
        as(user).get("/api/v1/strategies?q=berlin rain").then().body("items.id", equalTo(List.of(weather)));
        as(user).get("/api/v1/strategies?q=\"real volume\"").then().body("items.id", equalTo(List.of(weather)));
        as(user).get("/api/v1/strategies?q=senate -races").then().body("items", hasSize(0));
        as(user).get("/api/v1/strategies?tag=politics").then().body("items.id", equalTo(List.of(elections)));
        as(user).get("/api/v1/strategies?folder=votes").then().body("items.id", equalTo(List.of(elections)));
        as(user).get("/api/v1/strategies?status=draft&sort=name").then()
                .body("items.name", equalTo(List.of("Election odds", "Other", "Rain in Berlin")));
        as(user).get("/api/v1/strategies?status=running").then().body("items", hasSize(0));
        // Another user's strategies never show up, whatever the search.
        as(Fixtures.newUser()).get("/api/v1/strategies?q=senate").then().body("items", hasSize(0));
    }

    @Test
    void refusesParametersItCannotParse() {
        for (String query : List.of("limit=0", "limit=201", "limit=ten", "sort=colour", "status=sleeping",
                "favorite=yes", "archived=maybe", "cursor=%21%21")) {
            as(user).get("/api/v1/strategies?" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].pointer", equalTo(query.substring(0, query.indexOf('='))));
        }
    }

    @Test
    void pagesStayCorrectWhileStrategiesAreInserted() throws Exception {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            before.add(Fixtures.create(user, "Before " + i));
        }
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try {
            Set<String> seen = new HashSet<>();
            List<String> order = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                String url = "/api/v1/strategies?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
                // New strategies arrive while the client pages through.
                CompletableFuture<?>[] inserts = new CompletableFuture<?>[3];
                for (int i = 0; i < inserts.length; i++) {
                    int n = pages * 10 + i;
                    inserts[i] = CompletableFuture.runAsync(() -> Fixtures.create(user, "During " + n), writers);
                }
                var page = as(user).get(url).then().statusCode(200).extract();
                List<String> ids = page.path("items.id");
                for (String id : ids) {
                    assertThat(seen.add(id)).as("strategy %s shown twice", id).isTrue();
                    order.add(id);
                }
                cursor = page.path("nextCursor");
                CompletableFuture.allOf(inserts).join();
                pages++;
            } while (cursor != null && pages < 50);

            // Every strategy that existed before paging began is seen exactly once, newest first.
            List<String> expected = new ArrayList<>(before);
            java.util.Collections.reverse(expected);
            assertThat(order.stream().filter(before::contains).toList()).isEqualTo(expected);
        } finally {
            writers.shutdownNow();
        }
        as(user).get("/api/v1/strategies?limit=200").then().body("nextCursor", nullValue());
    }
}
