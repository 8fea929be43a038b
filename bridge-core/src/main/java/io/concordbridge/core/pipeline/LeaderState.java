package io.concordbridge.core.pipeline;

/** What one side of a leader's pipeline (its capture, or the apply into it) is doing. */
public enum LeaderState {
    /** Not started yet, or connecting. */
    STARTING,
    /** Capturing every commit / applying as changes come. */
    RUNNING,
    /** Down: the leader is unreachable or the work failed; retried with backoff. */
    DOWN,
    /** Stopped by the operator. */
    STOPPED
}
