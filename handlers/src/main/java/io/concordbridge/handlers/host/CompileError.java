package io.concordbridge.handlers.host;

/**
 * A handler file that does not compile, or breaks the sandbox's compile-time rules: the first error's
 * place and text ({@code orders.groovy:3:5: new File(...) is not allowed in a handler: no file access}).
 */
public final class CompileError extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public CompileError(String file, int line, int column, String reason, int more) {
        super(file + ":" + line + ":" + column + ": " + reason + (more > 0 ? " (and " + more + " more)" : ""));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The first error's text, without its place. */
    public String reason() {
        return reason;
    }
}
