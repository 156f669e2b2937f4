package dev.hotline.sample.it;

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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clinic (or another Spring Boot app) started in a JVM of its own, on the class path of one Spring Boot version,
 * and an HTTP client for it. Spring Boot 3.5 is this test's own class path; 4.0 is the list the
 * {@code boot4-classpath} module resolved with Boot 4.0's BOM, plus Hotline's and the sample's classes.
 */
final class ForkedBoot implements AutoCloseable {
    static final Path AGENT_JAR = Path.of(System.getProperty("it.agentJar", "../hotline-agent/target/hotline-agent.jar"));
    private static final Pattern PORT = Pattern.compile("(?:Tomcat|Netty) started on port[s]?[ (:]*(\\d+)");
    private static final long START_SECONDS = 180;

    /** What goes on the app's class path besides Spring Boot, the app and its database. */
    enum Extra { STARTER, SECURITY, WEBFLUX }

    final Process process;
    final int port;
    final String version;
    private final List<String> output;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ForkedBoot(Process process, int port, String version, List<String> output) {
        this.process = process;
        this.port = port;
        this.version = version;
        this.output = output;
    }

    /** The Spring Boot versions to run on ({@code 3.5.x} and {@code 4.0.x}). */
    static List<String> versions() {
        return List.of(System.getProperty("it.bootVersions", "3.5.16,4.0.9").split(","));
    }

    /** This JVM and, when named ({@code -DmodernJvm=...}), the newer one. */
    static List<String> javas() {
        List<String> out = new ArrayList<>();
        out.add(thisJava());
        String modern = System.getProperty("it.modernJvm");
        if (modern != null && !modern.isBlank() && !modern.startsWith("$")) out.add(modern);
        return out;
    }

    static String thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Builds a command line for one app start. */
    static final class Launch {
        private final String version;
        private final List<Extra> extras = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private String java = thisJava();
        private String mainClass = "dev.hotline.sample.clinic.ClinicApplication";
        private Path workDir;

        Launch(String version) {
            this.version = version;
            args.addAll(List.of("--server.port=0", "--spring.main.banner-mode=off", "--spring.jmx.enabled=false"));
        }

        Launch with(Extra... e) { extras.addAll(List.of(e)); return this; }
        Launch java(String j) { this.java = j; return this; }
        Launch jvm(String... a) { jvmArgs.addAll(List.of(a)); return this; }
        Launch args(String... a) { args.addAll(List.of(a)); return this; }
        Launch main(String className) { this.mainClass = className; return this; }
        Launch in(Path dir) { this.workDir = dir; return this; }

        List<String> command() throws IOException {
            List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
            if (!java.equals(thisJava()) || Runtime.version().feature() >= 24) cmd.add("--enable-native-access=ALL-UNNAMED");
            cmd.addAll(jvmArgs);
            cmd.addAll(List.of("-cp", classPath(version, extras), mainClass));
            cmd.addAll(args);
            return cmd;
        }

        /** Starts the app and waits until Spring Boot says it started. */
        ForkedBoot start() throws Exception {
            Process p = process();
            List<String> output = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> ready = new CompletableFuture<>();
            int[] port = {-1};
            read(p, output, line -> {
                Matcher m = PORT.matcher(line);
                if (m.find()) port[0] = Integer.parseInt(m.group(1));
                if (line.contains("Started ") && line.contains(" in ") && port[0] > 0) ready.complete(port[0]);
            }, ready);
            try {
                return new ForkedBoot(p, ready.get(START_SECONDS, TimeUnit.SECONDS), version, output);
            } catch (Exception e) {
                p.destroyForcibly();
                throw new IllegalStateException("Spring Boot " + version + " app did not start: " + e.getMessage() + "\n" + String.join("\n", output), e);
            }
        }

