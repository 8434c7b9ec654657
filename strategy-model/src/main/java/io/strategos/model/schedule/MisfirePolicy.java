package io.strategos.model.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a strategy does about the slots it missed while it could not run (downtime, backlog). */
public enum MisfirePolicy {
    /** One catch-up run for all the missed slots, then back on schedule. */
    @JsonProperty("run_once")
    RUN_ONCE,
    /** Forget the missed slots and wait for the next future one. */
    @JsonProperty("skip")
    SKIP
}
