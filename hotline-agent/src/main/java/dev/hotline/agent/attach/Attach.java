package dev.hotline.agent.attach;

import dev.hotline.agent.bootstrap.EntryHooks;
import dev.hotline.core.Hotline;

import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Zero-code attach: the request entry points of Tomcat, Jetty and Undertow are woven as they load, and call Hotline for
 * every request. Not API. {@link BootstrapJar#prepare} must have run first.
 */
public final class Attach {
    private Attach() {}

    /** Installs the hooks and the transformer that weaves the entry points. */
    public static void install(Instrumentation inst, Supplier<Hotline> hotline, Consumer<String> say) {
        EntryHooks.install(new RequestContexts(new ServletHooks(hotline), EntryPoint.ALL));
        inst.addTransformer(new EntryPointTransformer(say), false);
    }

    /** The containers the agent attaches to, for the start line. */
    public static String containers() {
        return EntryPoint.ALL.stream().map(EntryPoint::container).distinct().collect(Collectors.joining(", "));
    }
}
