package dev.hotline.agent.trace;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real Hotline (pure-Java engine) plus a tracer weaving the fixture package, and helpers to read profiles. */
final class TracedRequests implements AutoCloseable {
    static final String FIXTURES = "traced.fixture.";

    final Hotline hotline;
    final LineTracer tracer;
    final WeavingClassLoader loader;
    private final BlockingQueue<Profile> profiles = new LinkedBlockingQueue<>();

    TracedRequests() {
        this(HotlineConfig.builder().packages("traced.fixture"));
    }

    TracedRequests(HotlineConfig.Builder config) {
        HotlineConfig c = config.engine(HotlineConfig.Engine.JAVA).textOutput(HotlineConfig.TextOutput.OFF)
                .environment(java.util.Map.of()).systemProperties(new java.util.Properties()).build();
        tracer = LineTracer.create(c);
        hotline = Hotline.start(c);
        hotline.addListener(profiles::add);
        loader = new WeavingClassLoader(FIXTURES, tracer.transformer());
    }

    Class<?> load(String simpleName) {
        try {
            return Class.forName(FIXTURES + simpleName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls a static method of a fixture class reflectively. */
    Object call(String simpleName, String method, Object... args) {
        try {
            for (Method m : load(simpleName).getDeclaredMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    m.setAccessible(true);
                    return m.invoke(null, args);
                }
            }
            throw new IllegalArgumentException("no method " + method);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} as one profiled request on the current thread and returns its profile. */
    Profile request(String path, Runnable work) {
        RequestProfile p = hotline.begin("GET", path, null, true);
        try {
            work.run();
        } finally {
            p.detach();
            p.end(200, null);
        }
        return next(path);
    }

    Profile next(String path) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Profile p = profiles.poll(1, TimeUnit.SECONDS);
                if (p != null && p.request().path().equals(path)) return p;
                if (p != null) profiles.add(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no profile for " + path);
    }

    @Override
    public void close() {
        hotline.close();
        tracer.close();
    }

    /** The line of the fixture source that carries {@code // LINE tag}. */
    static int lineOf(String tag) {
        try {
            List<String> src = Files.readAllLines(Path.of("src/test/java/traced/fixture/Workload.java"));
            for (int i = 0; i < src.size(); i++) if (src.get(i).endsWith("// LINE " + tag)) return i + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no line tagged " + tag);
    }

    static LineStats line(Profile p, String className, String method, String tag) {
        int n = lineOf(tag);
        return p.lines().stream()
                .filter(l -> l.frame().className().equals(className) && l.frame().methodName().equals(method) && l.frame().line() == n)
                .findFirst().orElseThrow(() -> new AssertionError("no line " + className + "." + method + ":" + n + " (" + tag + ") among the traced lines "
                        + p.lines().stream().filter(LineStats::traced).map(l -> l.frame().toString()).toList()));
    }

    static MethodStats method(Profile p, String className, String method) {
        Frame f = new Frame(className, method, className.contains("Workload") ? "Workload.java" : null, -1);
        return p.methods().stream()
                .filter(m -> m.method().className().equals(className) && m.method().methodName().equals(method) && m.traced())
                .findFirst().orElseThrow(() -> new AssertionError("no traced method " + f + " among " + p.methods().stream().filter(MethodStats::traced).map(m -> m.method().toString()).toList()));
    }
}
