package io.strategos.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.strategos.api.stream.RunStreamMaintenance;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hourly job that ends the run stream's replay window (strategos.api.stream.replay-window, 24h). */
@QuarkusTest
class RunChangesRetentionTest {

    @Inject
    OwnerPool owner;

    @Inject
    RunStreamMaintenance maintenance;

    private long changes(String user) {
        return Sql.as(owner.pool(), user, "SELECT count(*) AS n FROM run_changes WHERE owner_id = $1", Tuple.of(user))
                .iterator().next().getLong("n");
    }

    private void change(String user, int minutesAgo) {
        Sql.as(owner.pool(), user, """
                INSERT INTO run_changes (owner_id, strategy_id, execution_id, recorded_at)
                VALUES ($1, $2, $3, now() - make_interval(mins => $4))""", Tuple.of(user, UUID.randomUUID(), UUID.randomUUID(), minutesAgo));
    }

    @Test
    void changesOlderThanTheReplayWindowArePrunedAndNewerOnesKept() {
        String user = "retention-" + UUID.randomUUID();
        change(user, 25 * 60);
        change(user, 23 * 60);
        change(user, 1);

        maintenance.prune().await().indefinitely();

        assertThat(changes(user)).isEqualTo(2);
    }
}