        /** Runs an app that is expected to stop by itself; returns its exit status and output. */
        Exit runToExit() throws Exception {
            Process p = process();
            List<String> output = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> done = new CompletableFuture<>();
            read(p, output, line -> { }, done);
            if (!p.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("app did not stop:\n" + String.join("\n", output));
            }
            try {
                done.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // output fully read
            }
            return new Exit(p.exitValue(), String.join("\n", output));
        }

        private Process process() throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command()).redirectErrorStream(true);
            if (workDir != null) pb.directory(workDir.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("HOTLINE_"));
            return pb.start();
        }
    }

    record Exit(int status, String output) {}

    private static void read(Process p, List<String> output, java.util.function.Consumer<String> onLine, CompletableFuture<Integer> end) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // process gone
            }
            end.completeExceptionally(new IllegalStateException("app exited"));
        }, "forked-boot-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The app's class path for one Spring Boot version: the sample's classes, Hotline's (with {@link Extra#STARTER}),
     * and Spring Boot's jars without the optional parts this start leaves out.
     */
    static String classPath(String version, List<Extra> extras) throws IOException {
        List<String> own = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> entries = new ArrayList<>();
        if (version.startsWith("3.")) {
            entries.addAll(own);
        } else {
            for (String e : own) if (isHotline(e) || isSample(e)) entries.add(e);
            Path file = Path.of(System.getProperty("it.boot4ClassPath", "boot4-classpath/target/classpath.txt"));
            String listed = Files.readString(file).trim();
            if (!listed.contains("spring-boot-" + version)) throw new IllegalStateException(file + " is not Spring Boot " + version);
            entries.addAll(List.of(listed.split(File.pathSeparator)));
        }
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            String n = e.replace('\\', '/');
            String name = n.substring(n.lastIndexOf('/') + 1);
            if (n.contains("hotline-agent")) continue;
            if (!extras.contains(Extra.STARTER) && isHotline(e)) continue;
            if (!extras.contains(Extra.SECURITY) && (name.startsWith("spring-security-") || name.startsWith("spring-boot-starter-security")
                    || name.startsWith("spring-boot-security"))) continue;
            if (!extras.contains(Extra.WEBFLUX) && (name.startsWith("spring-webflux") || name.contains("webflux") || name.contains("reactor-netty")
                    || name.startsWith("netty-") || name.startsWith("spring-boot-netty") || name.startsWith("spring-boot-http-codec"))) continue;
            if (extras.contains(Extra.WEBFLUX) && (name.startsWith("spring-webmvc") || name.startsWith("tomcat-embed") || name.contains("tomcat")
                    || name.startsWith("spring-boot-webmvc") || name.startsWith("spring-boot-starter-web-"))) continue;
            out.add(e);
        }
        return String.join(File.pathSeparator, out);
    }

    private static boolean isHotline(String entry) {
        String n = entry.replace('\\', '/');
        return n.contains("hotline-core") || n.contains("hotline-servlet") || n.contains("hotline-ui")
                || n.contains("hotline-spring-boot-starter") || n.contains("/async-profiler");
    }

    private static boolean isSample(String entry) {
        String n = entry.replace('\\', '/');
        return n.contains("hotline-spring-boot-sample/target/");
    }

    /** Everything the app printed so far. */
    String printed() {
        return String.join("\n", output);
    }

    record Response(int status, java.net.http.HttpHeaders headers, String body) {}

    Response get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) b.headers(headers);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.headers(), r.body());
    }

    /** Basic authentication header for Spring Security. */
    static String[] basic(String user, String password) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    /** The native libraries the app's process has mapped (Linux), to tell whether async-profiler was loaded. */
    String mappedLibraries() throws IOException {
        Path maps = Path.of("/proc/" + process.pid() + "/maps");
        return Files.exists(maps) ? Files.readString(maps) : "";
    }

    /** Waits until {@code dir} holds at least {@code n} JSON profiles (or 30 s pass); returns them, sorted by name. */
    static List<Path> profiles(Path dir, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Path> files;
        do {
            files = list(dir);
            if (files.size() >= n) break;
            Thread.sleep(100);
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
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
