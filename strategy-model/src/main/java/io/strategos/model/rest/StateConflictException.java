package io.strategos.model.rest;

/** The strategy's current state does not allow the requested change: 409. */
public class StateConflictException extends RuntimeException {

    private final String currentState;

    public StateConflictException(String currentState, String message) {
        super(message + " (current state: " + currentState + ")");
        this.currentState = currentState;
    }

    public String currentState() {
        return currentState;
    }
}
