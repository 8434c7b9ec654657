package io.strategos.executor.claim;

import java.time.Instant;

/**
 * Where a strategy stood when a run of it was claimed: its counters and the limits of its
 * deployment. Whether the run stops the strategy is decided from this, in Java, so that the
 * recording transaction can lock the strategy row before its run state, in the order strategy-api
 * locks them. While the lease is held no other scheduled run of the strategy can move the counters;
 * a manual run recorded meanwhile can, and may delay an auto-pause by that one run.
 */
public record Standing(long totalExecutions, int consecutiveErrors, int autoPauseAfterErrors, Long maxExecutions,
                       Instant expiresAt) {

    /** A strategy that has never run, with no limits but the default auto-pause after 3 failures. */
    public static final Standing FRESH = new Standing(0, 0, 3, null, null);
}
