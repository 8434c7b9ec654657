package io.strategos.api.rest;

import static io.strategos.api.rest.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database's own isolation, beneath the API's WHERE clauses: a query with no owner condition
 * at all sees only the caller's rows (and published templates), and nothing without a caller.
 */
@QuarkusTest
class RowLevelSecurityTest {

    @Inject
    Pool pool;

    private final String alice = Fixtures.newUser();
    private final String bob = Fixtures.newUser();

    private List<String> owners(String user, String table) {
        List<String> owners = new ArrayList<>();
        for (Row row : Sql.as(pool, user, "SELECT owner_id FROM " + table, Tuple.tuple())) {
            owners.add(row.getString("owner_id"));
        }
        return owners;
    }

    @Test
    void aQueryWithoutAnOwnerConditionSeesOnlyTheCallersRows() {
        Fixtures.create(alice, "Alice's");
        String bobs = Fixtures.deployed(bob, "Bob's");
        as(bob).body("{\"marketId\": \"m\"}").post("/api/v1/strategies/" + bobs + "/watchlist").then().statusCode(201);

        assertThat(owners(alice, "strategies WHERE published_version IS NULL")).isNotEmpty().containsOnly(alice);
        assertThat(owners(alice, "watchlist_entries")).doesNotContain(bob);
        assertThat(owners(bob, "watchlist_entries")).contains(bob).containsOnly(bob);
        assertThat(Sql.as(pool, alice, "SELECT 1 FROM strategy_versions WHERE strategy_id = $1",
                Tuple.of(UUID.fromString(bobs))).size()).isZero();
    }

    @Test
    void withoutACallerNothingUnpublishedIsVisible() {
        Fixtures.create(alice, "Hidden");
        var rows = pool.preparedQuery("SELECT count(*) AS n FROM strategies WHERE published_version IS NULL")
                .execute().await().indefinitely();
        assertThat(rows.iterator().next().getLong("n")).isZero();
    }

    @Test
    void rowsCannotBeWrittenForAnotherUser() {
        String alices = Fixtures.create(alice, "Target");
        assertThatThrownBy(() -> Sql.as(pool, bob, """
                INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at,
                                        completed_at, status, duration_ms)
                VALUES ($1, $2, $3, 1, 'manual', $4, $4, $4, 'success', 1)""",
                Tuple.of(UUID.randomUUID(), UUID.fromString(alices), alice, OffsetDateTime.now())))
                .hasMessageContaining("row-level security");
        assertThat(Sql.as(pool, bob, "UPDATE strategies SET name = 'pwned' WHERE id = $1",
                Tuple.of(UUID.fromString(alices))).rowCount()).isZero();
        as(alice).get("/api/v1/strategies/" + alices).then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo("Target"));
    }
}
