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
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The database's own isolation, beneath the API's WHERE clauses, on the service's own pool: the
 * role strategy-api serves as (strategos_api), not a test arrangement. A query with no owner
 * condition at all sees only the caller's rows (and published templates), nothing without a caller,
 * and the role can do nothing beyond the statements the API runs.
 */
@QuarkusTest
class RowLevelSecurityTest {

    /** Every table with row-level security that strategos_api may read, and how to find one strategy's rows in it. */
    private static final List<String> OWNED_ROWS = List.of(
            "strategies WHERE id = $1",
            "strategy_rows WHERE id = $1",
            "strategy_run_state WHERE strategy_id = $1",
            "strategy_versions WHERE strategy_id = $1",
            "strategy_transitions WHERE strategy_id = $1",
            "watchlist_entries WHERE strategy_id = $1",
            "executions WHERE strategy_id = $1",
            "paper_portfolios WHERE strategy_id = $1",
            "paper_positions WHERE strategy_id = $1",
            "paper_trades WHERE strategy_id = $1");

    /** The service's pool. */
    @Inject
    Pool pool;

    @Inject
    OwnerPool owner;

    private final String alice = Fixtures.newUser();
    private final String bob = Fixtures.newUser();

    private static long count(Pool pool, String user, String rows, UUID strategyId) {
        return Sql.as(pool, user, "SELECT count(*) AS n FROM " + rows, Tuple.of(strategyId)).iterator().next().getLong("n");
    }

    @Test
    void theServiceConnectsAsARoleThatIsHeldToThePolicies() {
        Row role = pool.preparedQuery("""
                        SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
                               EXISTS (SELECT 1 FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owns_tables
                          FROM pg_roles r WHERE r.rolname = current_user""")
                .execute().await().indefinitely().iterator().next();
        assertThat(role.getString("name")).isEqualTo("strategos_api");
        assertThat(role.getBoolean("rolsuper")).isFalse();
        assertThat(role.getBoolean("rolbypassrls")).isFalse();
        assertThat(role.getBoolean("owns_tables")).isFalse();
    }

    /** Bob's strategy with a row in every table: history, transitions, watchlist, runs and a paper account. */
    private UUID bobsStrategyWithEverything() {
        UUID id = UUID.fromString(Fixtures.deployed(bob, "Bob's"));
        as(bob).post("/api/v1/strategies/" + id + "/start").then().statusCode(200);
        as(bob).body("{\"marketId\": \"m\"}").post("/api/v1/strategies/" + id + "/watchlist").then().statusCode(201);
        UUID execution = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        Pool executor = owner.pool();
        Sql.as(executor, bob, """
                INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at,
                                        completed_at, status, duration_ms, node_logs, node_ids, node_types, node_statuses,
                                        node_durations_ms)
                VALUES ($1, $2, $3, 1, 'manual', $4, $4, $4, 'success', 1,
                        '[{"seq": 1, "nodeId": "markets", "nodeType": "polymarket-stream", "status": "success"}]',
                        '{markets}', '{polymarket-stream}', '{success}', '{1}')""", Tuple.of(execution, id, bob, now));
        Sql.as(executor, bob, "INSERT INTO paper_portfolios (strategy_id, owner_id, starting_cash, cash, realized_pnl) VALUES ($1, $2, 1000, 995, 0)",
                Tuple.of(id, bob));
        Sql.as(executor, bob, "INSERT INTO paper_positions (strategy_id, market_id, outcome, quantity, avg_price, question) VALUES ($1, 'm', 'yes', 10, 0.5, 'Q')",
                Tuple.of(id));
        Sql.as(executor, bob, """
                INSERT INTO paper_trades (id, strategy_id, owner_id, market_id, outcome, action, quantity, price)
                VALUES ($1, $2, $3, 'm', 'yes', 'buy', 10, 0.5)""", Tuple.of(UUID.randomUUID(), id, bob));
        return id;
    }

    @Test
    void aQueryWithoutAnOwnerConditionSeesOnlyTheCallersRows() {
        UUID bobs = bobsStrategyWithEverything();
        for (String rows : OWNED_ROWS) {
            assertThat(count(owner.pool(), bob, rows, bobs)).as("bob's rows in %s exist", rows).isPositive();
            assertThat(count(pool, alice, rows, bobs)).as("bob's rows in %s seen by alice", rows).isZero();
            assertThat(count(pool, bob, rows, bobs)).as("bob's rows in %s seen by bob", rows).isPositive();
        }
    }

    @Test
    void withoutACallerNothingUnpublishedIsVisible() {
        UUID bobs = bobsStrategyWithEverything();
        for (String rows : OWNED_ROWS) {
            long seen = pool.preparedQuery("SELECT count(*) AS n FROM " + rows).execute(Tuple.of(bobs))
                    .await().indefinitely().iterator().next().getLong("n");
            assertThat(seen).as("rows in %s without a caller", rows).isZero();
        }
    }

