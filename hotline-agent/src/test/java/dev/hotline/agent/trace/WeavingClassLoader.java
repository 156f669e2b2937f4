package dev.hotline.agent.trace;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads the classes of one package itself, passing their bytes through a transformer as the JVM would under the
 * agent; everything else comes from the parent, so woven code shares the tracer's runtime.
 */
final class WeavingClassLoader extends ClassLoader {
    private final String prefix;
    private final ClassFileTransformer transformer;
    private final Map<String, byte[]> extra = new HashMap<>();

    WeavingClassLoader(String packagePrefix, ClassFileTransformer transformer) {
        super(WeavingClassLoader.class.getClassLoader());
        this.prefix = packagePrefix;
        this.transformer = transformer;
    }

    /** A class that exists only as bytes (generated in a test). */
    void add(String name, byte[] bytes) {
        extra.put(name, bytes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(prefix) && !extra.containsKey(name)) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] original = extra.containsKey(name) ? extra.get(name) : read(name);
                byte[] woven;
                try {
                    woven = transformer.transform(this, name.replace('.', '/'), null, null, original);
                } catch (IllegalClassFormatException e) {
                    throw new ClassNotFoundException(name, e);
                }
                byte[] b = woven != null ? woven : original;
                c = defineClass(name, b, 0, b.length);
            }
            if (resolve) resolveClass(c);
            return c;
        }
    }

    private byte[] read(String name) throws ClassNotFoundException {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) throw new ClassNotFoundException(name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
