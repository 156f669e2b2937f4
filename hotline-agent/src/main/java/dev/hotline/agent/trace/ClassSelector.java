package dev.hotline.agent.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * Which classes are woven: those in the selected packages (a prefix matches whole name segments), never the JDK,
 * servlet containers, Hotline's library modules, or hidden and generated lambda classes. Hotline's demo application
 * ({@code dev.hotline.demo}) and the benchmarks' load-test application ({@code dev.hotline.bench.app}) are
 * applications like any other and are woven when selected.
 */
final class ClassSelector {
    /** Internal-name prefixes never woven, whatever the packages setting says. */
    static final List<String> NEVER = List.of(
            "java/", "javax/", "jakarta/", "jdk/", "sun/", "com/sun/",
            "org/apache/catalina/", "org/apache/coyote/", "org/apache/tomcat/", "org/apache/jasper/", "org/apache/naming/",
            "org/eclipse/jetty/", "io/undertow/", "org/xnio/", "org/jboss/",
            "dev/hotline/core/", "dev/hotline/agent/", "dev/hotline/servlet/", "dev/hotline/ui/", "dev/hotline/cli/",
            "dev/hotline/bench/", "org/objectweb/asm/", "one/profiler/");
    /** Applications inside a refused prefix: the benchmarks' load-test app is traced like any application. */
    static final List<String> APPLICATIONS = List.of("dev/hotline/bench/app/");

    private final List<String> prefixes = new ArrayList<>();

    ClassSelector(List<String> packages) {
        for (String p : packages) prefixes.add(p.replace('.', '/') + '/');
    }

    boolean isEmpty() {
        return prefixes.isEmpty();
    }

    /** @param internalName {@code com/acme/Shop$Cart} */
    boolean selects(String internalName) {
        if (internalName == null || internalName.contains("$$Lambda") || internalName.contains("/0x")) return false;
        boolean application = APPLICATIONS.stream().anyMatch(internalName::startsWith);
        if (!application) for (String n : NEVER) if (internalName.startsWith(n)) return false;
        for (String p : prefixes) if (internalName.startsWith(p)) return true;
        return false;
    }
}
