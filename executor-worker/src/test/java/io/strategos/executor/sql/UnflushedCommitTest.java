package io.strategos.executor.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The CTE turns synchronous commit off for its own statement's transaction, and for nothing after it. */
@QuarkusTest
class UnflushedCommitTest {

    private static final String STATEMENT = "WITH " + UnflushedCommit.CTE + " SELECT 1 FROM " + UnflushedCommit.NAME;

    @Inject
    Pool pool;

    @Test
    void itHoldsForTheStatementsTransactionOnly() {
        SqlConnection conn = pool.getConnection().await().indefinitely();
        try {
            conn.query("BEGIN").execute().await().indefinitely();
            conn.query(STATEMENT).execute().await().indefinitely();
            assertThat(setting(conn)).isEqualTo("off");
            conn.query("COMMIT").execute().await().indefinitely();
            assertThat(setting(conn)).isEqualTo("on");

            // A statement of its own is its own transaction: the next one, on the same pooled connection,
            // commits as usual (the batch's recording must wait for the disk).
            conn.query(STATEMENT).execute().await().indefinitely();
            assertThat(setting(conn)).isEqualTo("on");
        } finally {
            conn.close().await().indefinitely();
        }
    }

    private static String setting(SqlConnection conn) {
        return conn.query("SHOW synchronous_commit").execute().await().indefinitely().iterator().next().getString(0);
    }
}
