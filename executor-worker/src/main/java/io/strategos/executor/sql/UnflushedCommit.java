package io.strategos.executor.sql;

/**
 * A common table expression that lets the statement's own transaction commit without waiting for its
 * WAL to reach the disk ({@code synchronous_commit = off} for that transaction only: {@code set_config}'s
 * {@code true} is SET LOCAL, and a single statement is its own transaction). Join it into a statement's
 * FROM or USING list, as {@link #NAME}.
 *
 * <p>Only for writes whose loss in a PostgreSQL crash is harmless, because something else makes the work
 * come out right: a claim's lease (lost, the slot is claimed again, and the one-run-per-slot key drops
 * the second recording), the relay's delete of what Kafka acknowledged (lost, the events go out again,
 * and consumers drop them by event id), and the run-change notice (a hint; the streams catch up). A flush
 * took 2 to 4 ms per commit on a busy machine (BENCHMARKS.md, session 7), and a pipeline waiting for its
 * claim's flush runs nothing meanwhile. The batch's recording, which must survive, still waits for its own.
 */
public final class UnflushedCommit {

    public static final String NAME = "unflushed_commit";

    /** {@code unflushed_commit AS (...)}, to go in a WITH list. */
    public static final String CTE = NAME + " AS (SELECT set_config('synchronous_commit', 'off', true))";

    private UnflushedCommit() {
    }
}