    /**
     * The one-statement reads (V25) name their caller only for the statement that calls them: on the same
     * connection, the next statement has no caller. Were the setting not local, it would pass to whichever
     * request the pool gives that connection next.
     */
    @Test
    void theOneStatementReadsLeaveNoCallerOnTheConnection() {
        UUID bobs = bobsStrategyWithEverything();
        List<String> reads = List.of(
                "SELECT count(*) AS n FROM owned_strategy($1, $2)",
                "SELECT count(*) AS n FROM owned_strategies($1, NULL, NULL, NULL, NULL, NULL, NULL, 'created', NULL, NULL, 50) WHERE id = $2");
        for (String read : reads) {
            Row after = pool.withConnection(c -> c.preparedQuery(read).execute(Tuple.of(bob, bobs))
                            .flatMap(found -> {
                                assertThat(found.iterator().next().getLong("n")).as(read).isOne();
                                return c.query("SELECT current_setting('app.user_id', true) AS caller").execute();
                            }))
                    .await().indefinitely().iterator().next();
            assertThat(after.getString("caller")).as("caller after " + read).isNullOrEmpty();
        }
    }

    /** The policies let anyone read a published template; the reads of one's own strategies do not list it. */
    @Test
    void theOneStatementReadsFindNoStrategyOfAnotherUser() {
        UUID bobs = UUID.fromString(Fixtures.create(bob, "Bob's template"));
        as(bob).post("/api/v1/strategies/" + bobs + "/publish").then().statusCode(200);
        assertThat(count(pool, alice, "strategy_rows WHERE id = $1", bobs)).as("the template, to the policies").isOne();
        assertThat(pool.preparedQuery("SELECT count(*) AS n FROM owned_strategy($1, $2)").execute(Tuple.of(alice, bobs))
                .await().indefinitely().iterator().next().getLong("n")).isZero();
        assertThat(pool.preparedQuery("""
                        SELECT count(*) AS n FROM owned_strategies($1, NULL, NULL, NULL, NULL, NULL, NULL, 'name', NULL, NULL, 1000)
                         WHERE id = $2""").execute(Tuple.of(alice, bobs))
                .await().indefinitely().iterator().next().getLong("n")).isZero();
    }

    @Test
    void rowsCannotBeWrittenForAnotherUser() {
        String alices = Fixtures.create(alice, "Target");
        assertThatThrownBy(() -> Sql.as(pool, bob, """
                INSERT INTO watchlist_entries (id, strategy_id, owner_id, market_id, metadata)
                VALUES ($1, $2, $3, 'm', '{}')""", Tuple.of(UUID.randomUUID(), UUID.fromString(alices), alice)))
                .hasMessageContaining("row-level security");
        assertThat(Sql.as(pool, bob, "UPDATE strategies SET name = 'pwned' WHERE id = $1",
                Tuple.of(UUID.fromString(alices))).rowCount()).isZero();
        assertThat(Sql.as(pool, bob, "DELETE FROM strategies WHERE id = $1",
                Tuple.of(UUID.fromString(alices))).rowCount()).isZero();
        String alicesRunning = Fixtures.deployed(alice, "Running");
        assertThat(Sql.as(pool, bob, "UPDATE strategy_run_state SET next_run_at = NULL WHERE strategy_id = $1",
                Tuple.of(UUID.fromString(alicesRunning))).rowCount()).isZero();
        as(alice).get("/api/v1/strategies/" + alices).then().statusCode(200).body("name", Matchers.equalTo("Target"));
    }

    /** The role has no DELETE on the run tables: the foreign keys' cascades run as the tables' owner. */
    @Test
    void deletingAStrategyTakesItsRunsAndPaperAccountWithIt() {
        UUID bobs = bobsStrategyWithEverything();
        as(bob).post("/api/v1/strategies/" + bobs + "/stop").then().statusCode(200);
        as(bob).delete("/api/v1/strategies/" + bobs).then().statusCode(204);
        for (String rows : OWNED_ROWS) {
            assertThat(count(owner.pool(), bob, rows, bobs)).as("rows in %s after the delete", rows).isZero();
        }
    }

    @Test
    void theRoleCanRunNothingBeyondWhatTheApiRuns() {
        String alices = Fixtures.create(alice, "Target");
        Tuple strategy = Tuple.of(UUID.fromString(alices));
        for (String statement : List.of(
                "INSERT INTO executions (id, strategy_id, owner_id, strategy_version, trigger, scheduled_for, started_at, status) "
                        + "VALUES (gen_random_uuid(), $1, 'x', 1, 'manual', now(), now(), 'success')",
                "SELECT * FROM run_requests WHERE strategy_id = $1",
                "DELETE FROM strategy_versions WHERE strategy_id = $1",
                "DELETE FROM strategy_run_state WHERE strategy_id = $1",
                "UPDATE paper_portfolios SET cash = 0 WHERE strategy_id = $1",
                "SELECT * FROM outbox_events WHERE message_key = $1::uuid::text")) {
            assertThatThrownBy(() -> Sql.as(pool, alice, statement, strategy)).as(statement)
                    .hasMessageContaining("permission denied");
        }
    }
}
