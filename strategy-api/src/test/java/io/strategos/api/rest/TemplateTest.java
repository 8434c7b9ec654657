package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TemplateTest {

    private final String author = Fixtures.newUser();
    private final String reader = Fixtures.newUser();

    @Test
    void aPublishedVersionIsSharedUntilUnpublished() {
        String name = "Template " + UUID.randomUUID();
        String id = Fixtures.create(author, name, "shared wisdom", "[\"shared\"]", "private-folder");
        as(author).post("/api/v1/strategies/" + id + "/publish").then().statusCode(200).body("publishedVersion", equalTo(1));
        // Later edits stay private until published again.
        as(author).body(Fixtures.body("Secret edit", null, "[\"shared\"]", null)).put("/api/v1/strategies/" + id)
                .then().statusCode(200);

        as(reader).get("/api/v1/templates?limit=200").then().statusCode(200).body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.name", equalTo(name))
                .body("items.find { it.id == '" + id + "' }.version", equalTo(1));
        as(reader).get("/api/v1/templates?q=wisdom&tag=shared&limit=200").then().body("items.id", hasItem(id));

        String copy = as(reader).post("/api/v1/templates/" + id + "/copy").then().statusCode(201)
                .body("name", equalTo(name)).body("status", equalTo("draft")).body("folder", nullValue())
                .body("publishedVersion", nullValue())
                .extract().path("id");
        as(reader).get("/api/v1/strategies/" + copy).then().statusCode(200);
        as(author).get("/api/v1/strategies/" + copy).then().statusCode(404);

        // Only the author can change or withdraw it.
        as(reader).post("/api/v1/strategies/" + id + "/publish").then().statusCode(404);
        as(reader).delete("/api/v1/strategies/" + id + "/publish").then().statusCode(404);
        as(reader).get("/api/v1/strategies/" + id).then().statusCode(404);

        as(author).post("/api/v1/strategies/" + id + "/publish").then().statusCode(200).body("publishedVersion", equalTo(2));
        as(reader).get("/api/v1/templates?limit=200").then()
                .body("items.find { it.id == '" + id + "' }.name", equalTo("Secret edit"));

        as(author).delete("/api/v1/strategies/" + id + "/publish").then().statusCode(204);
        as(reader).get("/api/v1/templates?limit=200").then().body("items.id", not(hasItem(id)));
        as(reader).post("/api/v1/templates/" + id + "/copy").then().statusCode(404).contentType("application/problem+json");
        as(reader).post("/api/v1/templates/" + UUID.randomUUID() + "/copy").then().statusCode(404);
    }

    @Test
    void anArchivedStrategyCannotBePublished() {
        String id = Fixtures.create(author, "Old");
        as(author).post("/api/v1/strategies/" + id + "/archive").then().statusCode(200);
        as(author).post("/api/v1/strategies/" + id + "/publish").then().statusCode(409);
    }
}
