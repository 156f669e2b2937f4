package dev.hotline.core.fleet;

import java.net.InetAddress;
import java.util.Objects;

/**
 * How one JVM names itself in the fleet store.
 *
 * @param service  the service it belongs to ({@code service}; by default the application's name where one is known)
 * @param instance this JVM ({@code instance}; by default {@code host:pid})
 * @param version  the version it runs ({@code version}; empty when not set)
 * @since 0.3
 */
public record FleetIdentity(String service, String instance, String version) {
    public FleetIdentity {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(instance, "instance");
        version = version == null ? "" : version;
    }

    /** {@code host:pid} of this JVM. */
    public static String defaultInstance() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * The application's name where one is known: {@code spring.application.name}, else the main jar's file name
     * without version and extension, else the main class's simple name, else {@code app}.
     */
    public static String defaultService() {
        String spring = System.getProperty("spring.application.name");
        if (spring != null && !spring.isBlank()) return spring.strip();
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "" : command.strip().split("\\s+")[0];
        if (first.endsWith(".jar")) {
            String name = first.substring(first.lastIndexOf('/') + 1, first.length() - ".jar".length());
            name = name.replaceFirst("-[0-9][0-9A-Za-z.\\-]*$", "");
            if (!name.isEmpty()) return name;
        } else if (!first.isEmpty()) {
            String simple = first.substring(first.lastIndexOf('.') + 1);
            if (!simple.isEmpty() && Character.isJavaIdentifierStart(simple.charAt(0))) return simple;
        }
        return "app";
    }
}
