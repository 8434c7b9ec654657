package io.strategos.api.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.strategos.localstack.testing.JwtTestResource;
import java.util.UUID;

/** Requests shared by the endpoint tests. */
final class Fixtures {

    static final String GRAPH = """
            {"nodes": [{"id": "markets", "type": "polymarket-stream", "config": {"limit": 20}},
                       {"id": "liquid", "type": "filter",
                        "config": {"conditions": [{"field": "volume24h", "operator": "gt", "value": 5000}]}}],
             "edges": [{"source": "markets", "target": "liquid"}]}""";

    static final String DEPLOY_STOPPED = """
            {"schedule": {"type": "interval", "everySeconds": 60}, "tradingMode": "paper", "paperBankrollUsd": 1000}""";

    private Fixtures() {
    }

    static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(JwtTestResource.token(user)).contentType(ContentType.JSON);
    }

    static String body(String name, String description, String tags, String folder) {
        return """
                {"name": "%s", "description": %s, "tags": %s, "folder": %s, "graph": %s}"""
                .formatted(name, description == null ? "null" : "\"" + description + "\"", tags,
                        folder == null ? "null" : "\"" + folder + "\"", GRAPH);
    }

    static String create(String user, String name) {
        return post(user, body(name, null, "[]", null));
    }

    static String create(String user, String name, String description, String tags, String folder) {
        return post(user, body(name, description, tags, folder));
    }

    private static String post(String user, String body) {
        return as(user).body(body).post("/api/v1/strategies").then().statusCode(201).extract().path("id");
    }

    /** Deployed without starting: status stopped. */
    static String deployed(String user, String name) {
        String id = create(user, name);
        as(user).body(DEPLOY_STOPPED).post("/api/v1/strategies/" + id + "/deploy").then().statusCode(200);
        return id;
    }
}
