package dev.hotline.agent;

import dev.hotline.agent.attach.Attach;
import dev.hotline.agent.attach.BootstrapJar;
import dev.hotline.agent.trace.LineTracer;
import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.internal.FailureLog;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Hotline Java agent: {@code java -javaagent:hotline-agent.jar[=key=value,...] -jar app.jar}. Every request
 * served by Tomcat or Jetty is profiled, with no filter and no code change.
 *
 * <p>Arguments take the keys of {@link HotlineConfig} and rank as a filter's init-parameters do: {@code hotline.*}
 * system properties and {@code HOTLINE_*} environment variables override them. A list value continues over
 * commas ({@code packages=com.acme.shop,com.acme.lib}). Under the agent, {@code profile-dir} defaults to
 * {@code profiles} in the working directory. An invalid setting prints one line to stderr and the agent does not
 * attach; the agent never stops the application itself (a {@code HotlineFilter} the application registers reads
 * the same settings and may).
 *
 * @since 0.1
 */
public final class HotlineAgent {
    static final String DEFAULT_PROFILE_DIR = "profiles";
    /** How long a first request waits for the profiler to finish starting; later ones never wait. */
    private static final long START_WAIT_SECONDS = 5;

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch READY = new CountDownLatch(1);
    private static volatile Hotline hotline;
    private static volatile boolean attached;

    private HotlineAgent() {}

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /**
     * Whether the agent is attached: its settings were valid and it hooks the containers' entry points.
     * Applications that register {@code HotlineFilter} themselves can skip it then (the filter would pass
     * every request through anyway).
     */
    public static boolean isAttached() {
        return attached;
    }

    /**
     * The agent's profiler, once started; {@code null} when the agent is not attached or the profiler could not
     * start. Waits for the start (a few milliseconds after the JVM starts) at most 5 s.
     */
    public static Hotline hotline() {
        if (!attached) return null;
        try {
            READY.await(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return hotline;
    }

    static void start(String args, Instrumentation inst) {
        if (!STARTED.compareAndSet(false, true)) return;
        HotlineConfig config;
        try {
            config = configure(args);
        } catch (IllegalArgumentException e) { // ConfigException included
            say(refused(e.getMessage()));
            return;
        }
        if (!config.enabled()) {
            say("profiling is switched off (enabled=false, " + config.origin("enabled") + "); nothing attached");
            return;
        }
        try {
            BootstrapJar.prepare(inst);
            Attach.install(inst, HotlineAgent::hotline, HotlineAgent::say);
        } catch (IOException | RuntimeException | LinkageError e) {
            say("could not attach (" + e + "); the agent profiles nothing");
            return;
        }
        attached = true;
        // Tracing must be in place before the application's classes load, so it is not deferred.
        String tracing;
        try {
            LineTracer.install(inst, config);
            tracing = config.packages().isEmpty() ? "no packages traced (packages=...)" : "tracing packages " + config.packages();
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("line tracing could not start; requests are sampled only", e);
            tracing = "line tracing off (it could not start)";
        }
        // The engine (a native library) loads while the application starts, not before it.
        Thread starter = new Thread(() -> startProfiler(config, inst), "hotline-agent-start");
        starter.setDaemon(true);
        starter.start();
        say("profiling every request of " + Attach.containers() + "; " + tracing + "; profiles to " + (config.profileDir() == null ? "no directory" : config.profileDir().toAbsolutePath()));
    }

    private static void startProfiler(HotlineConfig config, Instrumentation inst) {
        try {
            Hotline h = Hotline.start(config);
            // Without configured packages, the classes loaded from a directory or BOOT-INF/WEB-INF classes are the
            // application's: looked at once, on the pipeline thread, when the first profile is built.
            if (inst != null) h.applicationCode().addLoadedClasses(() -> java.util.Arrays.asList(inst.getAllLoadedClasses()));
            hotline = h;
            // Profiles still queued when the application exits are written, as the filter's destroy does.
            Runtime.getRuntime().addShutdownHook(new Thread(h::close, "hotline-agent-shutdown"));
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("Hotline could not start; requests are not profiled", e);
        } finally {
            READY.countDown();
        }
    }

    /** Agent arguments as explicit settings, under system properties and environment variables. */
    static HotlineConfig configure(String args) {
        return configure(args, HotlineConfig.builder());
    }

    static HotlineConfig configure(String args, HotlineConfig.Builder builder) {
        Map<String, String> parsed = AgentArguments.parse(args);
        builder.explicitSource("agent argument");
        if (!parsed.containsKey("profile-dir")) builder.set("profile-dir", DEFAULT_PROFILE_DIR);
        parsed.forEach(builder::set);
        return builder.build();
    }

    /**
     * What the agent says when its settings are refused. It does not promise that the application starts: an
     * application that registers {@code HotlineFilter} itself reads the same settings and stops on them.
     */
    static String refused(String why) {
        String w = why != null && why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
        return w + "; the agent is not attached and profiles nothing (a HotlineFilter in the application, if any,"
                + " reads the same settings and refuses them too)";
    }

    private static void say(String line) {
        System.err.println("Hotline agent: " + line);
    }
}
