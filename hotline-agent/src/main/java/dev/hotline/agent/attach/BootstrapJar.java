package dev.hotline.agent.attach;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts {@code EntryHooks} alone on the bootstrap class path, so container classes in any class loader can
 * call it. Names it only as a string: this class must not make the JVM load it from the agent jar first.
 * Not API.
 */
public final class BootstrapJar {
    private static final String ENTRY = "dev/hotline/agent/bootstrap/EntryHooks.class";

    private BootstrapJar() {}

    public static void prepare(Instrumentation inst) throws IOException {
        Path jar = Files.createTempFile("hotline-agent-bootstrap", ".jar");
        jar.toFile().deleteOnExit();
        try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(ENTRY);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) throw new IOException(ENTRY + " is missing from the agent jar");
            out.putNextEntry(new JarEntry(ENTRY));
            in.transferTo(out);
            out.closeEntry();
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
