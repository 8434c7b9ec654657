package io.strategos.executor.pipeline;

/** A node could not do its work: bad configuration, or its data source failed. */
public class NodeFailure extends Exception {

    public NodeFailure(String message) {
        super(message);
    }

    public NodeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
