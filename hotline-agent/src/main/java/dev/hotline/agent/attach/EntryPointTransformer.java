package dev.hotline.agent.attach;

import dev.hotline.core.internal.FailureLog;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Weaves the request entry points of {@link EntryPoint#ALL} as their classes load; leaves every other class alone. */
final class EntryPointTransformer implements ClassFileTransformer {
    private final Map<String, EntryPoint> byClass = new HashMap<>();
    private final Consumer<String> say;

    EntryPointTransformer(Consumer<String> say) {
        for (EntryPoint e : EntryPoint.ALL) byClass.put(e.className(), e);
        this.say = say;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (className == null || redefined != null) return null;
        EntryPoint entry = byClass.get(className);
        if (entry == null) return null;
        try {
            byte[] woven = EntryPointWeaver.weave(bytes, entry);
            if (woven == null) {
                say.accept("not attached to " + entry.container() + ": " + entry.displayName() + " is not in the expected form");
                return null;
            }
            say.accept("attached to " + entry.container() + " (" + entry.displayName() + "): every request is profiled");
            return woven;
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("could not attach to " + entry.container() + "; its requests are not profiled", e);
            return null;
        }
    }
}
