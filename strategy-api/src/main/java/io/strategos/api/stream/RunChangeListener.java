package io.strategos.api.stream;

import io.strategos.model.stream.ChangeListener;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes this replica's run streams when a run or status change of their user is committed, by any
 * executor-worker or strategy-api replica: V14's triggers NOTIFY on {@link #CHANNEL}.
 */
@ApplicationScoped
public class RunChangeListener extends ChangeListener {

    public static final String CHANNEL = "strategos_runs";

    public RunChangeListener() {
        super(CHANNEL);
    }
}
