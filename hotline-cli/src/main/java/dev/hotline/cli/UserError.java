package dev.hotline.cli;

/**
 * Something the user can fix: a bad argument, a missing, unreadable or malformed file. Reported as one line
 * on standard error, exit status 1, never with a stack trace.
 */
final class UserError extends Exception {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message, null, false, false);
    }
}
