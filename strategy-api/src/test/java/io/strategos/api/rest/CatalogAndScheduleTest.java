package io.strategos.api.rest;

import static io.restassured.RestAssured.given;
import static io.strategos.api.rest.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogAndScheduleTest {

    private final String user = Fixtures.newUser();

    @Test
    void theCatalogListsEveryNodeTypeWithItsSchema() {
        as(user).get("/api/v1/node-types").then().statusCode(200)
                .body("type", equalTo(List.of("polymarket-stream", "filter", "watchlist", "orchestrator", "notify")))
                .body("[0].source", equalTo(true))
                .body("[1].configSchema.properties.conditions.items.required", equalTo(List.of("field", "operator", "value")))
                .body("[0].configSchema.properties.limit.maximum", equalTo(500));
    }

    @Test
    void previewsCronFireTimesInTheZone() {
        List<String> fires = as(user).get("/api/v1/schedules/preview?cron=30 9 * * 1-5&timezone=Europe/Berlin&count=3")
                .then().statusCode(200)
                .body("timezone", equalTo("Europe/Berlin"))
                .body("fireTimes", hasSize(3))
                .body("localFireTimes", hasSize(3))
                .extract().path("fireTimes");
        for (String fire : fires) {
            ZonedDateTime local = Instant.parse(fire).atZone(ZoneId.of("Europe/Berlin"));
            org.assertj.core.api.Assertions.assertThat(local.getHour()).isEqualTo(9);
            org.assertj.core.api.Assertions.assertThat(local.getMinute()).isEqualTo(30);
            org.assertj.core.api.Assertions.assertThat(local.getDayOfWeek().getValue()).isBetween(1, 5);
        }
        as(user).get("/api/v1/schedules/preview?cron=*/5 * * * *").then().statusCode(200)
                .body("timezone", equalTo("UTC")).body("fireTimes", hasSize(5));
    }

    @Test
    void explainsWhatIsWrongWithASchedule() {
        as(user).get("/api/v1/schedules/preview?cron=61 * * * *&timezone=Mars/Olympus").then().statusCode(400)
                .contentType("application/problem+json").body("errors.pointer", hasItems("cron", "timezone"));
        as(user).get("/api/v1/schedules/preview").then().statusCode(400).body("errors[0].pointer", equalTo("cron"));
        as(user).get("/api/v1/schedules/preview?cron=* * * * * *").then().statusCode(400).body("errors[0].pointer", equalTo("cron"));
        as(user).get("/api/v1/schedules/preview?cron=* * * * *&count=51").then().statusCode(400)
                .body("errors[0].pointer", equalTo("count"));
    }

    @Test
    void everyEndpointNeedsAToken() {
        for (String path : List.of("/api/v1/node-types", "/api/v1/schedules/preview?cron=*%20*%20*%20*%20*", "/api/v1/templates",
                "/api/v1/strategies/00000000-0000-0000-0000-000000000000/stats",
                "/api/v1/strategies/00000000-0000-0000-0000-000000000000/watchlist",
                "/api/v1/strategies/00000000-0000-0000-0000-000000000000/portfolio",
                "/api/v1/strategies/00000000-0000-0000-0000-000000000000/versions")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
        }
        for (String path : List.of("/api/v1/strategies/00000000-0000-0000-0000-000000000000/start",
                "/api/v1/strategies/00000000-0000-0000-0000-000000000000/runs",
                "/api/v1/templates/00000000-0000-0000-0000-000000000000/copy")) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void openApiDescribesTheWholeContract() {
        var api = given().get("/q/openapi?format=json").then().statusCode(200);
        for (String path : List.of("/api/v1/strategies", "/api/v1/strategies/{id}", "/api/v1/strategies/{id}/versions",
                "/api/v1/strategies/{id}/runs", "/api/v1/strategies/{id}/watchlist", "/api/v1/strategies/{id}/stats",
                "/api/v1/strategies/{id}/portfolio", "/api/v1/templates", "/api/v1/schedules/preview", "/api/v1/node-types")) {
            api.body("paths.'" + path + "'", notNullValue());
        }
        api.body("components.schemas.DeployRequest.properties.schedule", notNullValue())
                .body("components.schemas.StrategyView", notNullValue())
                .body("components.schemas.Page", org.hamcrest.Matchers.anything());
    }
}
