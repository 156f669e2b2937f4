package dev.hotline.demo;

/** A request the demo answers with an error status and a one-line plain-text message. */
final class Problem extends RuntimeException {
    private final int status;

    Problem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static Problem badRequest(String message) {
        return new Problem(400, message);
    }

    int status() {
        return status;
    }
}
