package io.strategos.executor.sql;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.strategos.model.schema.RequiredSchema;
import io.strategos.model.schema.StrategySchema;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StrategySchemaCheckTest {

    // A history of its own, so that the test database's real one is left as Flyway wrote it.
    private static final String HISTORY = "schema_check_test.flyway_schema_history";

    @Inject
    Pool pool;

    @BeforeEach
    void history() {
        execute("""
                CREATE SCHEMA IF NOT EXISTS schema_check_test;
                CREATE TABLE schema_check_test.flyway_schema_history (version varchar(50), success boolean NOT NULL);
                INSERT INTO schema_check_test.flyway_schema_history VALUES ('1', true), ('2', true), ('3', false), (NULL, true);
                """);
    }

    @AfterEach
    void dropHistory() {
        execute("DROP SCHEMA schema_check_test CASCADE");
    }

    @Test
    void theMigratedDatabasePasses() {
        assertThatCode(() -> RequiredSchema.require(pool, StrategySchema.HISTORY_TABLE, StrategySchema.VERSION))
                .doesNotThrowAnyException();
    }

    @Test
    void aDatabaseAtOrAheadOfTheBuildPasses() {
        assertThatCode(() -> RequiredSchema.require(pool, HISTORY, 2)).doesNotThrowAnyException();
        assertThatCode(() -> RequiredSchema.require(pool, HISTORY, 1)).doesNotThrowAnyException();
    }

    @Test
    void aDatabaseBehindTheBuildIsRefusedAndAFailedMigrationDoesNotCount() {
        assertThatThrownBy(() -> RequiredSchema.require(pool, HISTORY, 3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is at version 2 and this build needs 3");
    }

    @Test
    void aDatabaseNeverMigratedIsRefused() {
        assertThatThrownBy(() -> RequiredSchema.require(pool, "schema_check_test.no_such_history", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is at version 0 and this build needs 1");
    }

    private void execute(String sql) {
        pool.query(sql).execute().toCompletionStage().toCompletableFuture().join();
    }
}
