package dev.hotline.agent.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An app started in its own JVM, with or without the agent, and an HTTP client for it. */
final class ForkedApp implements AutoCloseable {
    static final Path AGENT_JAR = Path.of(System.getProperty("it.agentJar", "target/hotline-agent.jar"));

    final Process process;
    final int port;
    private final List<String> output;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ForkedApp(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** The JVMs to run on: this one and, when named, the newer one ({@code -DmodernJvm=...}). */
    static List<String> javas() {
        List<String> out = new ArrayList<>();
        out.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modern = System.getProperty("it.modernJvm");
        if (modern != null && !modern.isBlank() && !modern.startsWith("$")) out.add(modern);
        return out;
    }

    /**
     * The test class path for the app: containers, servlet API and the shop; never the agent's own classes or
     * ASM (the agent jar must bring what it needs), and Hotline itself only when the app registers the filter.
     */
    static String classPath(boolean withHotline) {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.contains("/org/ow2/asm/")) continue;
            // The agent's jar brings its own (renamed) PostgreSQL driver; an app with the filter brings the real one.
            if (!withHotline && n.contains("/org/postgresql/")) continue;
            if (n.contains("hotline-agent/target/classes") || n.contains("hotline-agent/target/hotline-agent")) continue;
            if (!withHotline && (n.contains("hotline-core") || n.contains("hotline-servlet") || n.contains("hotline-ui") || n.contains("async-profiler"))) continue;
            out.add(e);
        }
        return String.join(File.pathSeparator, out);
    }

    static ForkedApp start(String java, String agentArgs, Class<?> main, String... args) throws Exception {
        return start(java, agentArgs, classPath(args.length > 0 && args[0].equals("filter")), main, args);
    }

    static ForkedApp start(String java, String agentArgs, String classPath, Class<?> main, String... args) throws Exception {
        return start(java, agentArgs, classPath, List.of(), main, args);
    }

    /** As above, with JVM options ({@code -Dhotline.store=...}) before the main class. */
    static ForkedApp start(String java, String agentArgs, String classPath, List<String> jvmOptions, Class<?> main, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto"));
        cmd.addAll(jvmOptions);
        if (agentArgs != null) cmd.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        if (Runtime.version().feature() >= 24 || !java.equals(javas().get(0))) cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of("-cp", classPath, main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("HOTLINE_"));
        Process p = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("READY ")) ready.complete(Integer.parseInt(line.substring(6).trim()));
                }
            } catch (IOException e) {
                // process gone
            }
            ready.completeExceptionally(new IllegalStateException("app exited before it was ready:\n" + String.join("\n", output)));
        }, "forked-app-output");
        reader.setDaemon(true);
        reader.start();
        int port;
        try {
            port = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("app did not start: " + e.getMessage() + "\n" + String.join("\n", output), e);
        }
        return new ForkedApp(p, port, output);
    }

    /** Everything the app printed so far. */
    String printed() {
        return String.join("\n", output);
    }

    /** A response as a client sees it, minus the headers that differ from one call to the next. */
    record Seen(int status, Map<String, List<String>> headers, String body) {}

    Seen get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, new String[0]);
    }

    /** A GET with request headers, given as name, value, name, value... */
    Seen get(String pathAndQuery, String... requestHeaders) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (requestHeaders.length > 0) b.headers(requestHeaders);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
        headers.remove("date");
        // Error pages name the URL they were asked for; the port differs from one JVM to the next.
        return new Seen(r.statusCode(), headers, r.body().replace("127.0.0.1:" + port, "127.0.0.1:PORT"));
    }

    /** A POST of a form. */
    Seen postForm(String path, String form) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
        headers.remove("date");
        return new Seen(r.statusCode(), headers, r.body());
    }

    /** Waits until {@code dir} holds {@code n} JSON profiles (or 15 s pass) and returns them, sorted by name. */
    static List<Path> profiles(Path dir, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<Path> files;
        do {
            files = list(dir);
            if (files.size() >= n) break;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return files;
    }

    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
