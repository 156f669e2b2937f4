package dev.hotline.agent.trace;

import dev.hotline.core.internal.FailureLog;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weaves the selected classes as they load. A class it cannot weave is returned unchanged (the transformer
 * answers {@code null}) with one log line saying why; classes being redefined or retransformed are left alone,
 * since probes must not change a loaded class's shape. Thread-safe.
 */
final class TraceTransformer implements ClassFileTransformer {
    private static final System.Logger LOG = FailureLog.log();

    private final ClassSelector selector;
    private final ClassWeaver weaver;
    private final String dumpClass;
    private final Path dumpDir;
    final AtomicLong woven = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong weavingNs = new AtomicLong();

    TraceTransformer(ClassSelector selector, ClassWeaver weaver, String dumpClass, Path dumpDir) {
        this.selector = selector;
        this.weaver = weaver;
        this.dumpClass = dumpClass == null ? null : dumpClass.replace('.', '/');
        this.dumpDir = dumpDir;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (redefined != null || loader == null || !selector.selects(className)) return null;
        return weave(className, bytes);
    }

    /** The woven bytes of a selected class, or {@code null} to keep it as it is. Never throws. */
    byte[] weave(String className, byte[] bytes) {
        long start = System.nanoTime();
        byte[] out = null;
        try {
            ClassWeaver.Result r = weaver.weave(bytes);
            out = r.bytes();
            if (out == null && r.nothingToTrace()) {
                // An interface (a Spring Data repository) or package-info: nothing to trace is not a warning.
                LOG.log(System.Logger.Level.DEBUG, "Hotline: " + className.replace('/', '.') + " not traced: " + r.reason());
            } else if (out == null) {
                refused.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "Hotline: " + className.replace('/', '.') + " not traced: " + r.reason());
            } else {
                woven.incrementAndGet();
                if (!r.skipped().isEmpty()) {
                    LOG.log(System.Logger.Level.INFO, "Hotline: " + className.replace('/', '.') + " traced except " + r.skipped());
                }
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            out = null;
            refused.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "Hotline: " + className.replace('/', '.') + " not traced: weaving failed (" + e + ")");
        } finally {
            weavingNs.addAndGet(System.nanoTime() - start);
        }
        if (className.equals(dumpClass)) dump(className, bytes, out);
        return out;
    }

    private void dump(String className, byte[] original, byte[] traced) {
        Path dir = dumpDir != null ? dumpDir : Path.of(System.getProperty("java.io.tmpdir"));
        String base = className.replace('/', '.');
        try {
            Files.createDirectories(dir);
            Path o = Files.write(dir.resolve(base + ".original.class"), original);
            String where = o.toString();
            if (traced != null) where += " and " + Files.write(dir.resolve(base + ".traced.class"), traced);
            LOG.log(System.Logger.Level.INFO, "Hotline: wrote " + where);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Hotline: could not write the bytes of " + base + " to " + dir + " (" + e + ")");
        }
    }
}
