package io.strategos.api.mapping;

import java.util.UUID;

/**
 * One event of the run stream: a run recorded ({@code execution}, without node logs) or a status
 * change ({@code statusChange}) of one of the caller's strategies. {@code seq} is the event's id.
 */
public record RunChangeView(long seq, UUID strategyId, ExecutionView execution, TransitionView statusChange) {
}
