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
 * Tomcat 9 (javax.servlet 4) under the agent. Tomcat 9 has the class names of Tomcat 10.1, so it runs from the
 * jars the build copies to {@code target/it-tomcat9} instead of the test class path's Tomcat and servlet APIs.
 */
class Tomcat9AgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return Tomcat9App.class; }
    @Override String container() { return "Tomcat"; }
    @Override String servletSource() { return "JavaxShopServlet.java"; }
    @Override boolean appCanRegisterFilter() { return false; }

    @Override
    String classPath(boolean withHotline) {
        List<String> out = new ArrayList<>();
        for (String e : ForkedApp.classPath(withHotline).split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.contains("/org/apache/tomcat/") || n.contains("servlet-api")) continue;
            out.add(e);
        }
        Path dir = Path.of(System.getProperty("it.tomcat9Dir", "target/it-tomcat9"));
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> out.add(j.toAbsolutePath().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Tomcat 9 jars missing (the build copies them in generate-test-resources)", e);
        }
        return String.join(File.pathSeparator, out);
    }
}
