package dev.hotline.agent.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Jetty 12 (ee9, jakarta.servlet 5) under the agent. The test class path has the 6.0 API of the other
 * containers; the app runs with the servlet 5 API the build copies to {@code target/it-servlet5} instead.
 */
class JettyEe9AgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return JettyEe9App.class; }
    @Override boolean bareUiPathReachesTheAgent() { return false; }
    @Override String container() { return "Jetty 12 (ee9)"; }

    @Override
    String classPath(boolean withHotline) {
        List<String> out = new ArrayList<>();
        Path dir = Path.of(System.getProperty("it.servlet5Dir", "target/it-servlet5"));
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> out.add(j.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("servlet 5 API missing (the build copies it in generate-test-resources)", e);
        }
        for (String e : ForkedApp.classPath(withHotline).split(File.pathSeparator)) {
            if (!e.replace('\\', '/').contains("/jakarta.servlet-api/")) out.add(e);
        }
        return String.join(File.pathSeparator, out);
    }
}
