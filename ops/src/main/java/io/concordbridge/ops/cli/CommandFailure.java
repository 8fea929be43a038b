package io.concordbridge.ops.cli;

/** A command that ends with a message for the user and an exit code, without a stack trace. */
public final class CommandFailure extends RuntimeException {

    private final int exitCode;

    public CommandFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
