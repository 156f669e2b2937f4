package dev.hotline.cli;

import java.io.PrintStream;

/**
 * A progress line on standard error ({@code reading 4,200/10,000 profiles}), redrawn in place at most ten times
 * a second, and only when standard error is a terminal: nothing at all goes to a file or a pipe.
 */
final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long lastDraw;
    private int width;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
        this.lastDraw = System.nanoTime();
    }

    void update(int done, int total, String what) {
        if (!enabled) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && done < total) return;
        lastDraw = now;
        String line = "reading " + Messages.count(done) + "/" + Messages.count(total) + " " + what;
        err.print("\r" + line + (line.length() < width ? " ".repeat(width - line.length()) : ""));
        err.flush();
        width = Math.max(width, line.length());
    }

    /** Removes the line, so a warning or the next output starts on a clean line. */
    void clear() {
        if (!enabled || width == 0) return;
        err.print("\r" + " ".repeat(width) + "\r");
        err.flush();
        width = 0;
    }
}
