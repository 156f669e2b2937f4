package dev.hotline.servlet;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * For tests that need root features (mounts, {@code chattr}): skipped with the reason when not root, except under
 * {@code CI=true}, where they fail instead, so that CI never passes without running them.
 */
final class RootOnly {
    private RootOnly() {}

    /** Aborts (or, under CI, fails) the test unless running as root on Linux with the given commands. */
    static void require(String... commands) {
        String why = missing(commands);
        if (why == null) return;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError("cannot run under CI: " + why);
        Assumptions.abort(why);
    }

    private static String missing(String... commands) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return "needs Linux";
        for (String c : commands) {
            boolean found = false;
            for (String d : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/sbin:/usr/sbin").split(":")) {
                if (Files.isExecutable(Path.of(d, c))) found = true;
            }
            if (!found) return "the command " + c + " is not installed";
        }
        try {
            String uid = run("id", "-u").trim();
            if (!uid.equals("0")) return "needs root (running as uid " + uid + ")";
        } catch (Exception e) {
            return "cannot tell the user id: " + e.getMessage();
        }
        return null;
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + text);
        return text;
    }

    static void quietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException | InterruptedException ignored) {
            // already undone
        }
    }
}
