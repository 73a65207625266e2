package org.mfs.deploy;

/** Why the stack could not start, with the exit code the launcher ends with. */
public final class StackException extends RuntimeException {

    /** A bad flag or environment value. */
    public static final int USAGE = 2;
    /** A port the stack needs is taken (or something from an earlier run still runs). */
    public static final int PORT_TAKEN = 3;
    /** Something did not start or did not become ready. */
    public static final int START_FAILED = 1;

    private final int exitCode;

    public StackException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public StackException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static StackException usage(String message) {
        return new StackException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
