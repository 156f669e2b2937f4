package dev.hotline.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for a test: Debian's {@code postgresql} binaries, {@code initdb} and {@code pg_ctl} in a
 * temporary directory, on a free loopback port, trust authentication for the user {@code hotline}. As root it runs
 * as the {@code postgres} user (PostgreSQL refuses root). Stopped and deleted by {@link #close()}.
 *
 * <p>Where the binaries are missing the test is skipped, except under {@code CI=true}, where it fails: CI installs them.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "hotline";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;

    private PostgresServer(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** Creates a cluster and starts it, or skips the test when PostgreSQL is not installed (fails under CI). */
    public static PostgresServer start() {
        Path bin = findBin();
        if (bin == null) {
            String why = "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql";
            if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(why);
            Assumptions.abort(why);
        }
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("hotline-pg-");
            if (root) run(List.of("chown", "postgres:postgres", dir.toString()), 30);
            PostgresServer s = new PostgresServer(bin, dir, freePort(), root);
            s.exec(30, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C");
            s.startServer();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/postgres?user=hotline}. */
    public String url() {
        return url("postgres");
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    /** Creates a database (runs {@code psql}); returns its URL. */
    public String createDatabase(String name) {
        psql("postgres", "CREATE DATABASE " + name);
        return url(name);
    }

    /** Runs SQL with {@code psql} and returns what it printed (unaligned, tuples only). */
    public String psql(String database, String sql) {
        Path psql = bin.resolve("psql");
        return exec(60, psql.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, "-d", database,
                "-v", "ON_ERROR_STOP=1", "-At", "-c", sql);
    }

    /** A fast stop: connections are cut, as in a crash of the client's view. */
    public void stop() {
        exec(60, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    public void startServer() {
        String opts = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        exec(60, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-o", opts, "-w", "-t", "60", "start");
        waitForPort();
    }

    public boolean running() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (running()) stop();
        } catch (RuntimeException e) {
            // deleting is all that is left
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    private void waitForPort() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!running()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("PostgreSQL did not open port " + port);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String exec(int timeoutSeconds, String... command) {
        List<String> cmd = new ArrayList<>();
        if (asRoot) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(command));
        try {
            return run(cmd, timeoutSeconds);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String run(List<String> cmd, int timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + text);
        return text.strip();
    }

    private static Path findBin() {
        String env = System.getenv("HOTLINE_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) return Path.of(env);
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer versionOf(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
