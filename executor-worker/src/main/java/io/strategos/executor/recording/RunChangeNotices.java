package io.strategos.executor.recording;

import io.strategos.executor.pipeline.RunResult;
import io.strategos.executor.sql.UnflushedCommit;
import io.strategos.model.stream.RunChangeChannel;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells strategy-api's replicas whose runs a batch recorded, once the batch has committed, so that those
 * users' run streams read them at once. Not from the recording transaction: a transaction that NOTIFYs
 * holds a database-wide lock through its commit, which serialised every batch's commit (V24). A notice
 * lost here (a crash just after the commit) delays those streams until strategy-api's catch-up, and
 * loses nothing: the runs are in run_changes.
 */
@ApplicationScoped
public class RunChangeNotices {

    private static final Logger LOG = Logger.getLogger(RunChangeNotices.class);

    // A notice is a hint (the streams catch up without it), so its commit need not wait for the disk.
    private static final String NOTIFY = """
            WITH %s
            SELECT pg_notify('%s', owner_id)
              FROM unnest($1::text[]) AS u(owner_id), %s
            """.formatted(UnflushedCommit.CTE, RunChangeChannel.NAME, UnflushedCommit.NAME);

    private final Pool pool;

    public RunChangeNotices(Pool pool) {
        this.pool = pool;
    }

    /** Sends, without waiting for it, one notice per user with runs in {@code recorded}. */
    void announce(List<RunResult> recorded) {
        String[] owners = recorded.stream().map(r -> r.run().ownerId()).distinct().toArray(String[]::new);
        if (owners.length == 0) {
            return;
        }
        pool.preparedQuery(NOTIFY).execute(Tuple.of(owners)).subscribe().with(
                ignored -> { },
                failure -> LOG.warnf("run streams were not told of %d users' runs (they catch up): %s",
                        owners.length, failure.getMessage()));
    }
}
