package io.strategos.model.stream;

/**
 * The PostgreSQL channel on which a recorded run or status change is announced, with its user's id as
 * the payload: executor-worker NOTIFYs once a batch of runs has committed, V14's trigger on status
 * changes from their own transaction, and strategy-api's replicas LISTEN to wake that user's run streams.
 */
public final class RunChangeChannel {

    public static final String NAME = "strategos_runs";

    private RunChangeChannel() {
    }
}
