package io.strategos.api.stream;

import io.strategos.model.stream.ChangeListener;
import io.strategos.model.stream.RunChangeChannel;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes this replica's run streams when a run or status change of their user is committed, by any
 * executor-worker or strategy-api replica: both announce it on {@link RunChangeChannel}.
 */
@ApplicationScoped
public class RunChangeListener extends ChangeListener {

    public RunChangeListener() {
        super(RunChangeChannel.NAME);
    }
}
